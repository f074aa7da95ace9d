using ConvAnimations.Layout;
using ConvAnimations.Pipeline;
using ConvAnimations.Preparation;
using ConvAnimations.Scenes;
using ConvAnimations.Tests.Support;
using ConvAnimations.Views;

namespace ConvAnimations.Tests.Views;

/// <summary>A figure becomes its layout, scene and size once, through the prepared figure, whatever asks for them.</summary>
public sealed class PreparedFigureTests
{
    /// <summary>The kernel view, counting the scenes it builds and the frames of them that are made.</summary>
    private sealed class CountingKernelView : View
    {
        private int _builds;
        private int _frames;

        public int Builds => _builds;

        public int FramesMade => _frames;

        public override string Name => KernelView.Instance.Name;

        public override string? Named => KernelView.Instance.Named;

        public override Scene Build(Animation animation)
        {
            Interlocked.Increment(ref _builds);
            var scene = KernelView.Instance.Build(animation);
            return scene with { Frames = new Counted(scene.Frames, () => Interlocked.Increment(ref _frames)) };
        }
    }

    private sealed class Counted(IReadOnlyList<SceneFrame> frames, Action made) : IReadOnlyList<SceneFrame>
    {
        public int Count => frames.Count;

        public SceneFrame this[int index]
        {
            get
            {
                made();
                return frames[index];
            }
        }

        public IEnumerator<SceneFrame> GetEnumerator() => Enumerable.Range(0, Count).Select(i => this[i]).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private const string File = """
        defaults:
          formats: [gif, mp4, png, svg, pdf]
          panels: {frames: [0, 1], formats: [pdf, svg]}
        figures:
          - {name: a, input: 4, kernel: 3}
          - {name: b, kind: transposed, input: 5, kernel: 3, stride: 2, padding: 1, labels: full, legend: true}
          - {name: c, input: 5, kernel: 3, values: {seed: 3}}
        """;

    [Fact]
    public async Task A_render_builds_each_figures_scene_once_from_loading_to_the_last_file()
    {
        var counting = new CountingKernelView();
        var file = FigureLoader.Parse(File, "count.yaml", ViewTable.Default.With(counting));
        Assert.True(file.IsValid, string.Join("\n", file.Errors));
        // Loading measured every figure against the budget.
        Assert.Equal(3, counting.Builds);

        using var dir = new TempDirectory();
        var results = await RenderPipeline.RunAsync(file.Figures, new RenderOptions(dir.Path, Gallery: new GallerySource("count.yaml", file.Figures.Select(f => f.Figure).ToList())));
        Assert.All(results, r => Assert.Equal(FigureOutcome.Rendered, r.Outcome));
        foreach (var figure in file.Figures)
        {
            Assert.NotEmpty(figure.Describe());
            Assert.NotEmpty(figure.Json());
        }
        Assert.Equal(3, counting.Builds);
    }

    [Fact]
    public void Measuring_makes_none_of_the_frames_the_budget_a_few_and_drawing_one_makes_that_one()
    {
        var counting = new CountingKernelView();
        var yaml = "figures:\n  - {name: big, input: 64, kernel: 3, stride: 2, formats: [png]}\n";
        var figure = new PreparedFigure(ViewTable.Default.With(counting).Parse(yaml, "big.yaml").Figures[0]);
        Assert.Equal(31 * 31, figure.Scene.Frames.Count);
        Assert.True(figure.Size.Width > 0);
        Assert.Equal(0, counting.FramesMade);
        using (var renderer = new ConvAnimations.Rendering.SceneRenderer(figure.Scene)) renderer.Render(new byte[renderer.Info.BytesSize], 500);
        Assert.Equal(1, counting.FramesMade);

        // Loading checks the budget, whose estimate of the drawing counts the marks of a few frames spread over the figure.
        Assert.Single(FigureLoader.Parse(yaml, "big.yaml", ViewTable.Default.With(counting)).Figures);
        Assert.InRange(counting.FramesMade - 1, 1, Budget.FrameSamples);
    }
}
