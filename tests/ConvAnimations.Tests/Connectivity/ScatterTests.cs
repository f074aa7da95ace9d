using System.Text.Json;
using ConvAnimations.Preparation;
using ConvAnimations.Scenes;
using ConvAnimations.Tests.Support;
using ConvAnimations.Views;
using CsCheck;

namespace ConvAnimations.Tests.Connectivity;

/// <summary>
/// <c>view: scatter</c> against PyTorch's <c>conv_transpose2d</c> by its definition, written here: each input cell
/// (r, c) adds x[r, c]·w[a, b] to output cell (r·s - p + a·d, c·s - p + b·d) when inside the output. The placements,
/// the overlap and the sums follow it, and the last frame's numbers are those of the zero-insertion (kernel) view.
/// </summary>
public sealed class ScatterTests
{
    private sealed record AxisSpec(int Input, int Kernel, int Stride, int Padding, int Dilation);

    private static readonly Gen<AxisSpec> AxisGen =
        Gen.Select(Gen.Int[1, 4], Gen.Int[1, 3], Gen.Int[1, 2], Gen.Int[0, 6], Gen.Int[0, 4], (k, s, d, p, extra) =>
        {
            var spread = d * (k - 1);
            var padding = Math.Min(p, spread);
            return new AxisSpec(Math.Max(1, spread + 1 - 2 * padding) + extra, k, s, padding, d);
        });

    private static readonly Gen<(AxisSpec Rows, AxisSpec Cols, uint Seed)> FigureGen = Gen.Select(AxisGen, AxisGen, Gen.UInt[0, 100_000]);

    private static string Yaml((AxisSpec Rows, AxisSpec Cols, uint Seed) f, string name, string view) => $$"""
          - name: {{name}}
            kind: transposed
            view: {{view}}
            input: [{{f.Rows.Input}}, {{f.Cols.Input}}]
            kernel: [{{f.Rows.Kernel}}, {{f.Cols.Kernel}}]
            stride: [{{f.Rows.Stride}}, {{f.Cols.Stride}}]
            dilation: [{{f.Rows.Dilation}}, {{f.Cols.Dilation}}]
            padding: [{{f.Rows.Padding}}, {{f.Cols.Padding}}]
            values: {seed: {{f.Seed}}}
        """;

    private static double[,] Matrix(JsonElement rows) =>
        To2D(rows.EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray());

    private static double[,] To2D(double[][] rows)
    {
        var m = new double[rows.Length, rows.Length == 0 ? 0 : rows[0].Length];
        for (var r = 0; r < rows.Length; r++)
            for (var c = 0; c < rows[r].Length; c++)
                m[r, c] = rows[r][c];
        return m;
    }

    /// <summary>conv_transpose2d by its definition: the output, the count of placements on each cell, and each input cell's touched cells.</summary>
    private static (double[,] Output, int[,] Overlap, List<(int, int)>[] Touched) ConvTranspose2d(double[,] x, double[,] w, AxisSpec rows, AxisSpec cols)
    {
        int Size(AxisSpec a, int i) => (i - 1) * a.Stride - 2 * a.Padding + a.Dilation * (a.Kernel - 1) + OutputPadding(a) + 1;
        int OutputPadding(AxisSpec a) => (a.Input + 2 * a.Padding - a.Dilation * (a.Kernel - 1) - 1) % a.Stride;
        var (inRows, inCols) = (x.GetLength(0), x.GetLength(1));
        var (outRows, outCols) = (Size(rows, inRows), Size(cols, inCols));
        var output = new double[outRows, outCols];
        var overlap = new int[outRows, outCols];
        var touched = new List<(int, int)>[inRows * inCols];
        for (var r = 0; r < inRows; r++)
            for (var c = 0; c < inCols; c++)
            {
                touched[r * inCols + c] = [];
                for (var a = 0; a < w.GetLength(0); a++)
                    for (var b = 0; b < w.GetLength(1); b++)
                    {
                        var (y, z) = (r * rows.Stride - rows.Padding + a * rows.Dilation, c * cols.Stride - cols.Padding + b * cols.Dilation);
                        if (y < 0 || y >= outRows || z < 0 || z >= outCols) continue;
                        output[y, z] += x[r, c] * w[a, b];
                        overlap[y, z]++;
                        touched[r * inCols + c].Add((y, z));
                    }
                touched[r * inCols + c].Sort();
            }
        return (output, overlap, touched);
    }

