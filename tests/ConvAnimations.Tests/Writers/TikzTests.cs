using System.Text;
using ConvAnimations.Pipeline;
using ConvAnimations.Rendering;
using ConvAnimations.Spec;
using ConvAnimations.Tests.Cli;
using ConvAnimations.Tests.Support;
using ConvAnimations.Writers;
using SkiaSharp;

namespace ConvAnimations.Tests.Writers;

/// <summary>
/// The TikZ source of every kind of figure, compiled by pdflatex (Debian's texlive-latex-base and texlive-pictures,
/// nothing else) without a warning, and its pages drawn by poppler: each matches the PNG frame (at most 2% of pixels
/// differing by more than 64; the text is TeX's). Editing a style changes what the page shows.
/// </summary>
public sealed class TikzTests
{
    /// <summary>Every kind and view: the guide's, numbers, pooling, the looks, the matrix, hops, subsampling, channels, a sequence, units and edges, the scatter.</summary>
    internal static readonly string[] GuideNames =
    [
        "dilation", "padding_strides_odd_transposed", "numerical_padding_strides", "numerical_average_pooling", "numerical_max_pooling",
        "padding_strides_odd_transposed_labelled", "numerical_padding_strides_labelled", "dilation_print", "no_padding_no_strides_matrix",
        "no_padding_no_strides_transposed_matrix", "convolution_then_transposed", "counting_positions_strides", "strides_as_subsampling",
        "full_picture", "numerical_two_channels", "why_zero_padding", "nn_vs_cnn", "transposed_scatter",
    ];

    /// <summary>And 1-D, numbers on the slant in the dark theme, sizes per axis with uneven padding.</summary>
    internal static readonly (string Name, string Body)[] OtherBodies =
    [
        ("causal_1d", "input: [1, 9]\n    kernel: [1, 3]\n    padding: causal\n    labels: full\n    values: {seed: 5}"),
        ("numerical_isometric", $"style: isometric\n    input: 4\n    kernel: 3\n    theme: solarized-dark\n    labels: full\n    {OutputFormatTests.Values.Replace("[[3, 3, 2, 1, 0], [0, 0, 1, 3, 1], [3, 1, 2, 2, 3], [2, 0, 0, 2, 2], [2, 0, 0, 0, 1]]", "[[3, 3, 2, 1], [0, 0, 1, 3], [3, 1, 2, 2], [2, 0, 0, 2]]", StringComparison.Ordinal)}"),
        ("per_axis", "input: [6, 7]\n    kernel: [2, 3]\n    dilation: [2, 1]\n    stride: [1, 2]\n    padding: {top: 1, bottom: 0, left: 0, right: 1}\n    labels: sizes"),
    ];

    public static TheoryData<string> GuideFigures => new(GuideNames);

