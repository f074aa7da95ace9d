using ConvAnimations.Layout;
using ConvAnimations.Preparation;
using ConvAnimations.Rendering;
using ConvAnimations.Scenes;
using ConvAnimations.Tests.Support;
using SkiaSharp;

namespace ConvAnimations.Tests.Rendering;

/// <summary>Labels and legend: never over the maps, their connecting lines or each other; the frame grows to hold them.</summary>
public sealed class LabelTests
{
    public static TheoryData<string, string, string> Figures => new()
    {
        { "kind: transposed\n    input: 6\n    kernel: 3\n    stride: 2\n    padding: 1", "full", "isometric" },
        { "input: [1, 16]\n    kernel: [1, 3]", "full", "isometric" },
        { "input: [9, 2]\n    kernel: [2, 2]", "sizes", "flat" },
        { "kind: max_pooling\n    input: 5\n    kernel: 3\n    values: {seed: 1}", "full", "flat" },
        { "input: 2\n    kernel: 2\n    values: {seed: 9}", "full", "flat" },
        { "kind: average_pooling\n    input: 3\n    kernel: 3\n    dilation: 1", "maps", "isometric" },
        { "input: 12\n    kernel: 3\n    dilation: 2\n    padding: 1", "full", "isometric" },
    };

    [Theory]
    [MemberData(nameof(Figures))]
    public void Captions_and_keys_lie_outside_the_maps_apart_from_each_other_inside_the_frame(string body, string labels, string style)
    {
        var figure = Support.Figures.Parse($"figures:\n  - name: f\n    labels: {labels}\n    legend: true\n    style: {style}\n    {body}\n");
        var scene = new PreparedFigure(figure).Scene;
        using var renderer = new SceneRenderer(scene);
        var texts = renderer.AnnotationBounds;
        Assert.Equal(scene.Annotations.Captions.Count + scene.Annotations.Legend.Count, texts.Count);
        // Every plane and every connecting line lies within the planes' common bounds.
        var maps = renderer.PlaneBounds.Aggregate(SKRect.Union);
        var frame = SKRect.Create(renderer.Size.Width, renderer.Size.Height);
        foreach (var (text, i) in texts.Select((t, i) => (t, i)))
        {
            Assert.False(text.IntersectsWith(maps), $"text {i} {text} overlaps the maps {maps}");
            Assert.True(frame.Contains(text), $"text {i} {text} leaves the frame {frame}");
            foreach (var other in texts.Skip(i + 1)) Assert.False(text.IntersectsWith(other), $"{text} overlaps {other}");
        }
    }

    [Fact]
    public void Labels_grow_the_frame_and_the_guides_look_has_none()
    {
        var plain = Support.Figures.Parse("figures:\n  - {name: f, input: 5, kernel: 3}\n");
        var labelled = Support.Figures.Parse("figures:\n  - {name: f, input: 5, kernel: 3, labels: full, legend: true}\n");
        var (a, b) = (new PreparedFigure(plain).Scene, new PreparedFigure(labelled).Scene);
        Assert.Empty(a.Annotations.Captions);
        Assert.Empty(a.Annotations.Legend);
        Assert.True(SceneRenderer.SizeOf(b).Height > SceneRenderer.SizeOf(a).Height);
        Assert.Equal(["input 5x5", "output 3x3", "k = 3, s = 1, p = 0"], b.Annotations.Captions.Select(c => c.Text));
        Assert.Equal(["input", "output", "kernel"], b.Annotations.Legend.Select(k => k.Text));
    }

    [Fact]
    public void A_transposed_figure_names_the_transposed_convolutions_maps_and_its_symbols()
    {
        var figure = Support.Figures.Parse("figures:\n  - {name: f, kind: transposed, input: 6, kernel: 3, stride: 2, padding: 1, labels: full, legend: true}\n");
        var scene = new PreparedFigure(figure).Scene;
        Assert.Equal(["input of the transposed convolution 3x3", "output of the transposed convolution 6x6", "k = 3, s = 2, p = 1; i' = 3, a = 1, p' = 1"],
            scene.Annotations.Captions.Select(c => c.Text));
        Assert.Equal(["input", "output", "padding", "inserted zeros", "kernel"], scene.Annotations.Legend.Select(k => k.Text));
    }
}
