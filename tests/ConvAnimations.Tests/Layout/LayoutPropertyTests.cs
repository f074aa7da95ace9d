using ConvAnimations.Arithmetic;
using ConvAnimations.Explain;
using ConvAnimations.Layout;
using ConvAnimations.Spec;
using ConvAnimations.Tests.Support;

namespace ConvAnimations.Tests.Layout;

/// <summary>Invariants of the layout over thousands of random per-axis configurations (fixed seeds: reproducible).</summary>
public sealed class LayoutPropertyTests
{
    private static Figure RandomFigure(Random random, Kind kind)
    {
        while (true)
        {
            Axis Next() => new(random.Next(1, 16), random.Next(1, 6), random.Next(1, 5), random.Next(0, 5), random.Next(1, 4));
            var (rows, cols) = (Next(), Next());
            if (!rows.KernelFits || !cols.KernelFits) continue;
            if (kind == Kind.Transposed && (rows.TransposedPadding < 0 || cols.TransposedPadding < 0)) continue;
            return TestFigures.Of(kind, new Geometry(rows, cols));
        }
    }

    /// <summary>Windows counted one by one: positions x = 0, s, 2s, ... whose last tap x + d(k-1) is inside i + 2p.</summary>
    private static int CountWindows(int padded, int kernel, int stride, int dilation)
    {
        var count = 0;
        for (var x = 0; x + dilation * (kernel - 1) < padded; x += stride) count++;
        return count;
    }

    [Theory]
    [InlineData("convolution", 1)]
    [InlineData("max_pooling", 2)]
    [InlineData("transposed", 3)]
    public void Every_output_cell_is_computed_once_and_every_tap_is_in_the_grid(string kindName, int seed)
    {
        var kind = Kind.Parse(kindName)!;
        var random = new Random(seed);
        for (var n = 0; n < 2000; n++)
        {
            var figure = RandomFigure(random, kind);
            var animation = Layouter.Layout(figure);
            var (rows, cols) = (animation.GridSize.Rows, animation.GridSize.Cols);

            var outputs = animation.Frames.Select(f => f.Output).ToList();
            Assert.Equal(animation.Output.Area, outputs.Count);
            Assert.Equal(outputs.Count, outputs.Distinct().Count());
            Assert.All(outputs, o => Assert.True(o.Row < animation.Output.Rows && o.Col < animation.Output.Cols));
            foreach (var frame in animation.Frames)
            {
                Assert.Equal(figure.Geometry.Kernel.Area, frame.Taps.Count);
                foreach (var tap in frame.Taps)
                {
                    // The message is made only for a failure: formatting it for each of millions of taps took seconds.
                    if (tap.Row < 0 || tap.Row >= rows || tap.Col < 0 || tap.Col >= cols) Assert.Fail($"{figure.Geometry}: tap {tap} outside {rows}x{cols}");
                }
            }
        }
    }

    [Fact]
    public void Convolution_output_is_pytorch_conv2d_and_the_count_of_windows()
    {
        var random = new Random(4);
        for (var n = 0; n < 3000; n++)
        {
            var figure = RandomFigure(random, Kind.Convolution);
            foreach (var a in new[] { figure.Geometry.Rows, figure.Geometry.Cols })
            {
                // torch.nn.Conv2d: H_out = floor((H_in + 2 padding - dilation (kernel_size - 1) - 1) / stride + 1)
                var pytorch = (int)Math.Floor((a.Input + 2.0 * a.Padding - a.Dilation * (a.Kernel - 1) - 1) / a.Stride + 1);
                Assert.Equal(pytorch, a.Output);
                Assert.Equal(CountWindows(a.Input + 2 * a.Padding, a.Kernel, a.Stride, a.Dilation), a.Output);
            }
            var animation = Layouter.Layout(figure);
            Assert.Equal(new Size2(figure.Geometry.Rows.Input + 2 * figure.Geometry.Rows.Padding, figure.Geometry.Cols.Input + 2 * figure.Geometry.Cols.Padding), animation.GridSize);
        }
    }