    public static TheoryData<string, string> OtherFigures
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var (name, body) in OtherBodies) data.Add(name, body);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(GuideFigures))]
    public async Task Every_frame_of_the_guides_figures_compiles_and_matches_its_png(string name) =>
        await CompilesAndMatches(Repo.Figure(name) with { Formats = [OutputFormat.Png, OutputFormat.Tikz], Panels = PanelsOf(Repo.Figure(name)) });

    [Theory]
    [MemberData(nameof(OtherFigures))]
    public async Task Every_frame_of_other_figures_compiles_and_matches_its_png(string name, string body) =>
        await CompilesAndMatches(Figures.Parse($"figures:\n  - name: {name}\n    formats: [png, tikz]\n    panels: {{frames: [0, 1], formats: [png, tikz]}}\n    {body}\n"));

    private static Panels PanelsOf(Figure figure) =>
        new(figure.Panels?.Frames ?? [0], figure.Panels?.Columns ?? 1, [OutputFormat.Png, OutputFormat.Tikz]);

    /// <summary>
    /// Renders the figure, compiles every frame's picture and the panels' in one document (a page each, the page the
    /// picture's size, as its own .tex makes it) and the first frame's and the panels' own .tex files, then compares
    /// pages with their PNGs.
    /// </summary>
    private static async Task CompilesAndMatches(Figure figure)
    {
        using var dir = new TempDirectory();
        var result = Assert.Single(await RenderPipeline.RunAsync([figure.Prepared()], new RenderOptions(dir.Path)));
        Assert.True(result.Outcome == FigureOutcome.Rendered, result.Error);
        var frames = figure.FrameCount;
        var pictures = Enumerable.Range(0, frames).Select(i => FigureOutputs.FramePath(dir.Path, figure.Name, OutputFormat.Tikz, i, frames)).ToList();
        var pngs = Enumerable.Range(0, frames).Select(i => FigureOutputs.FramePath(dir.Path, figure.Name, OutputFormat.Png, i, frames)).ToList();
        pictures.Add(FigureOutputs.PanelsPath(dir.Path, figure.Name, OutputFormat.Tikz));
        pngs.Add(FigureOutputs.PanelsPath(dir.Path, figure.Name, OutputFormat.Png));

        // Each .tex is the picture of the .tikz beside it in a document: the same picture, compiled alone below.
        foreach (var tikz in pictures)
        {
            var picture = File.ReadAllText(tikz).TrimEnd('\n', '%');
            Assert.Contains(picture, File.ReadAllText(Path.ChangeExtension(tikz, ".tex")), StringComparison.Ordinal);
        }
        var all = Latex.Compile(dir.Path, Latex.Pages(pictures));
        Assert.Equal(pictures.Count, Latex.PageCount(all));
        // The first, a middle and the last frame (each draws a different window, lines and output cell), and the panels.
        foreach (var page in new[] { 1, frames / 2 + 1, frames, frames + 1 }.Distinct())
        {
            var (tikz, png) = (pictures[page - 1], pngs[page - 1]);
            using var expected = IndependentReaders.Decode(png);
            Assert.Equal((expected.Width, expected.Height), Latex.PageSize(all, page));
            using var drawn = IndependentReaders.RasterizePdf(all, expected.Width, expected.Height, page);
            var share = IndependentReaders.ShareDiffering(expected, drawn);
            Assert.True(share <= 0.02, $"{Path.GetFileName(tikz)}: {share:P2} of the pixels differ from {Path.GetFileName(png)}");
        }
        foreach (var tex in new[] { pictures[0], pictures[^1] }.Select(p => Path.ChangeExtension(p, ".tex")))
        {
            var pdf = Latex.Compile(Path.GetDirectoryName(tex)!, File.ReadAllText(tex), Path.GetFileNameWithoutExtension(tex));
            using var expected = IndependentReaders.Decode(Path.ChangeExtension(tex, ".png"));
            Assert.Equal((expected.Width, expected.Height), Latex.PageSize(pdf, 1));
        }
    }

    [Fact]
    public async Task Changing_the_input_cell_style_recolours_every_input_cell_of_the_compiled_page()
    {
        using var dir = new TempDirectory();
        var figure = Repo.Figure("dilation") with { Formats = [OutputFormat.Png, OutputFormat.Tikz], Panels = null };
        await RenderPipeline.RunAsync([figure.Prepared()], new RenderOptions(dir.Path));
        var tikz = FigureOutputs.FramePath(dir.Path, "dilation", OutputFormat.Tikz, 0, 9);
        var source = File.ReadAllText(tikz);
        const string Style = "input cell/.style={fill=input,";
        Assert.Single(source.Split('\n'), l => l.Contains(Style, StringComparison.Ordinal));
        File.WriteAllText(tikz, source.Replace(Style, "input cell/.style={fill=red,", StringComparison.Ordinal));
        var pdf = Latex.Compile(dir.Path, Latex.Pages([tikz]));
        using var png = IndependentReaders.Decode(FigureOutputs.FramePath(dir.Path, "dilation", OutputFormat.Png, 0, 9));
        using var page = IndependentReaders.RasterizePdf(pdf, png.Width, png.Height);

        // Where the frame shows the input's blue (away from lines), the page now shows red; blue is left nowhere.
        var blue = new SKColor(0x26, 0x8B, 0xD2);
        int input = 0, red = 0, stillBlue = 0;
        for (var y = 0; y < png.Height; y++)
        {
            for (var x = 0; x < png.Width; x++)
            {
                if (Close(page.GetPixel(x, y), blue)) stillBlue++;
                if (!Close(png.GetPixel(x, y), blue)) continue;
                input++;
                if (Close(page.GetPixel(x, y), SKColors.Red)) red++;
            }
        }
        Assert.True(input > 5000, $"{input} input pixels");
        Assert.True(red > 0.95 * input, $"{red} of {input} input pixels are red");
        Assert.True(stillBlue < 0.005 * input, $"{stillBlue} pixels still blue");
    }

    private static bool Close(SKColor a, SKColor b) => Math.Abs(a.Red - b.Red) + Math.Abs(a.Green - b.Green) + Math.Abs(a.Blue - b.Blue) < 40;

    [Fact]
    public async Task The_source_names_its_colours_and_parts_and_writes_cells_in_cells_and_text_in_math()
    {
        using var dir = new TempDirectory();
        var figure = Repo.Figure("numerical_padding_strides_labelled") with { Formats = [OutputFormat.Tikz], Panels = null };
        await RenderPipeline.RunAsync([figure.Prepared()], new RenderOptions(dir.Path));
        var source = File.ReadAllText(FigureOutputs.FramePath(dir.Path, figure.Name, OutputFormat.Tikz, 4, 9));
        Assert.StartsWith("% numerical\\_padding\\_strides\\_labelled, frame 4 of 9", source, StringComparison.Ordinal);
        Assert.Contains(@"\definecolor{input}{HTML}{56B4E9}", source, StringComparison.Ordinal); // colorblind's sky blue
        foreach (var part in new[] { "input cell", "output cell", "padding cell", "kernel tap", "window", "dashed grid", "label", "weight", "input number", "output number", "caption", "legend" })
        {
            Assert.Contains($"  {part}/.style={{", source, StringComparison.Ordinal);
        }
        Assert.Contains(@"\path[input cell] (1,1) rectangle +(1,1);", source, StringComparison.Ordinal);
        Assert.Contains(@"\path[padding cell] (0,0) rectangle +(1,1);", source, StringComparison.Ordinal);
        Assert.Contains(@"\path[kernel tap] (2,2) rectangle +(1,1);", source, StringComparison.Ordinal);
        Assert.Contains(@"{$3$};", source, StringComparison.Ordinal);
        Assert.Contains(@"{input $5\times 5$};", source, StringComparison.Ordinal);
        Assert.Contains("map 1/.style={shift={(", source, StringComparison.Ordinal); // flat: the output map is shifted
        // Every command is short: one cell, line or label a line.
        Assert.All(source.Split('\n').Where(l => l.StartsWith('\\') && !l.StartsWith(@"\definecolor", StringComparison.Ordinal)), l => Assert.True(l.Length < 120, l));

        var slanted = File.ReadAllText(await Written("dilation", 0));
        Assert.Contains("map 0/.style={cm={1,0.5,-0.7,0.65,(", slanted, StringComparison.Ordinal); // the guide's slant
        Assert.Contains(@"\draw[connector] ([map 0]0,0) -- ([map 1]", slanted, StringComparison.Ordinal);
    }

    private static async Task<string> Written(string name, int frame)
    {
        var dir = Directory.CreateTempSubdirectory("convanim-tikz-").FullName;
        var figure = Repo.Figure(name) with { Formats = [OutputFormat.Tikz], Panels = null };
        await RenderPipeline.RunAsync([figure.Prepared()], new RenderOptions(dir));
        return FigureOutputs.FramePath(dir, name, OutputFormat.Tikz, frame, figure.FrameCount);
    }

    [Fact]
    public async Task The_bytes_are_the_same_from_run_to_run()
    {
        var figure = Repo.Figure("numerical_two_channels") with { Formats = [OutputFormat.Tikz, OutputFormat.Pptx] };
        figure = figure with { Panels = figure.Panels! with { Formats = [OutputFormat.Tikz, OutputFormat.Pptx] } };
        using var first = new TempDirectory();
        using var second = new TempDirectory();
        await RenderPipeline.RunAsync([figure.Prepared()], new RenderOptions(first.Path));
        await Task.Delay(1100); // a clock in a file would now show
        await RenderPipeline.RunAsync([figure.Prepared()], new RenderOptions(second.Path));
        var targets = FigureOutputs.Of(figure, first.Path);
        Assert.Contains(targets, t => t.Path.EndsWith(".panels.tex", StringComparison.Ordinal));
        foreach (var target in targets)
        {
            var again = target.Path.Replace(first.Path, second.Path, StringComparison.Ordinal);
            Assert.True(File.ReadAllBytes(target.Path).AsSpan().SequenceEqual(File.ReadAllBytes(again)), $"{Path.GetFileName(target.Path)} differs between runs");
        }
    }

    [Fact]
    public void The_frame_command_writes_a_frame_as_tikz()
    {
        using var dir = new TempDirectory();
        var result = InProcess.Convanim("frame", "dilation", "4", "--file", Repo.FiguresFile, "--out", dir.File("x.tikz"));
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.StartsWith("% dilation, frame 4 of 9", File.ReadAllText(dir.File("x.tikz")), StringComparison.Ordinal);
        Latex.Compile(dir.Path, Latex.Pages([dir.File("x.tikz")]));
    }

    [Theory]
    [InlineData("k = 3, s = 2, p = 1", "$k = 3$, $s = 2$, $p = 1$")]
    [InlineData("k = 3, s = 2, p = 1; i' = 3, a = 1, p' = 1", "$k = 3$, $s = 2$, $p = 1$; $i' = 3$, $a = 1$, $p' = 1$")]
    [InlineData("input 5x5", @"input $5\times 5$")]
    [InlineData("output of the transposed convolution 6x6", @"output of the transposed convolution $6\times 6$")]
    [InlineData("input 0: 3\u00D70 + 3\u00D71 = 3", @"input $0$: $3\times 0 + 3\times 1 = 3$")]
    [InlineData("output 0 (1, 2) = 12 + 3 = 15", "output $0$ $(1, 2) = 12 + 3 = 15$")]
    [InlineData("output 0 (0, 0) = max(3, 2, 1) = 3", @"output $0$ $(0, 0) = \max(3, 2, 1) = 3$")]
    [InlineData("in_channels = 2, out_channels = 3", @"in\_channels $= 2$, out\_channels $= 3$")]
    [InlineData("w", "$w$")]
    [InlineData("0,1", "$0,1$")]
    [InlineData("-1.5", "$-1.5$")]
    [InlineData("1-D", "$1$-D")]
    [InlineData("a diagram", "a diagram")]
    [InlineData("100% & #1 {x} ~ ^ \\ _", @"$100$\% \& \#$1$ \{x\} \textasciitilde{} \textasciicircum{} \textbackslash{} \_")]
    [InlineData("caf\u00E9 \u2026 \u4E2D", @"caf\'e \dots{} ?")]
    public void Text_is_latex_with_its_mathematics_in_math_mode(string text, string tex) => Assert.Equal(tex, TexText.Of(text));

    [Fact]
    public void Any_text_compiles_without_a_warning()
    {
        using var dir = new TempDirectory();
        var texts = new[] { "100% & #1 {x} ~ ^ \\ _ $ < > |", "caf\u00E9 \u2026 \u4E2D \u00D7 \u00B7 \u2212 \u1D40", "(", ")", "max(", "x", "= = =", "1.2.3", "'", "a_" };
        var body = string.Join("\n\n", texts.Select(t => TexText.Of(t)));
        Latex.Compile(dir.Path, $"\\documentclass{{article}}\n\\begin{{document}}\n{body}\n\\end{{document}}\n");
    }

    /// <summary>Running pdflatex on a document and reading its log.</summary>
    internal static class Latex
    {
        /// <summary>A document of one page per picture, each page the picture's size (as a frame's .tex makes it).</summary>
        public static string Pages(IEnumerable<string> pictures)
        {
            var text = new StringBuilder("\\documentclass{article}\n\\usepackage{tikz}\n\\begin{document}\n\\pdfhorigin=0pt \\pdfvorigin=0pt\n");
            foreach (var picture in pictures)
            {
                text.Append($"\\setbox0=\\hbox{{\\input{{{picture}}}}}\\pdfpagewidth=\\wd0 \\pdfpageheight=\\ht0 \\shipout\\box0\n");
            }
            return text.Append("\\end{document}\n").ToString();
        }

        /// <summary>Compiles <paramref name="document"/> in <paramref name="directory"/>; fails on an error or any warning, overfull box or missing character.</summary>
        public static string Compile(string directory, string document, string name = "pages")
        {
            var tex = Path.Combine(directory, name + ".tex");
            File.WriteAllText(tex, document);
            var result = Processes.Run("pdflatex", ["-interaction=nonstopmode", "-halt-on-error", "-output-directory", directory, tex], directory);
            var log = File.Exists(Path.ChangeExtension(tex, ".log")) ? File.ReadAllText(Path.ChangeExtension(tex, ".log")) : "";
            Assert.True(result.ExitCode == 0, $"pdflatex {name}.tex failed:\n{result.Stdout[^Math.Min(3000, result.Stdout.Length)..]}");
            foreach (var problem in new[] { "Warning", "Overfull", "Underfull", "Missing character" })
            {
                Assert.False(log.Contains(problem, StringComparison.Ordinal), $"pdflatex {name}.tex: {problem}\n{Excerpt(log, problem)}");
            }
            return Path.ChangeExtension(tex, ".pdf");
        }

        private static string Excerpt(string log, string word)
        {
            var at = log.IndexOf(word, StringComparison.Ordinal);
            return log[Math.Max(0, at - 300)..Math.Min(log.Length, at + 500)];
        }

        /// <summary>pdfinfo's size of page <paramref name="page"/>, in points rounded to whole pixels of a frame.</summary>
        public static (int Width, int Height) PageSize(string pdf, int page)
        {
            var info = Processes.Run("pdfinfo", ["-f", page.ToString(System.Globalization.CultureInfo.InvariantCulture), "-l", page.ToString(System.Globalization.CultureInfo.InvariantCulture), pdf]).Stdout;
            var line = info.Split('\n').Single(l => l.StartsWith($"Page {page,4} size:", StringComparison.Ordinal) || (page == 1 && l.StartsWith("Page size:", StringComparison.Ordinal)));
            var parts = line[(line.IndexOf("size:", StringComparison.Ordinal) + 5)..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            static int Whole(string text) => (int)Math.Round(double.Parse(text, System.Globalization.CultureInfo.InvariantCulture));
            return (Whole(parts[0]), Whole(parts[2]));
        }

        public static int PageCount(string pdf)
        {
            var info = Processes.Run("pdfinfo", [pdf]).Stdout;
            return int.Parse(info.Split('\n').Single(l => l.StartsWith("Pages:", StringComparison.Ordinal))["Pages:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
