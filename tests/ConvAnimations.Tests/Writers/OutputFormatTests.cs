using ConvAnimations.Encoding;
using ConvAnimations.Pipeline;
using ConvAnimations.Rendering;
using ConvAnimations.Scenes;
using ConvAnimations.Layout;
using ConvAnimations.Spec;
using ConvAnimations.Tests.Cli;
using ConvAnimations.Tests.Support;
using ConvAnimations.Writers;

namespace ConvAnimations.Tests.Writers;

/// <summary>
/// Every format of every kind of figure, written by the real pipeline and read back by tools that are not ours:
/// SVG drawn by librsvg and PDF by poppler must match the PNG of the same frame (at most 1% of pixels differing by
/// more than 64 in a channel), the WebP is read by webpmux.
/// </summary>
public sealed class OutputFormatTests
{
    private const string Values = "values: {input: [[3, 3, 2, 1, 0], [0, 0, 1, 3, 1], [3, 1, 2, 2, 3], [2, 0, 0, 2, 2], [2, 0, 0, 0, 1]], kernel: [[0, 1, 2], [2, 2, 0], [0, 1, 2]]}";

    /// <summary>Each kind, both styles, numbers, dilation, per-axis sizes, an odd transpose.</summary>
    public static TheoryData<string, string> Kinds => new()
    {
        { "convolution", "input: 5\n    kernel: 3\n    stride: 2\n    padding: 1" },
        { "transposed_odd", "kind: transposed\n    input: 6\n    kernel: 3\n    stride: 2\n    padding: 1" },
        { "dilated_per_axis", "input: [6, 7]\n    kernel: [2, 3]\n    dilation: [2, 1]\n    stride: [1, 2]" },
        { "flat", "style: flat\n    input: 4\n    kernel: 3" },
        { "numerical", $"input: 5\n    kernel: 3\n    stride: 2\n    padding: 1\n    {Values}" },
        { "numerical_isometric", $"style: isometric\n    input: 5\n    kernel: 3\n    {Values}" },
        { "max_pooling", "kind: max_pooling\n    input: 5\n    kernel: 3\n    stride: 2\n    values: {seed: 3}" },
        { "average_pooling", "kind: average_pooling\n    input: 4\n    kernel: 2\n    stride: 2\n    style: isometric" },
        { "labelled_dark", "kind: transposed\n    input: 5\n    kernel: 3\n    stride: 2\n    theme: solarized-dark\n    labels: full\n    legend: true" },
        { "labelled_numbers", $"theme: colorblind\n    labels: sizes\n    legend: true\n    input: 4\n    kernel: 3\n    {Values.Replace("[[3, 3, 2, 1, 0], [0, 0, 1, 3, 1], [3, 1, 2, 2, 3], [2, 0, 0, 2, 2], [2, 0, 0, 0, 1]]", "[[3, 3, 2, 1], [0, 0, 1, 3], [3, 1, 2, 2], [2, 0, 0, 2]]", StringComparison.Ordinal)}" },
        { "causal_1d", "input: [1, 9]\n    kernel: [1, 3]\n    padding: causal\n    labels: full\n    values: {seed: 5}" },
    };

