using ConvAnimations.Encoding;
using ConvAnimations.Layout;
using ConvAnimations.Pipeline;
using ConvAnimations.Preparation;
using ConvAnimations.Rendering;
using ConvAnimations.Scenes;
using ConvAnimations.Spec;
using ConvAnimations.Tests.Cli;
using ConvAnimations.Tests.Support;
using ConvAnimations.Writers;

namespace ConvAnimations.Tests.Writers;

/// <summary>
/// Every format of every kind of figure, written by the real pipeline and read back: the WebP by webpmux, the
/// stills as files, bytes and names (<see cref="IndependentRendererTests"/> draws them with other renderers).
/// </summary>
public sealed class OutputFormatTests
{
    internal const string Values = "values: {input: [[3, 3, 2, 1, 0], [0, 0, 1, 3, 1], [3, 1, 2, 2, 3], [2, 0, 0, 2, 2], [2, 0, 0, 0, 1]], kernel: [[0, 1, 2], [2, 2, 0], [0, 1, 2]]}";

    internal static Figure Figure(string name, string body, string formats = "[png, svg, pdf]") => Figures.Parse($"""
        figures:
          - name: {name}
            formats: {formats}
            frame_ms: 250
            panels: {"{"}frames: [0, 1], columns: 1, formats: [png, svg, pdf]{"}"}
            {body}
        """);

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
        // Every kind, style and label level together; the themes take turns, so each meets every kind and label level.
        string[] styles = ["isometric", "flat"], levels = ["none", "maps", "sizes", "full"];
        var drawn = new HashSet<(string Theme, string Kind, string Labels)>();
        for (var k = 0; k < kinds.Length; k++)
        for (var s = 0; s < styles.Length; s++)
        for (var l = 0; l < levels.Length; l++)
        {
            var (kind, style, labels, theme) = (kinds[k], styles[s], levels[l], ThemeSpec.Names[(k + s + l) % ThemeSpec.Names.Count]);
            var figure = Figures.Parse($"figures:\n  - name: f\n    style: {style}\n    theme: {theme}\n    labels: {labels}\n    legend: {(labels == "full" ? "true" : "false")}\n    {kind}\n");
            using var renderer = new SceneRenderer(new PreparedFigure(figure).Scene);
            foreach (var format in new[] { StillFormat.Png, StillFormat.Svg, StillFormat.Pdf })
            {
                using var file = new MemoryStream();
                format.WriteFrame(file, renderer, renderer.FrameCount - 1);
                Assert.True(file.Length > 500, $"{theme} {labels} {style}: {file.Length} bytes");
            }
            drawn.Add((theme, kind, labels));
        }
        Assert.Equal(ThemeSpec.Names.Count * kinds.Length, drawn.Select(d => (d.Theme, d.Kind)).Distinct().Count());
        Assert.Equal(ThemeSpec.Names.Count * levels.Length, drawn.Select(d => (d.Theme, d.Labels)).Distinct().Count());
    }

    [Fact]
    public async Task Webp_loops_with_every_frame_for_frame_ms_and_is_smaller_than_the_gif()
    {
        using var dir = new TempDirectory();
        var figure = Figure("t", "kind: transposed\n    input: 6\n    kernel: 3\n    stride: 2\n    padding: 1", "[gif, webp]");
        await RenderPipeline.RunAsync([figure.Prepared()], new RenderOptions(dir.Path));
        var webp = FigureOutputs.AnimationPath(dir.Path, "t", OutputFormat.Webp);
        var (durations, loop, width, height) = IndependentReaders.WebpInfo(webp);
        Assert.Equal(Enumerable.Repeat(250, 36), durations);
        Assert.Equal(0, loop); // 0: forever
        var size = SceneRenderer.SizeOf(new PreparedFigure(figure).Scene);
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
        await RenderPipeline.RunAsync([figure.Prepared()], new RenderOptions(first.Path));
        await Task.Delay(1100); // a clock in the file would now show
        await RenderPipeline.RunAsync([figure.Prepared()], new RenderOptions(second.Path));
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
        Assert.Equal(FigureOutcome.Rendered, Assert.Single(await RenderPipeline.RunAsync([large.Prepared()], new RenderOptions(dir.Path))).Outcome);
        Assert.Equal(FigureOutcome.Unchanged, Assert.Single(await RenderPipeline.RunAsync([large.Prepared()], new RenderOptions(dir.Path))).Outcome);
        File.Delete(FigureOutputs.FramePath(dir.Path, "f", OutputFormat.Png, 5, 16));
        Assert.Equal(FigureOutcome.Rendered, Assert.Single(await RenderPipeline.RunAsync([large.Prepared()], new RenderOptions(dir.Path))).Outcome);

        var small = Figure("f", "input: 4\n    kernel: 3", "[png]"); // 4 frames
        await RenderPipeline.RunAsync([small.Prepared()], new RenderOptions(dir.Path));
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
        var size = SceneRenderer.SizeOf(Repo.Prepared("dilation").Scene);
        using var png = IndependentReaders.Decode(dir.File("x.png"));
        Assert.Equal((size.Width, size.Height), (png.Width, png.Height));
        var bad = InProcess.Convanim("frame", "dilation", "4", "--file", Repo.FiguresFile, "--out", dir.File("x.gif"));
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains(".png, .svg, .pdf", bad.Stderr);
    }
}
