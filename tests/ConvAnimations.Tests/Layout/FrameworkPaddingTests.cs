using ConvAnimations.Layout;
using ConvAnimations.Preparation;
using ConvAnimations.Spec;
using ConvAnimations.Tests.Support;

namespace ConvAnimations.Tests.Layout;

/// <summary>
/// padding: same is TensorFlow's SAME for every stride, half the guide's d(k-1)/2, checked against models of both
/// frameworks' rules written here from their documentation.
/// </summary>
public sealed class FrameworkPaddingTests
{
    private static Figure Parse(string body) =>
        Figures.Parse($"figures:\n  - name: f\n    {body.Replace("\n", "\n    ", StringComparison.Ordinal)}\n");

    private static Figure? TryParse(string yaml) => ConvAnimations.Views.ViewTable.Default.Parse(yaml, "test.yaml").Figures.SingleOrDefault();

    /// <summary>
    /// TensorFlow's nn.convolution with padding="SAME" (its documentation, "Notes on padding"): out = ceil(in / stride);
    /// pad_along = max((out - 1) * stride + dilated_filter - in, 0), pad_top = pad_along // 2, the rest at the bottom.
    /// </summary>
    private static (int Top, int Bottom, int Out) TensorFlowSame(int input, int filter, int stride, int dilation)
    {
        var dilatedFilter = (filter - 1) * dilation + 1;
        var output = (int)Math.Ceiling(input / (double)stride);
        var along = Math.Max((output - 1) * stride + dilatedFilter - input, 0);
        return (along / 2, along - along / 2, output);
    }

    [Fact]
    public void Same_is_tensorflows_same_for_every_stride_against_its_documented_rule()
    {
        var random = new Random(20260523);
        for (var n = 0; n < 400; n++)
        {
            var (i, k, s, d) = (random.Next(1, 12), random.Next(1, 5), random.Next(1, 4), random.Next(1, 3));
            var (j, l, t, e) = (random.Next(1, 12), random.Next(1, 5), random.Next(1, 4), random.Next(1, 3));
            var file = TryParse($"figures:\n  - {{name: f, input: [{i}, {j}], kernel: [{k}, {l}], stride: [{s}, {t}], dilation: [{d}, {e}], padding: same, values: {{seed: {n}}}}}\n");
            var (rows, cols) = (TensorFlowSame(i, k, s, d), TensorFlowSame(j, l, t, e));
            if (file is null)
            {
                // Refused only when the window does not fit even padded (a 1-cell input with a wide dilated kernel).
                Assert.True((rows.Top + rows.Bottom + i) < (k - 1) * d + 1 || (cols.Top + cols.Bottom + j) < (l - 1) * e + 1, $"i={i},{j} k={k},{l} s={s},{t} d={d},{e}");
                continue;
            }
            var g = file.Geometry;
            Assert.Equal((rows.Top, rows.Bottom, cols.Top, cols.Bottom), (g.Rows.Padding, g.Rows.PaddingEnd, g.Cols.Padding, g.Cols.PaddingEnd));
            Assert.Equal((rows.Out, cols.Out), (g.Output.Rows, g.Output.Cols));

            // TensorFlow's output at (r, c) reads x[r s + u d - top, c s + v d - left], zero outside: the figure's numbers.
            var animation = Layouter.Layout(file);
            var (x, w) = (file.Values!.Input, file.Values.Kernel!);
            for (var r = 0; r < rows.Out; r++)
            for (var c = 0; c < cols.Out; c++)
            {
                double expected = 0;
                for (var u = 0; u < k; u++)
                for (var v = 0; v < l; v++)
                {
                    var (y0, x0) = (r * s + u * d - rows.Top, c * t + v * e - cols.Top);
                    if (y0 >= 0 && y0 < i && x0 >= 0 && x0 < j) expected += x[y0, x0] * w[u, v];
                }
                Assert.Equal(expected, animation.Values!.Output[r, c]);
            }
        }
    }

    [Fact]
    public void Half_is_the_guides_split_of_d_k_minus_1_whatever_the_stride()
    {
        var random = new Random(7);
        for (var n = 0; n < 200; n++)
        {
            var (i, k, s, d) = (random.Next(4, 12), random.Next(1, 5), random.Next(1, 4), random.Next(1, 3));
            var g = Parse($"input: {i}\nkernel: {k}\nstride: {s}\ndilation: {d}\npadding: half").Geometry;
            var total = d * (k - 1);
            Assert.Equal((total / 2, total - total / 2), (g.Rows.Padding, g.Rows.PaddingEnd));
            if (s == 1) Assert.Equal(Parse($"input: {i}\nkernel: {k}\ndilation: {d}\npadding: same").Geometry, g);
        }
    }

    [Fact]
    public void The_issues_example_pads_nothing_before_and_one_after_so_the_windows_start_on_the_input()
    {
        var figure = Parse("input: 6\nkernel: 3\nstride: 2\npadding: same");
        Assert.Equal((0, 1), (figure.Geometry.Rows.Padding, figure.Geometry.Rows.PaddingEnd));
        var animation = Layouter.Layout(figure);
        Assert.Equal(CellKind.Input, animation.Grid[0, 0]);
        Assert.Equal(CellKind.Padding, animation.Grid[6, 6]);
        // The last window of a row covers input columns 4 and 5 and the padding cell after them.
        Assert.Equal([new Cell(0, 4), new Cell(0, 5), new Cell(0, 6)], animation.Frames[2].Taps.Take(3));
        var half = Parse("input: 6\nkernel: 3\nstride: 2\npadding: half").Geometry;
        Assert.Equal((1, 1), (half.Rows.Padding, half.Rows.PaddingEnd));
    }

    [Fact]
    public void Explain_says_which_rule_pads()
    {
        var same = new PreparedFigure(Parse("input: 6\nkernel: 3\nstride: 2\npadding: same")).Describe();
        Assert.Contains("padding: same is TensorFlow's SAME: o = ceil(i/s) = ceil(6/2) = 3, padding = max((o-1)s + d(k-1) + 1 - i, 0) = max(2*2 + 2 + 1 - 6, 0) = 1: 0 before, 1 after", same);
        var half = new PreparedFigure(Parse("input: 6\nkernel: 3\nstride: 2\npadding: half")).Describe();
        Assert.Contains("padding: half is the guide's half padding: d(k-1) = 2 split in two: 1 before, 1 after (TensorFlow's SAME at this stride would be padding: same)", half);
        var words = new PreparedFigure(Parse("input: [5, 6]\nkernel: 3\nstride: 2\npadding: [half, same]")).Describe();
        Assert.Contains("rows:", words);
        Assert.Contains("padding: half is the guide's", words);
        Assert.Contains("padding: same is TensorFlow's SAME: o = ceil(i/s) = ceil(6/2) = 3", words);
        Assert.DoesNotContain("TensorFlow's SAME:", new PreparedFigure(Parse("input: 6\nkernel: 3\npadding: 1")).Describe());
    }
}
