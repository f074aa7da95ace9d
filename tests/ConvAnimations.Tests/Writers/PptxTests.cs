using System.IO.Compression;
using System.Xml.Linq;
using ConvAnimations.Pipeline;
using ConvAnimations.Spec;
using ConvAnimations.Tests.Support;
using ConvAnimations.Writers;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using SkiaSharp;

namespace ConvAnimations.Tests.Writers;

/// <summary>
/// The PowerPoint decks of every kind of figure: valid for the OpenXML SDK's validator, native shapes only, a slide
/// per frame of the frame's size with Morph between them, the theme's colours as the presentation's; LibreOffice
/// (one run for every deck) draws each slide like its PNG frame (at most 3% of pixels differing by more than 64; the
/// text is in LibreOffice's font).
/// </summary>
public sealed class PptxTests
{
    private static readonly XNamespace A = "http://schemas.openxmlformats.org/drawingml/2006/main";
    private static readonly XNamespace P = "http://schemas.openxmlformats.org/presentationml/2006/main";

    private static IEnumerable<Figure> Kinds() =>
        TikzTests.GuideNames.Select(Repo.Figure)
            .Concat(TikzTests.OtherBodies.Select(f => Figures.Parse($"figures:\n  - name: {f.Name}\n    {f.Body}\n")))
            .Select(f => f with { Formats = [OutputFormat.Png, OutputFormat.Pptx], Panels = new Panels(f.Panels?.Frames ?? [0, 1], f.Panels?.Columns ?? 1, [OutputFormat.Png, OutputFormat.Pptx]) });

    [Fact]
    public async Task Every_kind_of_figure_is_a_valid_deck_of_native_shapes_that_libreoffice_draws_like_its_frames()
    {
        using var dir = new TempDirectory();
        var figures = Kinds().ToList();
        var results = await RenderPipeline.RunAsync(figures.Select(f => f.Prepared()).ToList(), new RenderOptions(dir.Path));
        Assert.All(results, r => Assert.True(r.Outcome == FigureOutcome.Rendered, r.Error));

        var decks = new List<(string Pptx, IReadOnlyList<string> Pngs)>();
        foreach (var figure in figures)
        {
            var frames = figure.FrameCount;
            var pngs = Enumerable.Range(0, frames).Select(i => FigureOutputs.FramePath(dir.Path, figure.Name, OutputFormat.Png, i, frames)).ToList();
            var deck = FigureOutputs.AnimationPath(dir.Path, figure.Name, OutputFormat.Pptx);
            AssertNativeDeck(deck, pngs);
            decks.Add((deck, pngs));
            var panels = FigureOutputs.PanelsPath(dir.Path, figure.Name, OutputFormat.Pptx);
            AssertNativeDeck(panels, [FigureOutputs.PanelsPath(dir.Path, figure.Name, OutputFormat.Png)]);
            decks.Add((panels, [FigureOutputs.PanelsPath(dir.Path, figure.Name, OutputFormat.Png)]));
        }
        // The theme's input colour made red in the presentation's theme: every input cell follows.
        var recoloured = dir.File("recoloured.pptx");
        File.Copy(FigureOutputs.AnimationPath(dir.Path, "dilation", OutputFormat.Pptx), recoloured);
        using (var zip = ZipFile.Open(recoloured, ZipArchiveMode.Update))
        {
            var entry = zip.Entries.Single(e => e.FullName.StartsWith("ppt/theme/", StringComparison.Ordinal));
            string theme;
            using (var reader = new StreamReader(entry.Open())) theme = reader.ReadToEnd();
            Assert.Contains("<a:accent1><a:srgbClr val=\"268BD2\"/></a:accent1>", theme, StringComparison.Ordinal);
            entry.Delete();
            using var writer = new StreamWriter(zip.CreateEntry("ppt/theme/theme1.xml").Open());
            writer.Write(theme.Replace("<a:accent1><a:srgbClr val=\"268BD2\"/>", "<a:accent1><a:srgbClr val=\"FF0000\"/>", StringComparison.Ordinal));
        }

        var pdfs = LibreOffice.ToPdf(dir.Path, [.. decks.Select(d => d.Pptx), recoloured]);
        foreach (var (pptx, pngs) in decks)
        {
            var pdf = pdfs[pptx];
            Assert.Equal(pngs.Count, TikzTests.Latex.PageCount(pdf));
            foreach (var page in new[] { 1, pngs.Count / 2 + 1, pngs.Count }.Distinct())
            {
                using var expected = IndependentReaders.Decode(pngs[page - 1]);
                Assert.Equal((expected.Width, expected.Height), TikzTests.Latex.PageSize(pdf, page));
                using var drawn = IndependentReaders.RasterizePdf(pdf, expected.Width, expected.Height, page);
                var share = IndependentReaders.ShareDiffering(expected, drawn);
                Assert.True(share <= 0.03, $"{Path.GetFileName(pptx)} slide {page}: {share:P2} of the pixels differ from {Path.GetFileName(pngs[page - 1])}");
            }
        }

        using var png = IndependentReaders.Decode(FigureOutputs.FramePath(dir.Path, "dilation", OutputFormat.Png, 0, 9));
        using var red = IndependentReaders.RasterizePdf(pdfs[recoloured], png.Width, png.Height);
        var blue = new SKColor(0x26, 0x8B, 0xD2);
        var (input, nowRed) = (0, 0);
        for (var y = 0; y < png.Height; y++)
        {
            for (var x = 0; x < png.Width; x++)
            {
                if (!Close(png.GetPixel(x, y), blue)) continue;
                input++;
                if (Close(red.GetPixel(x, y), SKColors.Red)) nowRed++;
            }
        }
        Assert.True(input > 5000 && nowRed > 0.95 * input, $"{nowRed} of {input} input pixels turned red");
    }