    [Fact]
    public void Transposed_grid_slides_to_exactly_the_direct_input_which_is_pytorch_conv_transpose2d()
    {
        var random = new Random(5);
        for (var n = 0; n < 3000; n++)
        {
            var figure = RandomFigure(random, Kind.Transposed);
            var animation = Layouter.Layout(figure);
            var g = figure.Geometry;
            foreach (var (a, gridSize, output) in new[] { (g.Rows, animation.GridSize.Rows, animation.Output.Rows), (g.Cols, animation.GridSize.Cols, animation.Output.Cols) })
            {
                // A stride-1 window of d(k-1)+1 cells fits gridSize - d(k-1) times: the direct input i.
                Assert.Equal(a.Input, CountWindows(gridSize, a.Kernel, 1, a.Dilation));
                Assert.Equal(a.Input, output);
                // torch.nn.ConvTranspose2d: H_out = (H_in - 1) stride - 2 padding + dilation (kernel_size - 1) + output_padding + 1
                var outputPadding = (a.Input + 2 * a.Padding - a.Dilation * (a.Kernel - 1) - 1) % a.Stride;
                Assert.Equal(a.Input, (a.Output - 1) * a.Stride - 2 * a.Padding + a.Dilation * (a.Kernel - 1) + outputPadding + 1);
            }
            // The transposed input cells: o per axis, s apart, after p' = d(k-1) - p padding cells.
            var inputs = Enumerable.Range(0, animation.GridSize.Rows).SelectMany(r => Enumerable.Range(0, animation.GridSize.Cols).Select(c => (r, c)))
                .Where(p => animation.Grid[p.r, p.c] == CellKind.Input).ToList();
            var expected = from r in Enumerable.Range(0, g.Rows.Output)
                           from c in Enumerable.Range(0, g.Cols.Output)
                           select (g.Rows.Dilation * (g.Rows.Kernel - 1) - g.Rows.Padding + r * g.Rows.Stride, g.Cols.Dilation * (g.Cols.Kernel - 1) - g.Cols.Padding + c * g.Cols.Stride);
            Assert.Equal(expected, inputs);
        }
    }

    [Fact]
    public void Both_transposed_conventions_describe_the_same_figure()
    {
        var random = new Random(6);
        for (var n = 0; n < 500; n++)
        {
            var figure = RandomFigure(random, Kind.Transposed);
            var g = figure.Geometry;
            var framework = Figures.Parse($"""
                figures:
                  - name: f
                    kind: transposed
                    transposed_input: [{g.Rows.Output}, {g.Cols.Output}]
                    output_padding: [{g.Rows.OutputPadding}, {g.Cols.OutputPadding}]
                    kernel: [{g.Rows.Kernel}, {g.Cols.Kernel}]
                    stride: [{g.Rows.Stride}, {g.Cols.Stride}]
                    padding: [{g.Rows.Padding}, {g.Cols.Padding}]
                    dilation: [{g.Rows.Dilation}, {g.Cols.Dilation}]
                """);
            Assert.Equal(g, framework.Geometry);
            Assert.Equal(ArithmeticText.GridRows(Layouter.Layout(figure).Grid), ArithmeticText.GridRows(Layouter.Layout(framework).Grid));
        }
    }

    [Fact]
    public void The_issue_example_of_both_conventions()
    {
        var guide = Figures.Parse("figures:\n  - {name: a, kind: transposed, input: 6, kernel: 3, stride: 2, padding: 1}");
        var framework = Figures.Parse("figures:\n  - {name: a, kind: transposed, transposed_input: 3, output_padding: 1, kernel: 3, stride: 2, padding: 1}");
        Assert.Equal(guide.Geometry, framework.Geometry);
        Assert.Equal(6, framework.Geometry.Rows.Input);
    }
}