    private static Figure Figure(string name, string body, string formats = "[png, svg, pdf]") => Figures.Parse($"""
        figures:
          - name: {name}
            formats: {formats}
            frame_ms: 250
            panels: {"{"}frames: [0, 1], columns: 1, formats: [png, svg, pdf]{"}"}
            {body}
        """);

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Svg_pdf_and_png_frames_and_panels_agree_when_read_by_independent_renderers(string name, string body)
    {
        using var dir = new TempDirectory();
        var figure = Figure(name, body);
        var result = Assert.Single(await RenderPipeline.RunAsync([figure], new RenderOptions(dir.Path)));
        Assert.True(result.Outcome == FigureOutcome.Rendered, result.Error);

        var size = SceneRenderer.SizeOf(SceneBuilder.Build(Layouter.Layout(figure)));
        var frames = figure.FrameCount;
        // The first, a middle and the last frame: each draws a different window, lines and output cell.
        foreach (var frame in new[] { 0, frames / 2, frames - 1 }.Distinct())
        {
            string Path(OutputFormat format) => FigureOutputs.FramePath(dir.Path, name, format, frame, frames);
            AssertSameDrawing(Path(OutputFormat.Png), Path(OutputFormat.Svg), Path(OutputFormat.Pdf), size.Width, size.Height);
        }
        Assert.Equal(frames, Directory.GetFiles(FigureOutputs.FramesDirectory(dir.Path, name), "*.svg").Length);

        // Panels: two frames in one column, a small gap between them.
        var panelPng = IndependentReaders.Decode(FigureOutputs.PanelsPath(dir.Path, name, OutputFormat.Png));
        Assert.Equal(size.Width, panelPng.Width);
        Assert.InRange(panelPng.Height - 2 * size.Height, 1, 20);
        AssertSameDrawing(FigureOutputs.PanelsPath(dir.Path, name, OutputFormat.Png), FigureOutputs.PanelsPath(dir.Path, name, OutputFormat.Svg),
            FigureOutputs.PanelsPath(dir.Path, name, OutputFormat.Pdf), panelPng.Width, panelPng.Height);
    }

    private static void AssertSameDrawing(string png, string svg, string pdf, int width, int height)
    {
        using var expected = IndependentReaders.Decode(png);
        Assert.Equal((width, height), (expected.Width, expected.Height));
        Assert.DoesNotContain("<image", File.ReadAllText(svg), StringComparison.Ordinal);
        Assert.DoesNotContain("<text", File.ReadAllText(svg), StringComparison.Ordinal);
        System.Xml.Linq.XDocument.Load(svg);
        using (var drawn = IndependentReaders.RasterizeSvg(svg, width, height))
        {
            Assert.InRange(IndependentReaders.ShareDiffering(expected, drawn), 0, 0.01);
        }

        // 1 px of a frame is 1 pt of the page; text is outlines, so no font is needed to show it.
        Assert.Equal((width, height), IndependentReaders.PdfPageSize(pdf));
        Assert.Empty(IndependentReaders.PdfFonts(pdf));
        using (var drawn = IndependentReaders.RasterizePdf(pdf, width, height))
        {
            Assert.InRange(IndependentReaders.ShareDiffering(expected, drawn), 0, 0.01);
        }
    }

    /// <summary>Every theme, label level and legend on every kind and style draws in every still format.</summary>
    [Fact]
    public void Every_theme_label_level_and_legend_draws_every_kind_in_every_format()
    {
        string[] kinds =
        [
            "input: 5\n    kernel: 3\n    stride: 2\n    padding: 1", "kind: transposed\n    input: 5\n    kernel: 3\n    padding: 1",
            "kind: max_pooling\n    input: 4\n    kernel: 2\n    values: {seed: 1}", "kind: average_pooling\n    input: 4\n    kernel: 3\n    padding: same",
            "input: 4\n    kernel: 2\n    padding: {top: 1, bottom: 0, left: 0, right: 1}\n    values: {seed: 2}",
        ];
        var drawn = 0;
        foreach (var kind in kinds)
        foreach (var style in new[] { "isometric", "flat" })
        foreach (var theme in ThemeSpec.Names)
        foreach (var labels in new[] { "none", "maps", "sizes", "full" })
        {
            var figure = Figures.Parse($"figures:\n  - name: f\n    style: {style}\n    theme: {theme}\n    labels: {labels}\n    legend: {(labels == "full" ? "true" : "false")}\n    {kind}\n");
            using var renderer = new SceneRenderer(SceneBuilder.Build(Layouter.Layout(figure)));
            foreach (var format in new[] { StillFormat.Png, StillFormat.Svg, StillFormat.Pdf })
            {
                using var file = new MemoryStream();
                format.WriteFrame(file, renderer, renderer.FrameCount - 1);
                Assert.True(file.Length > 500, $"{theme} {labels} {style}: {file.Length} bytes");
                drawn++;
            }
        }
        Assert.Equal(5 * 2 * 4 * 4 * 3, drawn);
    }

