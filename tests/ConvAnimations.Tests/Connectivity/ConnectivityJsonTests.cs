using System.Text.Json;
using ConvAnimations.Preparation;
using ConvAnimations.Spec;
using ConvAnimations.Tests.Support;
using ConvAnimations.Views;
using CsCheck;

namespace ConvAnimations.Tests.Connectivity;

/// <summary>
/// The "connectivity" and "equivalent" of <c>explain --json</c> for <c>view: connectivity</c>, against oracles
/// written here: C (and Cᵀ) from the direct convolution's formula, the equivalent convolution from the guide's
/// relationships (p' = d(k-1) - p, s-1 zeros between inputs, a = (i + 2p - d(k-1) - 1) mod s after), and the matrix
/// view's entries of the same figure.
/// </summary>
public sealed class ConnectivityJsonTests
{
    /// <summary>One axis of a random figure: input, kernel, stride, padding before and after, dilation.</summary>
    private sealed record AxisSpec(int Input, int Kernel, int Stride, int Before, int After, int Dilation);

    private static Gen<AxisSpec> AxisGen(bool transposed, bool oneRow) =>
        oneRow
            ? Gen.Const(new AxisSpec(1, 1, 1, 0, 0, 1))
            : Gen.Select(Gen.Int[1, 4], Gen.Int[1, 3], Gen.Int[1, 2], Gen.Int[0, 4], Gen.Int[0, 4], Gen.Int[0, 5], (k, s, d, before, after, extra) =>
            {
                var spread = d * (k - 1);
                // A transposed figure pads both sides alike and at most d(k-1).
                (before, after) = transposed ? (Math.Min(before, spread), Math.Min(before, spread)) : (before % 3, after % 3);
                var input = Math.Max(1, spread + 1 - before - after) + extra;
                return new AxisSpec(input, k, s, before, after, d);
            });

    private static Gen<(AxisSpec Rows, AxisSpec Cols, bool Transposed)> FigureGen =>
        Gen.Select(Gen.Bool, Gen.Bool).SelectMany(p => Gen.Select(AxisGen(p.Item1, p.Item2), AxisGen(p.Item1, false), (r, c) => (r, c, p.Item1)));

    private static string Yaml((AxisSpec Rows, AxisSpec Cols, bool Transposed) f, string view) => $$"""
        figures:
          - name: f
            kind: {{(f.Transposed ? "transposed" : "convolution")}}
            view: {{view}}
            input: [{{f.Rows.Input}}, {{f.Cols.Input}}]
            kernel: [{{f.Rows.Kernel}}, {{f.Cols.Kernel}}]
            stride: [{{f.Rows.Stride}}, {{f.Cols.Stride}}]
            dilation: [{{f.Rows.Dilation}}, {{f.Cols.Dilation}}]
            padding: {top: {{f.Rows.Before}}, bottom: {{f.Rows.After}}, left: {{f.Cols.Before}}, right: {{f.Cols.After}}}
        """;

    /// <summary>An edge as the document writes it: from, to and, when it carries a tap's weight, kr, kc.</summary>
    private static List<int[]> Edges(JsonElement list) => list.EnumerateArray().Select(e => e.EnumerateArray().Select(v => v.GetInt32()).ToArray()).ToList();

    private static readonly Comparison<int[]> ByToThenFrom = (a, b) => (a[1], a[0]).CompareTo((b[1], b[0]));

    /// <summary>
    /// C of the direct convolution by its formula: output (r, c) reads input (r·s - p + a·d, c·s - p + b·d) by tap
    /// (a, b) when that cell is inside the input, as [input unit, output unit, a, b] flattened row-major.
    /// </summary>
    private static List<int[]> DirectEdges(AxisSpec rows, AxisSpec cols)
    {
        int Output(AxisSpec x) => (x.Input + x.Before + x.After - x.Dilation * (x.Kernel - 1) - 1) / x.Stride + 1;
        var edges = new List<int[]>();
        for (var r = 0; r < Output(rows); r++)
            for (var c = 0; c < Output(cols); c++)
                for (var a = 0; a < rows.Kernel; a++)
                    for (var b = 0; b < cols.Kernel; b++)
                    {
                        var (y, x) = (r * rows.Stride - rows.Before + a * rows.Dilation, c * cols.Stride - cols.Before + b * cols.Dilation);
                        if (y >= 0 && y < rows.Input && x >= 0 && x < cols.Input) edges.Add([y * cols.Input + x, r * Output(cols) + c, a, b]);
                    }
        edges.Sort(ByToThenFrom);
        return edges;
    }

