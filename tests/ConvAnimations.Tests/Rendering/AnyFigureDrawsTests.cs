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
using CsCheck;

namespace ConvAnimations.Tests.Rendering;

/// <summary>
/// Whatever the reader and the budget accept is drawn: random figures mixing every key (kinds, channels and groups,
/// views, compositions, per-axis sizes and padding words, numbers, styles, themes, labels, legend) either end in
/// located errors or give a figure whose explanation, JSON and first and last frames (PNG and SVG) are made without
/// an exception. CsCheck shrinks a failure to the smallest file that breaks.
/// </summary>
public sealed class AnyFigureDrawsTests
{
    private static readonly Gen<string> Axis = Gen.OneOf(Gen.Int[3, 7].Select(n => $"{n}"), Gen.Select(Gen.Int[1, 7], Gen.Int[3, 7], (a, b) => $"[{a}, {b}]"));

    private static readonly Gen<string> Figure = Gen.Select(
        Gen.Select(Gen.OneOf("convolution", "convolution", "transposed", "max_pooling", "average_pooling", "fully_connected"), Axis, Gen.Int[1, 3], Gen.Int[1, 3]),
        Gen.Select(Gen.OneOf("0", "1", "[1, 0]", "same", "full", "valid", "{top: 1, bottom: 0, left: 0, right: 1}"), Gen.Int[1, 2], Gen.Int[1, 3], Gen.Int[0, 2]),
        Gen.Select(Gen.OneOf("kernel", "kernel", "kernel", "matrix", "hops", "subsampling", "connectivity", "scatter"), Gen.Bool, Gen.OneOf("isometric", "flat")),
        Gen.Select(Gen.OneOf(ThemeSpec.Names.ToArray()), Gen.OneOf("none", "maps", "sizes", "full"), Gen.Bool),
        (a, b, c, d) =>
        {
            var ((kind, input, kernel, stride), (padding, dilation, maps, channels), (view, numbers, style), (theme, labels, legend)) = (a, b, c, d);
            // What the reader would refuse for a known reason is steered clear of (the reader's own tests cover it):
            // pooling pads little, a transposed figure pads both sides alike, the diagrams are of plain convolutions.
            var pooling = kind.EndsWith("pooling", StringComparison.Ordinal);
            if (pooling) padding = "0";
            if (kind == "transposed" && padding.StartsWith('{')) padding = "1";
            if (view is "hops" or "subsampling") (kind, pooling, numbers) = ("convolution", false, false);
            if (view == "subsampling") stride = Math.Max(stride, 2);
            if (view == "matrix" && pooling) view = "kernel";
            if (view == "scatter") (kind, pooling) = ("transposed", false);
            var look = $"style: {style}, theme: {theme}, labels: {labels}, legend: {(legend ? "true" : "false")}, scale: 0.25";
            // A fully connected layer: units, no kernel, drawn as units and edges.
            if (kind == "fully_connected") return $"{{kind: fully_connected, input: {3 + 2 * kernel}, output: {1 + stride}, {look}}}";
            // Channels (one map, dense, depthwise) with the kernel view only: the other views draw one map.
            var mapsKeys = view != "kernel" || channels == 0 ? ""
                : pooling ? $", in_channels: {maps}"
                : channels == 1 ? $", in_channels: {maps}, out_channels: {maps + 1}"
                : $", in_channels: {maps}, out_channels: {2 * maps}, groups: {maps}";
            return $"{{kind: {kind}, input: {input}, kernel: {kernel}, stride: {stride}, padding: {padding}, dilation: {dilation}{mapsKeys}, " +
                   $"view: {view}, style: {style}, theme: {theme}, labels: {labels}, legend: {(legend ? "true" : "false")}, scale: 0.25{(numbers ? ", values: {seed: 3}" : "")}}}";
        });

    /// <summary>Two figures, and a third playing them in sequence or side by side.</summary>
    private static readonly Gen<string> Files = Gen.Select(Figure, Figure, Gen.OneOf("sequence", "beside"),
        (first, second, compose) => $"figures:\n  - {first[..^1]}, name: a}}\n  - {second[..^1]}, name: b}}\n  - {{name: both, {compose}: [a, b], scale: 0.25}}\n");

    /// <summary>100 files in scripts/test; scripts/fuzz sets more.</summary>
    private static readonly int Iterations =
        int.TryParse(Environment.GetEnvironmentVariable("CONVANIM_DRAW_ITERATIONS"), out var n) && n > 0 ? n : 100;

    [Fact]
    public void Every_figure_the_budget_accepts_explains_and_draws_its_first_and_last_frame()
    {
        var drawn = 0;
        var refused = new System.Collections.Concurrent.ConcurrentQueue<string>();
        Files.Sample(text =>
        {
            var file = ViewTable.Default.Parse(text, "any.yaml");
            if (!file.IsValid)
            {
                Assert.All(file.Errors, e => Assert.True(e.Location.Line >= 1, $"{e} is not located"));
                refused.Enqueue(file.Errors[0].ToString());
                return;
            }
            if (Budget.Check(file.Figures.Prepared()).Any(i => i.IsError)) return;
            foreach (var figure in file.Figures)
            {
                Assert.NotEmpty(new PreparedFigure(figure).Describe());
                JsonDocument.Parse(new PreparedFigure(figure).Json()).Dispose();
                using var renderer = new SceneRenderer(new PreparedFigure(figure).Scene);
                foreach (var (format, frame) in new[] { (StillFormat.Png, 0), (StillFormat.Png, renderer.FrameCount - 1), (StillFormat.Svg, renderer.FrameCount - 1) })
                {
                    using var stream = new MemoryStream();
                    format.WriteFrame(stream, renderer, frame);
                    Assert.True(stream.Length > 100);
                }
            }
            Interlocked.Increment(ref drawn);
        }, iter: Iterations, threads: 1);
        // Not vacuous: most random files are valid and were drawn.
        Assert.True(drawn > Iterations * 2 / 5, $"only {drawn} of {Iterations} random files were drawn; refused:\n{string.Join("\n", refused.Take(20))}");
    }
}
