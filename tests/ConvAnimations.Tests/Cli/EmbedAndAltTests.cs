using System.Net;
using System.Text.RegularExpressions;
using ConvAnimations.Pipeline;
using ConvAnimations.Spec;
using ConvAnimations.Tests.Support;
using ConvAnimations.Views;
using ConvAnimations.Writers;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace ConvAnimations.Tests.Cli;

/// <summary>
/// Alt text (written from the arithmetic, or given as <c>alt:</c>) and <c>convanim embed</c>: the snippets read back
/// by what reads them (Markdig for Markdown, pdflatex for LaTeX), their paths leading to the files.
/// </summary>
public sealed partial class EmbedAndAltTests
{
    private const string Yaml = """
        figures:
          - name: conv
            input: 5
            kernel: 3
            stride: 2
            padding: 1
            formats: [html, animated_svg, pdf]
            panels: {frames: [0, 1], formats: [pdf]}
          - name: described
            title: Described in the file
            alt: 'My own words: a kernel & its [window] over the #input, 100% "quoted"'
            input: 4
            kernel: 3
            formats: [pdf]
          - name: none
            input: 4
            kernel: 3
            formats: [png]
        """;

    [Fact]
    public void The_alt_text_is_written_from_the_arithmetic_unless_the_file_gives_one()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("f.yaml"), Yaml);
        var conv = InProcess.Convanim("explain", "conv", "--file", dir.File("f.yaml"), "--alt");
        Assert.Equal(0, conv.ExitCode);
        Assert.Equal("A 3×3 kernel slides with stride 2 over a 5×5 input padded by 1 on each side, giving a 3×3 output; " +
                     "each frame highlights one output cell and the 9 cells it sums.\n", conv.Stdout);
        var described = InProcess.Convanim("explain", "described", "--file", dir.File("f.yaml"), "--alt");
        Assert.Equal("My own words: a kernel & its [window] over the #input, 100% \"quoted\"\n", described.Stdout);
        Assert.Equal(2, InProcess.Convanim("explain", "conv", "--file", dir.File("f.yaml"), "--alt", "--json").ExitCode);
    }

    [Theory]
    [InlineData("alt: ''", "alt: expected text")]
    [InlineData("alt: [a, b]", "alt: expected text")]
    [InlineData("alt: \"tab\\there\"", "alt: holds the control character U+0009")]
    public void A_bad_alt_text_is_an_error_at_its_place(string alt, string message)
    {
        var file = ViewTable.Default.Parse($"figures:\n  - name: f\n    input: 4\n    kernel: 3\n    {alt}\n", "f.yaml");
        Assert.False(file.IsValid);
        Assert.Contains(file.Errors, e => e.ToString().StartsWith("f.yaml:5:", StringComparison.Ordinal) && e.ToString().Contains(message, StringComparison.Ordinal));
        var tooLong = ViewTable.Default.Parse($"figures:\n  - name: f\n    input: 4\n    kernel: 3\n    alt: {new string('a', ValueRules.MaxAltLength + 1)}\n", "f.yaml");
        Assert.Contains(tooLong.Errors, e => e.ToString().Contains("alt: 1001 characters is too long", StringComparison.Ordinal));
        // A composed figure takes its own.
        var composed = ViewTable.Default.Parse("figures:\n  - {name: a, input: 4, kernel: 3}\n  - {name: b, sequence: [a, a], alt: Twice the same}\n", "f.yaml");
        Assert.True(composed.IsValid, string.Join("\n", composed.Errors));
        Assert.Equal("Twice the same", composed.Figures.Single(f => f.Name == "b").Alt);
    }

    [Fact]
    public void Every_view_writes_an_alt_text_of_its_own()
    {
        var alts = Repo.FigureNames().Select(n => (string)n[0]).ToDictionary(n => n, n => Repo.Prepared(n).Alt());
        Assert.All(alts, a => Assert.Matches(@"^[A-Z0-9].*\.$", a.Value));
        Assert.Contains("The transposed convolution of a 3×3 kernel with stride 2 and padding 1, drawn as a direct convolution: the 3×3 input gets 1 zero inserted " +
                        "between neighbouring cells and is padded by 1 at the top and left and 2 at the bottom and right", alts["padding_strides_odd_transposed"]);
        Assert.EndsWith("the output, row by row: 6.0, 17.0, 3.0; 8.0, 17.0, 13.0; 6.0, 4.0, 4.0.", alts["numerical_padding_strides"]);
        Assert.StartsWith("A depthwise convolution of 3 input maps of 5×5 and 3 output maps: each output map reads one input map", alts["depthwise"]);
        Assert.Contains("y = C x, with C 4×16", alts["no_padding_no_strides_matrix"]);
        Assert.Contains("1 + 1 hop = 2 positions each way: the output is 2×2", alts["counting_positions_strides"]);
        Assert.StartsWith("2 figures one after another. First: A 3×3 kernel slides over a 4×4 input", alts["convolution_then_transposed"]);
        // A chain says its maps, not its first layer alone.
        Assert.Equal("A chain of 4 layers drawn as its maps one above the other, the input at the bottom: a 1×16 input, then hidden layer, dilation 1 (1×16); " +
                     "hidden layer, dilation 2 (1×16); hidden layer, dilation 4 (1×16); output, dilation 8 (1×16). Each frame highlights one cell of the last map " +
                     "and the cells it depends on in every map below (1×16 cells of the input).", alts["wavenet"]);
        // Units and edges: a dense layer's n·m weights against a convolution's k shared by (i - k + 1)·k edges.
        Assert.Contains("7 input units in a row below and 5 output units above, every input joined to every output, 35 weights, one an edge", alts["nn_vs_cnn"]);
        Assert.Contains("an edge for each entry of C, 3 weights shared by 15 edges", alts["nn_vs_cnn"]);
        // why_zero_padding: input [1, 5], kernel 3, transposed: 3 inputs, p' = 2 zero units at each end of the equivalent's grid.
        Assert.Contains("the 1×7 grid of the input with 4 zero units (padding and inserted zeros) drawn dashed", alts["why_zero_padding"]);
        Assert.Contains("the edges that compute it (1 to 3)", alts["why_zero_padding"]);
        // The scatter: k = 3, s = 2 overlaps 1, 2 and 4 times away from the border (Odena et al.'s checkerboard), and its
        // output is the zero-insertion view's, read out the same way.
        Assert.Contains("1, 2 and 4 away from the border, unevenly, a checkerboard", alts["transposed_scatter"]);
        var numbers = Regex.Match(alts["transposed_both_ways"], "row by row: ([^.]*)\\.").Groups[1].Value;
        Assert.Equal(2, Regex.Matches(alts["transposed_both_ways"], Regex.Escape(numbers)).Count);
        Assert.StartsWith("A chain of 4 layers drawn as blocks of feature maps", alts["lenet_features"]);
        Assert.EndsWith("S4: average pooling 2x2 (16×5×5). Each frame adds a layer, the network growing from its input.", alts["lenet_features"]);
    }

    [Fact]
    public async Task Embed_prints_snippets_whose_paths_lead_to_the_files_and_whose_alt_is_the_figures()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("f.yaml"), Yaml);
        var figures = FigureLoaderFile(dir.File("f.yaml"));
        var output = dir.File("site/static/figures");
        Assert.All(await RenderPipeline.RunAsync(figures, new RenderOptions(output)), r => Assert.Equal(FigureOutcome.Rendered, r.Outcome));
        var page = Directory.CreateDirectory(dir.File("site/content/post")).FullName;
        var conv = figures.Single(f => f.Name == "conv");
        var alt = conv.Alt();

        // A web page: the player in a frame the size of the player.
        var html = Embedding.Of(conv, EmbedAs.Html, output, page).Text!;
        var src = Attribute(html, "src");
        Assert.Equal("../../static/figures/conv.html", src);
        Assert.True(File.Exists(Path.Combine(page, src)));
        Assert.Equal(alt, WebUtility.HtmlDecode(Attribute(html, "title")));
        Assert.Equal(Player.FrameSize(conv.Size).Width.ToString(System.Globalization.CultureInfo.InvariantCulture), Attribute(html, "width"));
        Assert.StartsWith("<!-- ConvAnimations player of conv", Embedding.Inline(conv));

        // Markdown, read by Markdig as GitHub reads it: an image of the animated SVG with the alt text.
        var markdown = Embedding.Of(conv, EmbedAs.Markdown, output, page).Text!;
        var image = Markdown.Parse(markdown, new MarkdownPipelineBuilder().UseAdvancedExtensions().Build()).Descendants<LinkInline>().Single(l => l.IsImage);
        Assert.Equal("../../static/figures/conv.animated.svg", image.Url);
        Assert.True(File.Exists(Path.Combine(page, image.Url!)));
        Assert.Equal(alt, string.Concat(image.Descendants<LiteralInline>().Select(l => l.Content.ToString())));
        var described = figures.Single(f => f.Name == "described");
        var own = Embedding.Of(described, EmbedAs.Markdown, output, page);
        Assert.Null(own.Text);
        Assert.Contains("render it first with formats: [animated_svg or gif]", own.Missing);

        // LaTeX, compiled by pdflatex in the document's folder: the panels' PDF, or the first frame's, with the alt text.
        var latex = Embedding.Of(conv, EmbedAs.Latex, output, page).Text!;
        Assert.EndsWith("{../../static/figures/conv.panels.pdf}", latex);
        var frame = Embedding.Of(described, EmbedAs.Latex, output, page).Text!;
        Assert.EndsWith("{../../static/figures/described/described_00.pdf}", frame);
        File.WriteAllText(Path.Combine(page, "paper.tex"), $"\\documentclass{{article}}\n\\usepackage{{graphicx}}\n\\begin{{document}}\n{latex}\n\n{frame}\n\\end{{document}}\n");
        var compiled = Processes.Run("pdflatex", ["-interaction=nonstopmode", "-halt-on-error", "paper.tex"], page, timeout: TimeSpan.FromMinutes(2));
        Assert.True(compiled.ExitCode == 0, compiled.Stdout);
        Assert.DoesNotContain("Warning", string.Join('\n', compiled.Stdout.Split('\n').Where(l => l.Contains("graphicx", StringComparison.Ordinal) || l.Contains("keyval", StringComparison.Ordinal))));
        Assert.Contains("Output written on paper.pdf", compiled.Stdout);

        // Nothing written that shows the figure: exit code 1 and what to render.
        File.WriteAllText(dir.File("site/f.yaml"), Yaml);
        var none = InProcess.Convanim("embed", "none", "--file", dir.File("site/f.yaml"), "--out", output);
        Assert.Equal(1, none.ExitCode);
        Assert.Contains("nothing to embed of 'none'", none.Stderr);
        var made = InProcess.Convanim("embed", "conv", "--file", dir.File("site/f.yaml"), "--out", output, "--as", "markdown");
        Assert.Equal(0, made.ExitCode);
        Assert.Equal($"![{alt}](<{Path.GetRelativePath(Directory.GetCurrentDirectory(), Path.Combine(output, "conv.animated.svg"))}>)\n", made.Stdout);
    }

    [Fact]
    public async Task The_pdf_title_is_the_alt_text()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("f.yaml"), Yaml);
        var figures = FigureLoaderFile(dir.File("f.yaml"));
        await RenderPipeline.RunAsync(figures, new RenderOptions(dir.Path));
        foreach (var (figure, pdf) in new[] { ("conv", "conv/conv_00.pdf"), ("conv", "conv.panels.pdf"), ("described", "described/described_01.pdf") })
        {
            var info = Processes.Run("pdfinfo", ["-enc", "UTF-8", dir.File(pdf)]);
            Assert.True(info.ExitCode == 0, info.Stderr);
            Assert.Equal(figures.Single(f => f.Name == figure).Alt(), TitleLine().Match(info.Stdout).Groups[1].Value);
        }
    }

    [GeneratedRegex(@"^Title:\s+(.*)$", RegexOptions.Multiline)]
    private static partial Regex TitleLine();

    private static string Attribute(string html, string name) => Regex.Match(html, $"\\b{name}=\"([^\"]*)\"").Groups[1].Value;

    private static IReadOnlyList<Preparation.PreparedFigure> FigureLoaderFile(string path)
    {
        var file = Preparation.FigureLoader.Load(path);
        Assert.True(file.IsValid, string.Join("\n", file.Errors));
        return file.Figures;
    }
}