    [Fact]
    public void Edges_are_C_or_C_transposed_by_the_formula_the_equivalent_convolution_by_the_guides_relationships_and_the_matrix_views_entries()
    {
        var drawn = 0;
        FigureGen.Sample(f =>
        {
            var file = ViewTable.Default.Parse(Yaml(f, "connectivity"), "c.yaml");
            if (!file.IsValid)
            {
                // Only a figure too large for units and edges is refused, and it is told why.
                Assert.All(file.Errors, e => Assert.Contains("view: connectivity draws at most", e.Message));
                return;
            }
            drawn++;
            var figure = file.Figures[0];
            using var json = JsonDocument.Parse(new PreparedFigure(figure).Json());
            var connectivity = json.RootElement.GetProperty("connectivity");
            var direct = DirectEdges(f.Rows, f.Cols);
            var expected = f.Transposed ? direct.Select(e => new[] { e[1], e[0], e[2], e[3] }).ToList() : direct;
            expected.Sort(ByToThenFrom);
            var edges = Edges(connectivity.GetProperty("edges"));
            Assert.Equal(expected, edges);
            var (inputs, outputs) = (figure.Geometry.Input.Area, figure.Geometry.Output.Area);
            Assert.Equal(f.Transposed ? (outputs, inputs) : (inputs, outputs), (connectivity.GetProperty("inputs").GetInt32(), connectivity.GetProperty("outputs").GetInt32()));
            Assert.Equal(direct.Select(e => (e[2], e[3])).Distinct().Count(), connectivity.GetProperty("weights").GetInt32());

            // The matrix view's C of the same figure: entry [row, col] is the edge col -> row (transposed: row -> col).
            using var matrix = JsonDocument.Parse(new PreparedFigure(ViewTable.Default.Parse(Yaml(f, "matrix"), "m.yaml").Figures[0]).Json());
            var entries = Edges(matrix.RootElement.GetProperty("matrix").GetProperty("entries"))
                .Select(e => f.Transposed ? new[] { e[0], e[1], e[2], e[3] } : new[] { e[1], e[0], e[2], e[3] }).ToList();
            entries.Sort(ByToThenFrom);
            Assert.Equal(entries, edges);

            Assert.Equal(f.Transposed, json.RootElement.TryGetProperty("equivalent", out var equivalent));
            if (f.Transposed) CheckEquivalent(f.Rows, f.Cols, equivalent, edges);
        }, iter: 300, threads: 1);
        Assert.True(drawn > 150, $"only {drawn} of 300 random figures were drawn");
    }

    /// <summary>
    /// The equivalent convolution from the guide's relationships, its grid's units row-major: transposed input unit
    /// (r, c) at (p' + r·s, c likewise), zeros elsewhere, and an edge from each tap of each window of the stride-1
    /// convolution; without its zero units, the edges are Cᵀ's with the kernel turned 180 degrees.
    /// </summary>
    private static void CheckEquivalent(AxisSpec rows, AxisSpec cols, JsonElement equivalent, List<int[]> transposed)
    {
        int Output(AxisSpec x) => (x.Input + 2 * x.Before - x.Dilation * (x.Kernel - 1) - 1) / x.Stride + 1;
        int Spread(AxisSpec x) => x.Dilation * (x.Kernel - 1);
        int PPrime(AxisSpec x) => Spread(x) - x.Before;
        int A(AxisSpec x) => (x.Input + 2 * x.Before - Spread(x) - 1) % x.Stride;
        int Grid(AxisSpec x) => (Output(x) - 1) * x.Stride + 1 + 2 * PPrime(x) + A(x);
        var (gridRows, gridCols) = (Grid(rows), Grid(cols));
        Assert.Equal([gridRows, gridCols], equivalent.GetProperty("grid").EnumerateArray().Select(v => v.GetInt32()));
        Assert.Equal(gridRows * gridCols, equivalent.GetProperty("units").GetInt32());

        // Which transposed input unit each grid unit holds.
        var holds = new Dictionary<int, int>();
        for (var r = 0; r < Output(rows); r++)
            for (var c = 0; c < Output(cols); c++)
                holds[(PPrime(rows) + r * rows.Stride) * gridCols + PPrime(cols) + c * cols.Stride] = r * Output(cols) + c;
        Assert.Equal(Enumerable.Range(0, gridRows * gridCols).Where(u => !holds.ContainsKey(u)), equivalent.GetProperty("zero_units").EnumerateArray().Select(v => v.GetInt32()));

        // Stride 1 over the grid: output (y, x) reads (y + a·d, x + b·d) by tap (a, b) of the kernel that slides.
        var expected = new List<int[]>();
        for (var y = 0; y < rows.Input; y++)
            for (var x = 0; x < cols.Input; x++)
                for (var a = 0; a < rows.Kernel; a++)
                    for (var b = 0; b < cols.Kernel; b++)
                        expected.Add([(y + a * rows.Dilation) * gridCols + x + b * cols.Dilation, y * cols.Input + x, a, b]);
        expected.Sort(ByToThenFrom);
        var edges = Edges(equivalent.GetProperty("edges"));
        Assert.Equal(expected, edges);

        // The guide's claim: leaving the zero units out, the edges are Cᵀ's, one for one, tap (a, b) being (k-1-a, k-1-b).
        var fromInputs = edges.Where(e => holds.ContainsKey(e[0]))
            .Select(e => new[] { holds[e[0]], e[1], rows.Kernel - 1 - e[2], cols.Kernel - 1 - e[3] }).ToList();
        fromInputs.Sort(ByToThenFrom);
        Assert.Equal(transposed, fromInputs);
    }