    private static bool Close(SKColor a, SKColor b) => Math.Abs(a.Red - b.Red) + Math.Abs(a.Green - b.Green) + Math.Abs(a.Blue - b.Blue) < 40;

    /// <summary>
    /// Valid; a slide per PNG, each its size; no picture; each map a named group of shapes in the theme's colours;
    /// from the second slide on the Morph transition with the fade fallback.
    /// </summary>
    private static string ShapeName(XElement element) =>
        (string?)element.Ancestors().First(a => a.Name == P + "sp" || a.Name == P + "cxnSp").Descendants(P + "cNvPr").First().Attribute("name") ?? "";

    private static void AssertNativeDeck(string path, IReadOnlyList<string> pngs)
    {
        using var document = PresentationDocument.Open(path, false);
        var errors = new OpenXmlValidator(FileFormatVersions.Microsoft365).Validate(document).ToList();
        Assert.True(errors.Count == 0, $"{Path.GetFileName(path)}: {string.Join("\n", errors.Take(5).Select(e => $"{e.Path?.XPath} {e.Description}"))}");
        var presentation = document.PresentationPart!;
        var slides = presentation.Presentation.SlideIdList!.Elements<DocumentFormat.OpenXml.Presentation.SlideId>()
            .Select(id => (SlidePart)presentation.GetPartById(id.RelationshipId!)).ToList();
        Assert.Equal(pngs.Count, slides.Count);
        using (var first = IndependentReaders.Decode(pngs[0]))
        {
            var size = presentation.Presentation.SlideSize!;
            Assert.Equal((first.Width * 12700L, first.Height * 12700L), ((long)size.Cx!.Value, (long)size.Cy!.Value));
        }
        for (var s = 0; s < slides.Count; s++)
        {
            Assert.Empty(slides[s].ImageParts);
            var xml = XDocument.Load(slides[s].GetStream());
            Assert.Empty(xml.Descendants(P + "pic"));
            // Every colour is one of the theme's, but for the kernel taps' edges (view: connectivity), which the theme has no slots for.
            Assert.All(xml.Descendants(A + "srgbClr"), c => Assert.Contains("edge", ShapeName(c), StringComparison.Ordinal));
            var groups = xml.Descendants(P + "grpSp").Select(g => (string?)g.Element(P + "nvGrpSpPr")?.Element(P + "cNvPr")?.Attribute("name")).ToList();
            Assert.Contains(groups, g => g is not null && (g.StartsWith("input", StringComparison.Ordinal) || g.StartsWith("plane", StringComparison.Ordinal)));
            Assert.True(xml.Descendants(P + "sp").Count() + xml.Descendants(P + "cxnSp").Count() > 20);
            var morph = xml.Root!.Elements().Where(e => e.Name.LocalName == "AlternateContent").ToList();
            if (s == 0 || pngs.Count == 1)
            {
                Assert.Empty(morph);
                continue;
            }
            var choice = Assert.Single(morph).Elements().First();
            Assert.Equal("p159", (string?)choice.Attribute("Requires"));
            Assert.Contains(choice.Descendants(), e => e.Name.LocalName == "morph");
            Assert.Contains(morph[0].Elements().Last().Descendants(), e => e.Name.LocalName == "fade");
        }
    }

    /// <summary>
    /// Many decks converted to PDF by one LibreOffice, with a profile of its own and, besides the machine's fonts, the
    /// font the decks ask for (CMU Serif, the frames' font, which the project ships), as on a lecturer's machine that
    /// has it: the comparison is of the shapes and the text's places, not of a substitute font's widths.
    /// </summary>
    private static class LibreOffice
    {
        public static Dictionary<string, string> ToPdf(string directory, IReadOnlyList<string> decks)
        {
            var output = Path.Combine(directory, "libreoffice");
            var profile = new Uri(Path.Combine(directory, "libreoffice-profile")).AbsoluteUri;
            var fonts = Path.Combine(directory, "fonts.conf");
            File.WriteAllText(fonts, $"""
                <?xml version="1.0"?>
                <!DOCTYPE fontconfig SYSTEM "fonts.dtd">
                <fontconfig>
                  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
                  <dir>{Path.Combine(Repo.Root, "src", "ConvAnimations", "Assets", "Fonts")}</dir>
                  <cachedir>{Path.Combine(directory, "fontconfig-cache")}</cachedir>
                </fontconfig>
                """);
            var result = Processes.Run("soffice", [$"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", output, .. decks],
                directory, new Dictionary<string, string> { ["FONTCONFIG_FILE"] = fonts }, TimeSpan.FromMinutes(20));
            Assert.True(result.ExitCode == 0, $"soffice: {result.Stdout}{result.Stderr}");
            return decks.ToDictionary(d => d, d =>
            {
                var pdf = Path.Combine(output, Path.GetFileNameWithoutExtension(d) + ".pdf");
                Assert.True(File.Exists(pdf), $"LibreOffice did not convert {Path.GetFileName(d)}: {result.Stdout}{result.Stderr}");
                return pdf;
            });
        }
    }
}