    [Fact]
    public void Placements_overlap_and_sums_are_conv_transpose2d_and_the_last_frame_is_the_zero_insertion_views_output()
    {
        FigureGen.Sample(f =>
        {
            var file = ViewTable.Default.Parse("figures:\n" + Yaml(f, "s", "scatter") + "\n" + Yaml(f, "k", "kernel") + "\n  - {name: both, beside: [s, k]}\n", "s.yaml");
            Assert.True(file.IsValid, string.Join("\n", file.Errors));
            var scatter = new PreparedFigure(file.Figures.Single(x => x.Name == "s"));
            using var json = JsonDocument.Parse(scatter.Json());
            var values = json.RootElement.GetProperty("values");
            var (x, w) = (Matrix(values.GetProperty("input")), Matrix(values.GetProperty("kernel")));
            Assert.Equal(scatter.Figure.Values!.Input, x);
            var (output, overlap, touched) = ConvTranspose2d(x, w, f.Rows, f.Cols);

            var frames = json.RootElement.GetProperty("frames").EnumerateArray().ToList();
            Assert.Equal(x.Length, frames.Count);
            Assert.Equal(x.Length, scatter.Scene.Frames.Count);
            for (var n = 0; n < frames.Count; n++)
            {
                Assert.Equal([n / x.GetLength(1), n % x.GetLength(1)], frames[n].GetProperty("input").EnumerateArray().Select(v => v.GetInt32()));
                Assert.Equal(touched[n], frames[n].GetProperty("outputs").EnumerateArray().Select(p => (p[0].GetInt32(), p[1].GetInt32())));
            }
            var counts = json.RootElement.GetProperty("overlap").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetInt32()).ToArray()).ToArray();
            Assert.Equal(Enumerable.Range(0, overlap.GetLength(0)).Select(r => Enumerable.Range(0, overlap.GetLength(1)).Select(c => overlap[r, c]).ToArray()), counts);
            AssertClose(output, Matrix(values.GetProperty("output")));

            // The zero-insertion view of the same figure computes the same numbers, and so does the figure of both beside each other.
            var kernelView = new PreparedFigure(file.Figures.Single(x => x.Name == "k"));
            using var kernelJson = JsonDocument.Parse(kernelView.Json());
            AssertClose(output, Matrix(kernelJson.RootElement.GetProperty("values").GetProperty("output")));
            using var both = JsonDocument.Parse(new PreparedFigure(file.Figures.Single(x => x.Name == "both")).Json());
            var parts = both.RootElement.GetProperty("parts").EnumerateArray().Select(p => Matrix(p.GetProperty("values").GetProperty("output"))).ToList();
            AssertClose(parts[0], parts[1]);
        }, iter: 200, threads: 1);
    }

    private static void AssertClose(double[,] expected, double[,] actual)
    {
        Assert.Equal((expected.GetLength(0), expected.GetLength(1)), (actual.GetLength(0), actual.GetLength(1)));
        for (var r = 0; r < expected.GetLength(0); r++)
            for (var c = 0; c < expected.GetLength(1); c++)
                Assert.True(Math.Abs(expected[r, c] - actual[r, c]) < 1e-9, $"at ({r}, {c}): expected {expected[r, c]}, got {actual[r, c]}");
    }

    [Fact]
    public void The_last_frame_shows_every_output_number_of_the_kernel_view()
    {
        var figure = Repo.Prepared("transposed_scatter");
        var expected = Repo.Prepared("numerical_padding_strides_transposed").Animation.Values!.Output;
        var last = figure.Scene.Frames[^1].Marks.OfType<Label>().Where(l => l.Plane == 1 && l.Align == TextAlign.Center).ToList();
        // Each output cell's running sum in its cell of the canvas (one cell of cropping around it).
        var shown = last.ToDictionary(l => ((int)l.Row - 1, (int)l.Col - 1), l => l.Text);
        Assert.Equal(expected.Length, shown.Count);
        for (var r = 0; r < expected.GetLength(0); r++)
            for (var c = 0; c < expected.GetLength(1); c++)
                Assert.Equal(figure.Figure.Look.Format(expected[r, c]), shown[(r, c)]);
    }

    [Fact]
    public void The_checkerboard_k_3_s_2_p_1_and_even_overlap_when_s_divides_k()
    {
        using var odd = JsonDocument.Parse(Repo.Prepared("transposed_scatter").Json());
        Assert.Equal("[[1,2,1,2,1],[2,4,2,4,2],[1,2,1,2,1],[2,4,2,4,2],[1,2,1,2,1]]", odd.RootElement.GetProperty("overlap").GetRawText().Replace(" ", ""));
        // k = 4, s = 2: every cell away from the border takes (k/s)² = 4 placements.
        var even = new PreparedFigure(Figures.Parse("figures:\n  - {name: e, kind: transposed, view: scatter, input: 8, kernel: 4, stride: 2}\n"));
        using var json = JsonDocument.Parse(even.Json());
        var counts = json.RootElement.GetProperty("overlap").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetInt32()).ToArray()).ToArray();
        Assert.All(counts[2..^2], row => Assert.All(row[2..^2], n => Assert.Equal(4, n)));
        Assert.Contains("away from the border every cell takes 4 (even)", even.Describe());
        Assert.Contains("away from the border 1, 2 and 4, uneven (the checkerboard", Repo.Prepared("transposed_scatter").Describe());
    }

    [Fact]
    public void Overlap_false_leaves_the_map_out()
    {
        var with = new PreparedFigure(Figures.Parse("figures:\n  - {name: o, kind: transposed, view: scatter, input: 5, kernel: 3, stride: 2}\n")).Scene;
        var without = new PreparedFigure(Figures.Parse("figures:\n  - {name: o, kind: transposed, view: scatter, overlap: false, input: 5, kernel: 3, stride: 2}\n")).Scene;
        Assert.Equal(3, with.Planes.Count);
        Assert.Equal(2, without.Planes.Count);
        Assert.DoesNotContain(without.Frames[0].Marks, m => m is Tint);
    }
}
