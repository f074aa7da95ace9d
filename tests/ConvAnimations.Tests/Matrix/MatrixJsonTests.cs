using System.Text.Json;
using ConvAnimations.Layout;
using ConvAnimations.Preparation;
using ConvAnimations.Spec;
using ConvAnimations.Tests.Support;
using ConvAnimations.Views;
using CsCheck;

namespace ConvAnimations.Tests.Matrix;

/// <summary>The "matrix" of <c>explain --json</c>: C built from its entries multiplies like the numerical figures compute.</summary>
public sealed class MatrixJsonTests
{
    /// <summary>One axis of a random figure: input, kernel, stride, padding before and after, dilation.</summary>
    private sealed record AxisSpec(int Input, int Kernel, int Stride, int Before, int After, int Dilation);

    private static Gen<AxisSpec> AxisGen(bool transposed) =>
        Gen.Select(Gen.Int[1, 4], Gen.Int[1, 3], Gen.Int[1, 3], Gen.Int[0, 6], Gen.Int[0, 6], Gen.Int[0, 7], (k, s, d, before, after, extra) =>
        {
            var spread = d * (k - 1);
            // A transposed figure pads both sides alike and at most d(k-1).
            (before, after) = transposed ? (Math.Min(before, spread), Math.Min(before, spread)) : (before % 3, after % 3);
            var input = Math.Max(1, spread + 1 - before - after) + extra;
            return new AxisSpec(input, k, s, before, after, d);
        });

    private static Gen<(AxisSpec Rows, AxisSpec Cols, uint Seed)> FigureGen(bool transposed) =>
        Gen.Select(AxisGen(transposed), AxisGen(transposed), Gen.UInt[0, 100_000]);

    private static Figure Parse((AxisSpec Rows, AxisSpec Cols, uint Seed) f, bool transposed) => Figures.Parse($$"""
        figures:
          - name: m
            kind: {{(transposed ? "transposed" : "convolution")}}
            view: matrix
            input: [{{f.Rows.Input}}, {{f.Cols.Input}}]
            kernel: [{{f.Rows.Kernel}}, {{f.Cols.Kernel}}]
            stride: [{{f.Rows.Stride}}, {{f.Cols.Stride}}]
            dilation: [{{f.Rows.Dilation}}, {{f.Cols.Dilation}}]
            padding: {top: {{f.Rows.Before}}, bottom: {{f.Rows.After}}, left: {{f.Cols.Before}}, right: {{f.Cols.After}}}
            values: {seed: {{f.Seed}}}
        """);

    private static double[] Flat(double[,] m) => m.Cast<double>().ToArray();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void C_x_and_C_transpose_x_from_the_entries_equal_the_numerical_outputs(bool transposed)
    {
        FigureGen(transposed).Sample(f =>
        {
            var figure = Parse(f, transposed);
            var animation = Layouter.Layout(figure);
            using var json = JsonDocument.Parse(View.Of(animation.Figure).Json(animation));
            var matrix = json.RootElement.GetProperty("matrix");
            var shape = matrix.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            var g = figure.Geometry;
            Assert.Equal([g.Output.Area, g.Input.Area], shape);

            // C as a dense matrix of the kernel's weights, from the entries alone.
            var kernel = figure.Values!.Kernel!;
            var c = new double[shape[0], shape[1]];
            var previous = (-1, -1);
            foreach (var entry in matrix.GetProperty("entries").EnumerateArray())
            {
                var (row, col, kr, kc) = (entry[0].GetInt32(), entry[1].GetInt32(), entry[2].GetInt32(), entry[3].GetInt32());
                Assert.True((row, col).CompareTo(previous) > 0, "entries sorted by row then column, each once");
                previous = (row, col);
                c[row, col] = kernel[kr, kc];
            }

            var x = Flat(figure.Values.Input);
            var expected = Flat(animation.Values!.Output);
            var (lines, length) = transposed ? (shape[1], shape[0]) : (shape[0], shape[1]);
            Assert.Equal(lines, expected.Length);
            Assert.Equal(length, x.Length);
            for (var line = 0; line < lines; line++)
            {
                var y = 0.0;
                for (var j = 0; j < length; j++) y += (transposed ? c[j, line] : c[line, j]) * x[j];
                Assert.Equal(expected[line], y, 9);
            }

            // Each frame names the line that computes its output cell.
            var key = transposed ? "matrix_column" : "matrix_row";
            var frames = json.RootElement.GetProperty("frames").EnumerateArray().ToList();
            foreach (var (frame, n) in frames.Select((fr, n) => (fr, n)))
            {
                var output = frame.GetProperty("output");
                Assert.Equal(output[0].GetInt32() * animation.Output.Cols + output[1].GetInt32(), frame.GetProperty(key).GetInt32());
                Assert.False(frame.TryGetProperty(transposed ? "matrix_row" : "matrix_column", out _));
            }
        }, iter: 250, threads: 1);
    }

    [Fact]
    public void The_guides_4x16_example()
    {
        var figure = Figures.Parse("figures:\n  - {name: m, view: matrix, input: 4, kernel: 3}\n");
        var matrix = ConvolutionMatrix.Of(figure.Geometry);
        Assert.Equal(new(4, 16), matrix.Shape);
        // The guide, section 4.1: row r holds w_{a,0..2} at columns 4(r//2 + a) + r%2 + 0..2.
        var expected = from r in Enumerable.Range(0, 4)
                       from a in Enumerable.Range(0, 3)
                       from b in Enumerable.Range(0, 3)
                       select new MatrixEntry(r, 4 * (r / 2 + a) + r % 2 + b, a, b);
        Assert.Equal(expected, matrix.Entries);
    }

    [Fact]
    public void Taps_on_padding_give_no_entry_and_other_views_print_no_matrix()
    {
        var padded = Figures.Parse("figures:\n  - {name: m, view: matrix, input: 3, kernel: 3, padding: 1}\n");
        var matrix = ConvolutionMatrix.Of(padded.Geometry);
        Assert.Equal(new(9, 9), matrix.Shape);
        // Corner outputs see 4 input cells, edges 6, the centre 9.
        Assert.Equal([4, 6, 4, 6, 9, 6, 4, 6, 4], matrix.Lines(transposed: false).Select(l => l.Count));
        var plain = new PreparedFigure(Figures.Parse("figures:\n  - {name: m, input: 3, kernel: 3, padding: 1}\n")).Json();
        Assert.DoesNotContain("matrix", plain);
    }
}