    [Fact]
    public void The_slides_figures_count_what_they_claim()
    {
        static JsonElement Of(string name) => JsonDocument.Parse(Repo.Prepared(name).Json()).RootElement.Clone();
        // NN vs. CNN: 7·5 = 35 weights, one an edge, against 3 shared by 15 edges.
        var dense = Of("fully_connected").GetProperty("connectivity");
        Assert.Equal((7, 5, 35, 35), (dense.GetProperty("inputs").GetInt32(), dense.GetProperty("outputs").GetInt32(), dense.GetProperty("edges").GetArrayLength(), dense.GetProperty("weights").GetInt32()));
        Assert.Equal(Enumerable.Range(0, 5).SelectMany(to => Enumerable.Range(0, 7).Select(from => new[] { from, to })), Edges(dense.GetProperty("edges")));
        var convolution = Of("convolution_connectivity_7").GetProperty("connectivity");
        Assert.Equal((15, 3), (convolution.GetProperty("edges").GetArrayLength(), convolution.GetProperty("weights").GetInt32()));

        // A convolution and its transpose: the same edges, reversed.
        var forward = Edges(Of("convolution_connectivity").GetProperty("connectivity").GetProperty("edges"));
        var backward = Edges(Of("transposed_connectivity").GetProperty("connectivity").GetProperty("edges"));
        var reversed = forward.Select(e => new[] { e[1], e[0], e[2], e[3] }).ToList();
        reversed.Sort(ByToThenFrom);
        Assert.Equal(reversed, backward);
        Assert.True(Of("transposed_connectivity").TryGetProperty("equivalent", out _), "equivalent: false leaves it out of the picture, not out of the document");

        // Why zero padding: p' = k - 1 = 2 zero units at each end; why insert zeros: s - 1 = 1 between the inputs.
        Assert.Equal([0, 1, 5, 6], Of("why_zero_padding").GetProperty("equivalent").GetProperty("zero_units").EnumerateArray().Select(v => v.GetInt32()));
        Assert.Equal([0, 1, 3, 5, 6], Of("why_insert_zeros").GetProperty("equivalent").GetProperty("zero_units").EnumerateArray().Select(v => v.GetInt32()));
    }

    [Fact]
    public void A_pooling_figure_has_edges_but_no_weights()
    {
        var figure = Figures.Parse("figures:\n  - {name: p, kind: max_pooling, view: connectivity, input: [1, 6], kernel: [1, 2], stride: [1, 2]}\n");
        using var json = JsonDocument.Parse(new PreparedFigure(figure).Json());
        var connectivity = json.RootElement.GetProperty("connectivity");
        Assert.Equal(0, connectivity.GetProperty("weights").GetInt32());
        Assert.Equal([[0, 0, 0, 0], [1, 0, 0, 1], [2, 1, 0, 0], [3, 1, 0, 1], [4, 2, 0, 0], [5, 2, 0, 1]], Edges(connectivity.GetProperty("edges")));
    }
}
