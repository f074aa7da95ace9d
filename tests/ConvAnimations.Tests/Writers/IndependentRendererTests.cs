using ConvAnimations.Layout;
using ConvAnimations.Pipeline;
using ConvAnimations.Preparation;
using ConvAnimations.Rendering;
using ConvAnimations.Scenes;
using ConvAnimations.Spec;
using ConvAnimations.Tests.Support;
using ConvAnimations.Writers;

namespace ConvAnimations.Tests.Writers;

/// <summary>
/// Still frames and panels of every kind of figure, written by the real pipeline and drawn by renderers that are not
/// ours: SVG by librsvg and PDF by poppler must match the PNG of the same frame (at most 1% of pixels differing by more
/// than 64 in a channel). A class of its own, so its slow cases run beside the other format tests.
/// </summary>
public sealed class IndependentRendererTests
{
    /// <summary>Each kind, both styles, numbers, dilation, per-axis sizes, an odd transpose.</summary>
    public static TheoryData<string, string> Kinds => new()
    {
        { "convolution", "input: 5\n    kernel: 3\n    stride: 2\n    padding: 1" },
        { "transposed_odd", "kind: transposed\n    input: 6\n    kernel: 3\n    stride: 2\n    padding: 1" },
        { "dilated_per_axis", "input: [6, 7]\n    kernel: [2, 3]\n    dilation: [2, 1]\n    stride: [1, 2]" },
        { "flat", "style: flat\n    input: 4\n    kernel: 3" },
        { "numerical", $"input: 5\n    kernel: 3\n    stride: 2\n    padding: 1\n    {OutputFormatTests.Values}" },
        { "numerical_isometric", $"style: isometric\n    input: 5\n    kernel: 3\n    {OutputFormatTests.Values}" },
        { "max_pooling", "kind: max_pooling\n    input: 5\n    kernel: 3\n    stride: 2\n    values: {seed: 3}" },
        { "average_pooling", "kind: average_pooling\n    input: 4\n    kernel: 2\n    stride: 2\n    style: isometric" },
        { "labelled_dark", "kind: transposed\n    input: 5\n    kernel: 3\n    stride: 2\n    theme: solarized-dark\n    labels: full\n    legend: true" },
        { "labelled_numbers", $"theme: colorblind\n    labels: sizes\n    legend: true\n    input: 4\n    kernel: 3\n    {OutputFormatTests.Values.Replace("[[3, 3, 2, 1, 0], [0, 0, 1, 3, 1], [3, 1, 2, 2, 3], [2, 0, 0, 2, 2], [2, 0, 0, 0, 1]]", "[[3, 3, 2, 1], [0, 0, 1, 3], [3, 1, 2, 2], [2, 0, 0, 2]]", StringComparison.Ordinal)}" },
        { "causal_1d", "input: [1, 9]\n    kernel: [1, 3]\n    padding: causal\n    labels: full\n    values: {seed: 5}" },
    };

    private static Figure Figure(string name, string body) => OutputFormatTests.Figure(name, body);

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Svg_pdf_and_png_frames_and_panels_agree_when_read_by_independent_renderers(string name, string body)
    {
        using var dir = new TempDirectory();
        var figure = Figure(name, body);
        var result = Assert.Single(await RenderPipeline.RunAsync([figure.Prepared()], new RenderOptions(dir.Path)));
        Assert.True(result.Outcome == FigureOutcome.Rendered, result.Error);

        var size = SceneRenderer.SizeOf(new PreparedFigure(figure).Scene);
        var frames = figure.FrameCount;
        // The first, a middle and the last frame: each draws a different window, lines and output cell.
        foreach (var frame in new[] { 0, frames / 2, frames - 1 }.Distinct())
        {
            string Path(OutputFormat format) => FigureOutputs.FramePath(dir.Path, name, format, frame, frames);
            AssertSameDrawing(Path(OutputFormat.Png), Path(OutputFormat.Svg), Path(OutputFormat.Pdf), size.Width, size.Height, pageChecks: frame == 0);
        }
        Assert.Equal(frames, Directory.GetFiles(FigureOutputs.FramesDirectory(dir.Path, name), "*.svg").Length);

        // Panels: two frames in one column, a small gap between them.
        var panelPng = IndependentReaders.Decode(FigureOutputs.PanelsPath(dir.Path, name, OutputFormat.Png));
        Assert.Equal(size.Width, panelPng.Width);
        Assert.InRange(panelPng.Height - 2 * size.Height, 1, 20);
        AssertSameDrawing(FigureOutputs.PanelsPath(dir.Path, name, OutputFormat.Png), FigureOutputs.PanelsPath(dir.Path, name, OutputFormat.Svg),
            FigureOutputs.PanelsPath(dir.Path, name, OutputFormat.Pdf), panelPng.Width, panelPng.Height, pageChecks: true);
    }

    /// <summary>The PNG, the SVG drawn by librsvg and the PDF drawn by poppler agree; the first page of each kind
    /// (<paramref name="pageChecks"/>) is also checked for its size and fonts.</summary>
    private static void AssertSameDrawing(string png, string svg, string pdf, int width, int height, bool pageChecks)
    {
        if (pageChecks)
        {
            // 1 px of a frame is 1 pt of the page; text is outlines, so no font is needed to show it.
            Assert.Equal((width, height), IndependentReaders.PdfPageSize(pdf));
            Assert.Empty(IndependentReaders.PdfFonts(pdf));
        }
        using var expected = IndependentReaders.Decode(png);
        Assert.Equal((width, height), (expected.Width, expected.Height));
        Assert.DoesNotContain("<image", File.ReadAllText(svg), StringComparison.Ordinal);
        Assert.DoesNotContain("<text", File.ReadAllText(svg), StringComparison.Ordinal);
        System.Xml.Linq.XDocument.Load(svg);
        using (var drawn = IndependentReaders.RasterizeSvg(svg, width, height))
        {
            Assert.InRange(IndependentReaders.ShareDiffering(expected, drawn), 0, 0.01);
        }

        using (var drawn = IndependentReaders.RasterizePdf(pdf, width, height))
        {
            Assert.InRange(IndependentReaders.ShareDiffering(expected, drawn), 0, 0.01);
        }
    }

    [Fact]
    public async Task A_wrong_drawing_fails_the_comparison()
    {
        // The comparison can fail: a PNG of another frame differs from this frame's SVG by far more than 1%.
        using var dir = new TempDirectory();
        var figure = Figure("f", "input: 5\n    kernel: 3");
        await RenderPipeline.RunAsync([figure.Prepared()], new RenderOptions(dir.Path));
        var size = SceneRenderer.SizeOf(new PreparedFigure(figure).Scene);
        using var other = IndependentReaders.Decode(FigureOutputs.FramePath(dir.Path, "f", OutputFormat.Png, 8, 9));
        using var drawn = IndependentReaders.RasterizeSvg(FigureOutputs.FramePath(dir.Path, "f", OutputFormat.Svg, 0, 9), size.Width, size.Height);
        Assert.True(IndependentReaders.ShareDiffering(other, drawn) > 0.01);
    }
}
