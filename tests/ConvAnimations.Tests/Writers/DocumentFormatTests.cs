using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using ConvAnimations.Pipeline;
using ConvAnimations.Spec;
using ConvAnimations.Tests.Support;
using ConvAnimations.Writers;

namespace ConvAnimations.Tests.Writers;

/// <summary>
/// The formats written as one document from the scene, without a browser: every figure of figures.yaml writes both,
/// well formed, with a group of marks per frame, the player's data and a policy whose hashes are those of its style and
/// script; the same bytes from run to run (each format's files: WriterTableTests).
/// </summary>
public sealed partial class DocumentFormatTests
{
    [Fact]
    public void The_player_and_the_animated_svg_are_named_after_the_figure()
    {
        Assert.Equal("f.animated.svg", Path.GetFileName(FigureOutputs.AnimationPath("d", "f", OutputFormat.AnimatedSvg)));
        Assert.Equal("f.html", Path.GetFileName(FigureOutputs.AnimationPath("d", "f", OutputFormat.Html)));
    }

    [Fact]
    public async Task Every_figure_writes_a_player_and_an_animated_svg_with_a_group_for_each_frame_and_the_same_bytes_each_time()
    {
        var figures = Repo.FigureNames().Select(n => Repo.Figure((string)n[0]) with { Formats = [OutputFormat.Html, OutputFormat.AnimatedSvg], Panels = null }).ToList();
        using var first = new TempDirectory();
        using var second = new TempDirectory();
        Assert.All(await RenderPipeline.RunAsync(figures.Prepared(), new RenderOptions(first.Path)), r => Assert.True(r.Outcome == FigureOutcome.Rendered, r.Error));
        await RenderPipeline.RunAsync(figures.Prepared(), new RenderOptions(second.Path));
        XNamespace svg = "http://www.w3.org/2000/svg";
        foreach (var figure in figures)
        {
            var prepared = figure.Prepared();
            var frames = figure.FrameCount;
            foreach (var name in new[] { $"{figure.Name}.html", $"{figure.Name}.animated.svg" })
            {
                Assert.True(File.ReadAllBytes(first.File(name)).AsSpan().SequenceEqual(File.ReadAllBytes(second.File(name))), $"{name} differs between runs");
            }

            // The animated SVG: XML, its title the alt text, every frame with marks in groups of their own.
            var document = XDocument.Load(first.File($"{figure.Name}.animated.svg")).Root!;
            Assert.Equal(prepared.Alt(), document.Element(svg + "title")!.Value);
            var groups = document.Descendants(svg + "g").Select(g => (string?)g.Attribute("class")).OfType<string>()
                .Select(c => FrameClass().Match(c)).Where(m => m.Success).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
            var withMarks = Enumerable.Range(0, frames).Where(n => prepared.Scene.Frames[n].Marks.Count > 0);
            Assert.True(withMarks.All(groups.Contains), $"{figure.Name}: frames without a group");

            // The player: a policy that allows exactly its style and its script, its data, the alt text as its name.
            var page = File.ReadAllText(first.File($"{figure.Name}.html"));
            var policy = Regex.Match(page, "http-equiv=\"Content-Security-Policy\" content=\"([^\"]*)\"").Groups[1].Value;
            string Hash(string text) => "'sha256-" + Convert.ToBase64String(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text))) + "'";
            Assert.Equal($"default-src 'none'; style-src {Hash(Regex.Match(page, "<style>(.*?)</style>", RegexOptions.Singleline).Groups[1].Value)}; " +
                         $"script-src {Hash(Regex.Match(page, "<script>(.*?)</script>", RegexOptions.Singleline).Groups[1].Value)}; img-src data:; base-uri 'none'; form-action 'none'", policy);
            Assert.Contains($"aria-label=\"{System.Net.WebUtility.HtmlEncode(prepared.Alt())}\"", page);
            var data = JsonDocument.Parse(Regex.Match(page, "<script type=\"application/json\">(.*?)</script>", RegexOptions.Singleline).Groups[1].Value).RootElement;
            Assert.Equal(frames, data.GetProperty("n").GetInt32());
            Assert.Equal(prepared.Scene.Links.Links.Count, data.GetProperty("l").GetArrayLength());
        }
        // Every view's linked cells: the kernel views, the channels, the matrix, the composed figures, the stacks (not the diagrams, nor the blocks).
        Assert.All(figures.Where(f => f.View.Name is not ("hops" or "blocks")), f => Assert.True(f.Prepared().Scene.Links.Links.Count > 0, $"{f.Name} has no linked cells"));
    }

    [GeneratedRegex(@"\bv([0-9]+)\b")]
    private static partial Regex FrameClass();
}
