using System.Diagnostics;
using ConvAnimations.Preparation;
using ConvAnimations.Rendering;
using ConvAnimations.Spec;
using ConvAnimations.Tests.Support;
using ConvAnimations.Views;
using ConvAnimations.Writers;
using SkiaSharp;

namespace ConvAnimations.Tests.Writers;

/// <summary>
/// panels: {width, text, letters} makes a page for a paper: its width as asked, and every text of it the stated size
/// when included at that width, measured from the PDF as poppler draws it (the glyphs' height against the page width).
/// </summary>
public sealed class PaperPanelsTests
{
    private static Figure Parse(string figure) => Figures.Parse($"figures:\n  - {figure}\n");

    [Theory]
    [InlineData("120mm", 8, 340.157)]
    [InlineData("3.5in", 10, 252)]
    [InlineData("9cm", 6, 255.118)]
    public void Letters_under_the_panels_are_the_stated_size_at_the_stated_width(string width, int text, double points)
    {
        var figure = Parse($"{{name: f, input: 5, kernel: 3, stride: 2, padding: 1, panels: {{frames: [0, 1, 2, 3], columns: 2, width: {width}, text: {text}pt, letters: true}}}}");
        using var dir = new TempDirectory();
        var pdf = dir.File("f.pdf");
        Write(figure, pdf);

        var info = Processes.Run("pdfinfo", [pdf]).Stdout;
        var size = System.Text.RegularExpressions.Regex.Match(info, @"Page size:\s+([0-9.]+) x ([0-9.]+) pts");
        var pageWidth = double.Parse(size.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(pageWidth, points - 0.5, points + 0.5);

        // Poppler at 10 px a point; the lowest line of ink is the letters: "(a)" spans the parentheses' height.
        Processes.Run("pdftoppm", ["-r", "720", "-gray", "-png", "-singlefile", pdf, dir.File("page")]);
        using var page = SKBitmap.Decode(dir.File("page.png"));
        var (top, bottom) = LowestLine(page);
        var measured = (bottom - top + 1) / (double)page.Width * points;
        using var font = Fonts.SerifFont();
        font.Size = text;
        using var outline = font.GetTextPath("(a)", new SKPoint(0, 0));
        var bounds = outline.TightBounds;
        Assert.True(Math.Abs(measured / bounds.Height - 1) < 0.03, $"the letters are {measured:0.00} pt high in the PDF, {bounds.Height:0.00} pt at {text} pt");
        // CMU Serif's parentheses span 1 em: the letters are the stated size.
        Assert.InRange(bounds.Height / text, 0.95, 1.05);
    }

    [Fact]
    public void Labels_and_legend_appear_once_under_the_panels_and_the_panels_fill_the_width()
    {
        var figure = Parse("{name: f, kind: transposed, input: 6, kernel: 3, stride: 2, padding: 1, labels: full, legend: true, theme: print, panels: {columns: 2, frames: [0, 1, 2, 3], width: 120mm, letters: true}}");
        var prepared = new PreparedFigure(figure);
        using var page = new PaperPanels(prepared.Scene, figure.Panels!);
        Assert.Equal(340, page.Size.Width);
        // Two panels a row take the width less the margins and the gap.
        Assert.InRange(2 * page.Frame.Width, 340 - 2 * 8 - 4 - 8, 340 - 2 * 8 - 4);
        using var dir = new TempDirectory();
        var svg = dir.File("f.svg");
        Write(figure, svg, OutputFormat.Svg);
        // In points, for whatever includes the SVG: 120 mm wide.
        var text = File.ReadAllText(svg);
        Assert.Matches(@"<svg [^>]*width=""340pt"" height=""([0-9.]+)pt"" viewBox=""0 0 340 \1""", text);
    }

    [Fact]
    public void Text_and_letters_need_a_width_and_lengths_need_their_unit()
    {
        foreach (var (panels, message) in new[]
        {
            ("{letters: true}", "panels: text and letters make a page for a paper, which needs its width"),
            ("{width: 120}", "panels.width: expected a length with its unit, such as 120mm"),
            ("{width: 60cm}", "panels.width: 60cm is out of range: use 1in to 20in"),
            ("{width: 12cm, text: 30pt}", "panels.text: 30pt is out of range"),
            ("{width: 12cm, letters: yes}", "panels.letters: expected true or false"),
        })
        {
            var file = ViewTable.Default.Parse($"figures:\n  - {{name: f, input: 5, kernel: 3, panels: {panels}}}\n", "test.yaml");
            Assert.Contains(file.Errors, e => e.Message.Contains(message, StringComparison.Ordinal));
        }
    }

    private static void Write(Figure figure, string path, OutputFormat? format = null)
    {
        var prepared = new PreparedFigure(figure);
        using var renderer = new SceneRenderer(prepared.Scene);
        using var stream = File.Create(path);
        new PanelsTarget(((StillWriter)FigureOutputs.WriterOf(format ?? OutputFormat.Pdf)).Format, path, figure.Panels!).Write(stream, new Drawing(prepared, renderer));
    }

    /// <summary>The rows of the lowest band of ink on a page: from its top to its bottom.</summary>
    internal static (int Top, int Bottom) LowestLine(SKBitmap page)
    {
        bool Ink(int y) => Enumerable.Range(0, page.Width).Any(x => page.GetPixel(x, y).Red < 160);
        var bottom = page.Height - 1;
        while (bottom > 0 && !Ink(bottom)) bottom--;
        var top = bottom;
        while (top > 0 && Ink(top - 1)) top--;
        return (top, bottom);
    }
}

/// <summary>A page for a paper included in LaTeX at its width: its letters as high as LaTeX's own at the stated size.</summary>
public sealed class PaperInLatexTests
{
    [Fact]
    public void Included_at_its_width_the_letters_match_latexs_own_at_the_stated_size()
    {
        using var dir = new TempDirectory();
        var figure = Figures.Parse("figures:\n  - {name: f, input: 5, kernel: 3, panels: {frames: [0, 1], columns: 2, width: 120mm, text: 8pt, letters: true}}\n");
        var prepared = new PreparedFigure(figure);
        using (var renderer = new SceneRenderer(prepared.Scene))
        using (var stream = File.Create(dir.File("panels.pdf")))
        {
            new PanelsTarget(StillFormat.Pdf, dir.File("panels.pdf"), figure.Panels!).Write(stream, new Drawing(prepared, renderer));
        }
        // The figure on a page of its own at width=120mm, and on the next page LaTeX's "(a)" at 8 pt in Computer
        // Modern, whose CMU Serif is the font we ship.
        File.WriteAllText(dir.File("page.tex"), """
            \documentclass{article}
            \usepackage[paperwidth=140mm,paperheight=120mm,margin=10mm]{geometry}
            \usepackage{graphicx}
            \pagestyle{empty}
            \begin{document}
            \noindent\includegraphics[width=120mm]{panels.pdf}
            \newpage
            \noindent{\fontsize{8}{10}\selectfont (a)}
            \end{document}
            """);
        var latex = Processes.Run("pdflatex", ["-interaction=nonstopmode", "-halt-on-error", "page.tex"], dir.Path);
        Assert.True(latex.ExitCode == 0, latex.Stdout);
        Processes.Run("pdftoppm", ["-r", "720", "-gray", "-png", dir.File("page.pdf"), dir.File("p")]);
        var pages = Directory.GetFiles(dir.Path, "p-*.png").Order().ToList();
        Assert.Equal(2, pages.Count);
        // Ours: the lowest line of ink (the letters); LaTeX's: its only line.
        static double Height(string file)
        {
            using var page = SKBitmap.Decode(file);
            var (top, bottom) = PaperPanelsTests.LowestLine(page);
            return bottom - top + 1;
        }
        var (ours, theirs) = (Height(pages[0]), Height(pages[1]));
        Assert.True(Math.Abs(ours / theirs - 1) < 0.03, $"(a) is {ours} px high in the figure, {theirs} px as LaTeX sets it at 8 pt");
    }
}

/// <summary>Numbers in the cells of a page for a paper too small to read are warned about, with what to change.</summary>
public sealed class PaperLegibilityTests
{
    [Fact]
    public void Numbers_smaller_than_5_pt_are_warned_about()
    {
        const string Figure = "{name: n, input: 5, kernel: 3, padding: 1, values: {seed: 1}, panels: {frames: [0, 1, 2], columns: COLUMNS, width: 120mm}}";
        var crowded = FigureLoader.Parse($"figures:\n  - {Figure.Replace("COLUMNS", "3")}\n", "test.yaml");
        var warning = Assert.Single(crowded.Warnings);
        Assert.Matches(@"test\.yaml:2:5: warning: figure 'n': panels: the numbers in the cells would be [0-9.]+ pt on a page 340.2 pt wide in 3 columns", warning);
        Assert.Empty(FigureLoader.Parse($"figures:\n  - {Figure.Replace("COLUMNS", "1")}\n", "test.yaml").Warnings);
    }
}
