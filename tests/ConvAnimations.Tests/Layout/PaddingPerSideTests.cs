using ConvAnimations.Arithmetic;
using ConvAnimations.Layout;
using ConvAnimations.Preparation;
using ConvAnimations.Rendering;
using ConvAnimations.Scenes;
using ConvAnimations.Spec;
using ConvAnimations.Tests.Support;
using ConvAnimations.Views;

namespace ConvAnimations.Tests.Layout;

/// <summary>Padding per side, TensorFlow's SAME with an even kernel, causal 1-D figures: grids, outputs and numbers.</summary>
public sealed class PaddingPerSideTests
{
    private static Figure Parse(string body) =>
        Figures.Parse($"figures:\n  - name: f\n    {body.Replace("\n", "\n    ", StringComparison.Ordinal)}\n");

    [Fact]
    public void Property_grids_frames_and_numbers_follow_the_sides_against_an_independent_convolution()
    {
        var random = new Random(20261126);
        for (var n = 0; n < 300; n++)
        {
            int i() => random.Next(1, 8);
            var (ir, ic, kr, kc, sr, sc, dr, dc) = (i(), i(), random.Next(1, 4), random.Next(1, 4), random.Next(1, 3), random.Next(1, 3), random.Next(1, 3), random.Next(1, 3));
            var (top, bottom, left, right) = (random.Next(0, 4), random.Next(0, 4), random.Next(0, 4), random.Next(0, 4));
            // Independent formulas: o = floor((i + before + after - d(k-1) - 1)/s) + 1.
            var (or, oc) = ((ir + top + bottom - dr * (kr - 1) - 1) / sr + 1, (ic + left + right - dc * (kc - 1) - 1) / sc + 1);
            if (ir + top + bottom < dr * (kr - 1) + 1 || ic + left + right < dc * (kc - 1) + 1) continue;
            var figure = Parse($"input: [{ir}, {ic}]\nkernel: [{kr}, {kc}]\nstride: [{sr}, {sc}]\ndilation: [{dr}, {dc}]\npadding: {{top: {top}, bottom: {bottom}, left: {left}, right: {right}}}\nvalues: {{seed: {n}}}");
            var animation = Layouter.Layout(figure);
            Assert.Equal((ir + top + bottom, ic + left + right), (animation.Grid.GetLength(0), animation.Grid.GetLength(1)));
            Assert.Equal((or, oc), (animation.Output.Rows, animation.Output.Cols));
            for (var r = 0; r < animation.Grid.GetLength(0); r++)
                for (var c = 0; c < animation.Grid.GetLength(1); c++)
                    Assert.Equal(r >= top && r < top + ir && c >= left && c < left + ic, animation.Grid[r, c] == CellKind.Input);

            // y[r, c] = sum over the taps of x[r s + u d - top, c s + v d - left] w[u, v], zero outside the input.
            var (x, w) = (figure.Values!.Input, figure.Values.Kernel!);
            for (var r = 0; r < or; r++)
            {
                for (var c = 0; c < oc; c++)
                {
                    double expected = 0;
                    for (var u = 0; u < kr; u++)
                    {
                        for (var v = 0; v < kc; v++)
                        {
                            var (y0, x0) = (r * sr + u * dr - top, c * sc + v * dc - left);
                            if (y0 >= 0 && y0 < ir && x0 >= 0 && x0 < ic) expected += x[y0, x0] * w[u, v];
                        }
                    }
                    Assert.Equal(expected, animation.Values!.Output[r, c]);
                }
            }
        }
    }

    [Theory]
    [InlineData(5, 4, 1, 2, 5)]   // TensorFlow's SAME: 3 cells of padding, the odd one at the bottom/right
    [InlineData(6, 2, 0, 1, 6)]
    [InlineData(5, 3, 1, 1, 5)]   // an odd kernel pads evenly, as before
    public void Same_padding_keeps_the_size_with_the_odd_cell_at_the_bottom_right(int input, int kernel, int before, int after, int output)
    {
        var figure = Parse($"input: {input}\nkernel: {kernel}\npadding: same");
        Assert.Equal((before, after), (figure.Geometry.Rows.Padding, figure.Geometry.Rows.PaddingEnd));
        Assert.Equal((before, after), (figure.Geometry.Cols.Padding, figure.Geometry.Cols.PaddingEnd));
        Assert.Equal(Size2.Square(output), figure.Geometry.Output);
    }

    [Fact]
    public void A_causal_1d_figure_pads_the_left_only_and_reads_as_a_row()
    {
        var figure = Parse("input: [1, 16]\nkernel: [1, 3]\ndilation: [1, 2]\npadding: causal");
        var g = figure.Geometry;
        Assert.Equal((0, 0, 4, 0), (g.Rows.Padding, g.Rows.PaddingEnd, g.Cols.Padding, g.Cols.PaddingEnd));
        Assert.Equal(new Size2(1, 16), g.Output);
        var animation = Layouter.Layout(figure);
        Assert.Equal(1, animation.Grid.GetLength(0));
        // The first output sees only the first input: the kernel's other taps lie in the padding on the left.
        Assert.Equal([new Cell(0, 0), new Cell(0, 2), new Cell(0, 4)], animation.Frames[0].Taps);

        // One row, the output a row just above it: the frame is far wider than tall.
        var size = SceneRenderer.SizeOf(View.Of(animation.Figure).Build(animation));
        Assert.True(size.Width > 2 * size.Height, $"{size.Width}x{size.Height}");
    }

    [Fact]
    public void Explain_json_reports_the_far_sides_in_padding_end()
    {
        var json = System.Text.Json.JsonDocument.Parse(new PreparedFigure(Parse("input: [4, 5]\nkernel: 2\npadding: {top: 1, bottom: 2, left: 0, right: 3}")).Json()).RootElement;
        var direct = json.GetProperty("direct");
        Assert.Equal([2, 3], direct.GetProperty("padding_end").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal([1, 0], direct.GetProperty("padding").EnumerateArray().Select(e => e.GetInt32()));
        var symmetric = System.Text.Json.JsonDocument.Parse(Repo.Prepared("padding_strides").Json()).RootElement.GetProperty("direct");
        Assert.Equal(symmetric.GetProperty("padding").ToString(), symmetric.GetProperty("padding_end").ToString());
    }
}