    [Fact]
    public async Task A_wrong_drawing_fails_the_comparison()
    {
        // The comparison can fail: a PNG of another frame differs from this frame's SVG by far more than 1%.
        using var dir = new TempDirectory();
        var figure = Figure("f", "input: 5\n    kernel: 3");
        await RenderPipeline.RunAsync([figure], new RenderOptions(dir.Path));
        var size = SceneRenderer.SizeOf(SceneBuilder.Build(Layouter.Layout(figure)));
        using var other = IndependentReaders.Decode(FigureOutputs.FramePath(dir.Path, "f", OutputFormat.Png, 8, 9));
        using var drawn = IndependentReaders.RasterizeSvg(FigureOutputs.FramePath(dir.Path, "f", OutputFormat.Svg, 0, 9), size.Width, size.Height);
        Assert.True(IndependentReaders.ShareDiffering(other, drawn) > 0.01);
    }

    [Fact]
    public async Task Webp_loops_with_every_frame_for_frame_ms_and_is_smaller_than_the_gif()
    {
        using var dir = new TempDirectory();
        var figure = Figure("t", "kind: transposed\n    input: 6\n    kernel: 3\n    stride: 2\n    padding: 1", "[gif, webp]");
        await RenderPipeline.RunAsync([figure], new RenderOptions(dir.Path));
        var webp = FigureOutputs.AnimationPath(dir.Path, "t", OutputFormat.Webp);
        var (durations, loop, width, height) = IndependentReaders.WebpInfo(webp);
        Assert.Equal(Enumerable.Repeat(250, 36), durations);
        Assert.Equal(0, loop); // 0: forever
        var size = SceneRenderer.SizeOf(SceneBuilder.Build(Layouter.Layout(figure)));
        Assert.Equal((size.Width, size.Height), (width, height));
        Assert.True(new FileInfo(webp).Length < new FileInfo(FigureOutputs.AnimationPath(dir.Path, "t", OutputFormat.Gif)).Length);
        Assert.Equal(36, WebpFile.Read(webp).FrameCount);
    }

    [Fact]
    public async Task Pdf_and_svg_bytes_are_the_same_from_run_to_run()
    {
        var figure = Figure("n", $"input: 5\n    kernel: 3\n    {Values}", "[svg, pdf, png]");
        using var first = new TempDirectory();
        using var second = new TempDirectory();
        await RenderPipeline.RunAsync([figure], new RenderOptions(first.Path));
        await Task.Delay(1100); // a clock in the file would now show
        await RenderPipeline.RunAsync([figure], new RenderOptions(second.Path));
        foreach (var target in FigureOutputs.Of(figure, first.Path))
        {
            var again = target.Path.Replace(first.Path, second.Path, StringComparison.Ordinal);
            Assert.True(File.ReadAllBytes(target.Path).AsSpan().SequenceEqual(File.ReadAllBytes(again)), $"{Path.GetFileName(target.Path)} differs between runs");
        }
    }

    [Theory]
    [InlineData(9, 2, "f_08.svg")]
    [InlineData(99, 2, "f_98.svg")]
    [InlineData(100, 3, "f_099.svg")]
    [InlineData(1000, 4, "f_0999.svg")]
    public void Frame_files_are_numbered_from_zero_with_at_least_two_digits(int frames, int digits, string last)
    {
        Assert.Equal(Path.Combine("d", "f", last), FigureOutputs.FramePath("d", "f", OutputFormat.Svg, frames - 1, frames));
        Assert.Equal(Path.Combine("d", "f", "f_" + new string('0', digits) + ".svg"), FigureOutputs.FramePath("d", "f", OutputFormat.Svg, 0, frames));
    }

