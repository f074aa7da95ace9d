using System.Text.Json;
using ConvAnimations.Layout;
using ConvAnimations.Pipeline;
using ConvAnimations.Preparation;
using ConvAnimations.Rendering;
using ConvAnimations.Scenes;
using ConvAnimations.Spec;
using ConvAnimations.Tests.Support;
using ConvAnimations.Views;
using ConvAnimations.Writers;
using SkiaSharp;

namespace ConvAnimations.Tests.Views;

/// <summary>
/// A view defined here and nowhere else, added to the table the way a real view is: the reader checks its word, its
/// key and its rules; <c>explain</c>, <c>--json</c> and <c>--pytorch</c> and the writers go through it. Nothing outside
/// this file knows it, which is what adding a view costs.
/// </summary>
public sealed class TestOnlyViewTests
{
    /// <summary><c>view: dots</c>: the grid, and a dot on each tap of the frame's window; <c>numbered: true</c> writes the output cell too.</summary>
    private sealed class DotsView : View
    {
        public static readonly DotsView Instance = new();

        public override string Name => "dots";

        public override IReadOnlyList<string> Keys => ["numbered"];

        internal override bool ReadOptions(KeySource keys, out ViewOptions? options)
        {
            var numbered = keys.Read("numbered", false, (RawNode node, Report report, out bool value) =>
            {
                value = node is RawScalar { Value: "true" };
                if (node is RawScalar { IsPlain: true, Value: "true" or "false" }) return true;
                report.Error(node, "numbered: expected true or false");
                return false;
            });
            options = new DotsOptions(numbered.Value);
            return numbered.Ok;
        }

        internal override bool Accepts(ViewRequest request, Report report)
        {
            if (request.Kind == Kind.Convolution) return true;
            report.Error(request.At, "view: dots draws a convolution's taps");
            return false;
        }

        public override Scene Build(Animation animation)
        {
            var figure = animation.Figure;
            var numbered = figure.Options is DotsOptions { Numbered: true };
            var grid = new Plane(animation.Grid, default, GridLine.Dashed, Coloured: true, []);
            var frames = animation.Frames.Select(frame => new SceneFrame([
                .. frame.Taps.Select(t => (Mark)new Dot(0, t.Col + 0.5f, t.Row + 0.5f)),
                .. numbered ? [new Label(0, frame.Window.Col, frame.Window.Row - 0.3f, $"{frame.Output.Row}, {frame.Output.Col}", 0.5f, TextAlign.Left, Surface.Background)] : Array.Empty<Mark>(),
            ])).ToList();
            return new Scene(FigureStyle.Flat, [grid], frames, figure.Scale, figure.Look.Theme, Annotations.None);
        }

        public override string Describe(Animation animation) => base.Describe(animation) + $"dots: {animation.Kernel.Area} a frame\n";

        public override string Json(Animation animation) =>
            base.Json(animation).TrimEnd().TrimEnd('}').TrimEnd() + $",\n  \"dots\": {animation.Kernel.Area}\n}}\n";
    }

    private sealed record DotsOptions(bool Numbered) : ViewOptions;

    private static readonly ViewTable Table = ViewTable.Default.With(DotsView.Instance);

    private static LoadedFile Load(string figure) => FigureLoader.Parse($"figures:\n  - {figure}\n", "dots.yaml", Table);

    [Fact]
    public void The_reader_takes_its_word_and_key_from_the_table_it_is_given()
    {
        var file = Load("{name: d, input: 5, kernel: 3, stride: 2, view: dots, numbered: true}");
        Assert.True(file.IsValid, string.Join("\n", file.Errors));
        var figure = Assert.Single(file.Figures).Figure;
        Assert.Same(DotsView.Instance, figure.View);
        Assert.Equal(new DotsOptions(true), figure.Options);
        Assert.Contains("view: 'dots' is not one of", string.Join("\n", FigureLoader.Parse("figures:\n  - {name: d, input: 5, kernel: 3, view: dots}\n", "d.yaml").Errors));
    }

    [Theory]
    [InlineData("{name: d, input: 5, kernel: 3, view: dots, numbered: 7}", "dots.yaml:2:58: error: figure 'd': numbered: expected true or false")]
    [InlineData("{name: d, input: 5, kernel: 3, numbered: true}", "dots.yaml:2:36: error: figure 'd': 'numbered' is for view: dots, not view: kernel")]
    [InlineData("{name: d, kind: max_pooling, input: 5, kernel: 3, view: dots}", "dots.yaml:2:61: error: figure 'd': view: dots draws a convolution's taps")]
    public void Its_rules_report_located_errors(string figure, string error) =>
        Assert.Equal([error], Load(figure).Errors);

    [Fact]
    public void It_is_explained_through_the_table()
    {
        var figure = Assert.Single(Load("{name: d, input: 5, kernel: 3, stride: 2, view: dots, values: {seed: 1}}").Figures);
        Assert.Contains("dots: 9 a frame", figure.Describe());
        using var json = JsonDocument.Parse(figure.Json());
        Assert.Equal("dots", json.RootElement.GetProperty("view").GetString());
        Assert.Equal(9, json.RootElement.GetProperty("dots").GetInt32());
        Assert.Equal(4, json.RootElement.GetProperty("frames").GetArrayLength());
        Assert.Contains("nn.Conv2d(1, 1, kernel_size=(3, 3), stride=(2, 2)", figure.PyTorch(out _));
    }

    [Fact]
    public async Task It_is_drawn_through_the_pipeline_with_its_dots_on_the_taps()
    {
        using var dir = new TempDirectory();
        var figure = Assert.Single(Load("{name: d, input: 5, kernel: 3, stride: 2, view: dots, numbered: true, formats: [png, svg], panels: {formats: [pdf]}}").Figures);
        var result = Assert.Single(await RenderPipeline.RunAsync([figure], new RenderOptions(dir.Path)));
        Assert.Equal(FigureOutcome.Rendered, result.Outcome);
        Assert.True(File.Exists(FigureOutputs.FramePath(dir.Path, "d", OutputFormat.Svg, 3, 4)));
        Assert.True(File.Exists(FigureOutputs.PanelsPath(dir.Path, "d", OutputFormat.Pdf)));

        // Frame 3 is output (1, 1): its window starts at grid cell (2, 2); the middle of its first tap holds a dot.
        using var frame = SKBitmap.Decode(FigureOutputs.FramePath(dir.Path, "d", OutputFormat.Png, 3, 4));
        using var renderer = new SceneRenderer(figure.Scene);
        var plane = renderer.PlaneBounds[0];
        var cell = plane.Width / 5;
        var dot = frame.GetPixel((int)(plane.Left + 2.5f * cell), (int)(plane.Top + 2.5f * cell));
        var theme = new Theme(1, ThemeSpec.Guide);
        Assert.True(Near(dot, theme.Lines), $"no dot at the tap: {dot}");
        var empty = frame.GetPixel((int)(plane.Left + 0.5f * cell), (int)(plane.Top + 0.5f * cell));
        Assert.True(Near(empty, theme.Input), $"a dot where no tap is: {empty}");
    }

    private static bool Near(SKColor a, SKColor b) =>
        Math.Abs(a.Red - b.Red) < 40 && Math.Abs(a.Green - b.Green) < 40 && Math.Abs(a.Blue - b.Blue) < 40;
}
