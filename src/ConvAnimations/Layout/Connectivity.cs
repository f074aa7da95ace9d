using ConvAnimations.Arithmetic;

namespace ConvAnimations.Layout;

/// <summary>
/// An edge: unit <see cref="From"/> of the operation's input feeds unit <see cref="To"/> of its output, by the weight
/// of kernel tap <see cref="Tap"/> (row, col); a fully connected layer's edges each have a weight of their own (no tap).
/// </summary>
public readonly record struct Connection(int From, int To, Cell? Tap);

/// <summary>
/// A transposed figure's equivalent convolution as units: the grid its kernel slides over (the transposed input with
/// s-1 zeros inserted between neighbours and padded by p'), flattened row-major, and an edge for every tap of every
/// window, its tap the index in the rotated kernel that slides (tap (a, b) is the direct kernel's (k-1-a, k-1-b)).
/// </summary>
/// <param name="InputUnit">For each grid unit, the transposed input unit it holds, or -1 for a zero unit.</param>
public sealed record EquivalentUnits(Size2 Grid, IReadOnlyList<int> InputUnit, IReadOnlyList<Connection> Edges)
{
    public int Units => Grid.Area;

    public bool IsZero(int unit) => InputUnit[unit] < 0;

    /// <summary>The padding and inserted zeros, in order.</summary>
    public IEnumerable<int> ZeroUnits => Enumerable.Range(0, Units).Where(IsZero);
}

/// <summary>
/// The slides' connectivity of a layer ("we are trying to match connectivity patterns"): its input and output maps
/// as units flattened row-major and an edge for each weight that joins them, sorted by the output unit, then the input
/// unit. A convolution's edges are the non-zero entries of its matrix C (a tap on padding gives none); its transpose's
/// are Cᵀ's, the same edges reversed; pooling's join the same units with no weight; a fully connected layer joins
/// every input to every output.
/// </summary>
/// <param name="Weights">How many distinct weights the edges carry: the kernel's taps that meet the input, n·m for a
/// fully connected layer, none for pooling.</param>
/// <param name="Equivalent">A transposed figure's equivalent convolution; null for any other.</param>
public sealed record Connectivity(int Inputs, int Outputs, IReadOnlyList<Connection> Edges, int Weights, EquivalentUnits? Equivalent)
{
    public static Connectivity Of(Animation animation)
    {
        var figure = animation.Figure;
        var g = figure.Geometry;
        if (figure.Kind.IsDense)
        {
            var (n, m) = (figure.AnimatedInput.Area, figure.AnimatedOutput.Area);
            var dense = Enumerable.Range(0, m).SelectMany(to => Enumerable.Range(0, n).Select(from => new Connection(from, to, null))).ToList();
            return new Connectivity(n, m, dense, n * m, null);
        }
        var c = ConvolutionMatrix.Of(g);
        // C's entry (row, col) joins input unit col to output unit row; Cᵀ's joins unit row of its input to unit col of its output.
        var edges = c.Entries
            .Select(e => figure.IsTransposed ? new Connection(e.Row, e.Col, new Cell(e.KernelRow, e.KernelCol)) : new Connection(e.Col, e.Row, new Cell(e.KernelRow, e.KernelCol)))
            .OrderBy(e => e.To).ThenBy(e => e.From)
            .ToList();
        var weights = figure.IsPooling ? 0 : edges.Select(e => e.Tap).Distinct().Count();
        return new Connectivity(figure.AnimatedInput.Area, figure.AnimatedOutput.Area, edges, weights, figure.IsTransposed ? EquivalentOf(animation) : null);
    }

    /// <summary>The equivalent convolution read off a transposed figure's layout: its grid and the taps of its frames.</summary>
    private static EquivalentUnits EquivalentOf(Animation animation)
    {
        var grid = animation.GridSize;
        var kernel = animation.Kernel;
        var input = animation.Input;
        var inputUnit = new int[grid.Area];
        Array.Fill(inputUnit, -1);
        for (var r = 0; r < input.Rows; r++)
        {
            for (var c = 0; c < input.Cols; c++)
            {
                var at = Layouter.GridPosition(animation.Figure, r, c);
                inputUnit[at.Row * grid.Cols + at.Col] = r * input.Cols + c;
            }
        }
        var edges = animation.Frames
            .SelectMany(f => f.Taps.Select((tap, t) => new Connection(tap.Row * grid.Cols + tap.Col, f.Output.Row * animation.Output.Cols + f.Output.Col, new Cell(t / kernel.Cols, t % kernel.Cols))))
            .OrderBy(e => e.To).ThenBy(e => e.From)
            .ToList();
        return new EquivalentUnits(grid, inputUnit, edges);
    }
}