    [Fact]
    public async Task Stills_are_cached_and_stale_frames_are_removed_when_a_figure_shrinks()
    {
        using var dir = new TempDirectory();
        var large = Figure("f", "input: 6\n    kernel: 3", "[png]"); // 16 frames
        Assert.Equal(FigureOutcome.Rendered, Assert.Single(await RenderPipeline.RunAsync([large], new RenderOptions(dir.Path))).Outcome);
        Assert.Equal(FigureOutcome.Unchanged, Assert.Single(await RenderPipeline.RunAsync([large], new RenderOptions(dir.Path))).Outcome);
        File.Delete(FigureOutputs.FramePath(dir.Path, "f", OutputFormat.Png, 5, 16));
        Assert.Equal(FigureOutcome.Rendered, Assert.Single(await RenderPipeline.RunAsync([large], new RenderOptions(dir.Path))).Outcome);

        var small = Figure("f", "input: 4\n    kernel: 3", "[png]"); // 4 frames
        await RenderPipeline.RunAsync([small], new RenderOptions(dir.Path));
        Assert.Equal(["f_00.png", "f_01.png", "f_02.png", "f_03.png"],
            Directory.GetFiles(FigureOutputs.FramesDirectory(dir.Path, "f")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Still_formats_render_without_ffmpeg_and_animations_say_it_is_missing()
    {
        using var dir = new TempDirectory();
        var bin = Directory.CreateDirectory(dir.File("bin")).FullName;
        File.CreateSymbolicLink(Path.Combine(bin, "dotnet"), Processes.Run("which", ["dotnet"]).Stdout.Trim());
        File.WriteAllText(dir.File("f.yaml"), """
            figures:
              - name: s
                input: 4
                kernel: 3
                formats: [png, svg, pdf]
                panels: {formats: [pdf]}
            """);
        var environment = new Dictionary<string, string> { ["PATH"] = bin };
        var result = Processes.Run(Path.Combine(bin, "dotnet"), [Processes.ConvanimDll, "render", "f.yaml", "--out", "out"], dir.Path, environment);
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.True(File.Exists(dir.File("out/s.panels.pdf")));
        Assert.Equal(12, Directory.GetFiles(dir.File("out/s")).Length);

        File.WriteAllText(dir.File("g.yaml"), File.ReadAllText(dir.File("f.yaml")).Replace("[png, svg, pdf]", "[gif, png]", StringComparison.Ordinal));
        result = Processes.Run(Path.Combine(bin, "dotnet"), [Processes.ConvanimDll, "render", "g.yaml", "--out", "out2"], dir.Path, environment);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("ffmpeg was not found on PATH", result.Stderr);
    }

    [Fact]
    public void The_frame_command_writes_the_format_its_file_name_says()
    {
        using var dir = new TempDirectory();
        foreach (var name in new[] { "x.svg", "x.pdf", "x.png" })
        {
            var result = InProcess.Convanim("frame", "dilation", "4", "--file", Repo.FiguresFile, "--out", dir.File(name));
            Assert.True(result.ExitCode == 0, result.Stderr);
        }
        Assert.StartsWith("<?xml", File.ReadAllText(dir.File("x.svg")), StringComparison.Ordinal);
        Assert.StartsWith("%PDF-", File.ReadAllText(dir.File("x.pdf")), StringComparison.Ordinal);
        var size = SceneRenderer.SizeOf(SceneBuilder.Build(Repo.Animation("dilation")));
        using var png = IndependentReaders.Decode(dir.File("x.png"));
        Assert.Equal((size.Width, size.Height), (png.Width, png.Height));
        var bad = InProcess.Convanim("frame", "dilation", "4", "--file", Repo.FiguresFile, "--out", dir.File("x.gif"));
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains(".png, .svg, .pdf", bad.Stderr);
    }
}
