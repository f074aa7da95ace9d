using ConvAnimations.Arithmetic;

namespace ConvAnimations.Layout;

/// <summary>A non-zero entry of C: the weight w_{KernelRow,KernelCol} of the direct, unrotated kernel at (Row, Col).</summary>
internal readonly record struct MatrixEntry(int Row, int Col, int KernelRow, int KernelCol);

/// <summary>
/// The direct convolution as a matrix (the guide's section 4.1): with input and output flattened row-major, y = C x,
/// C having one row per output cell and one column per input cell. A tap that lands on padding gives no entry. Its
/// transposed convolution multiplies by Cᵀ: output cell j of a transposed figure is column j of C.
/// </summary>
internal sealed record ConvolutionMatrix(Size2 Shape, IReadOnlyList<MatrixEntry> Entries)
{
    /// <summary>
    /// C of the direct convolution of <paramref name="g"/>, read off its layout: Shape = (output cells, input cells);
    /// each frame's taps that land on the input are its row's entries (those on padding give none), in order.
    /// </summary>
    public static ConvolutionMatrix Of(Geometry g)
    {
        var (grid, frames) = Layouter.Direct(g);
        var (input, output) = (g.Input, g.Output);
        var entries = new List<MatrixEntry>();
        foreach (var frame in frames)
        {
            var row = frame.Output.Row * output.Cols + frame.Output.Col;
            // Taps row-major visit the input row-major, so each row's columns come out in order.
            for (var t = 0; t < frame.Taps.Count; t++)
            {
                var tap = frame.Taps[t];
                if (grid[tap.Row, tap.Col] != CellKind.Input) continue;
                var column = (tap.Row - g.Rows.Padding) * input.Cols + tap.Col - g.Cols.Padding;
                entries.Add(new MatrixEntry(row, column, t / g.Kernel.Cols, t % g.Kernel.Cols));
            }
        }
        return new ConvolutionMatrix(new Size2(output.Area, input.Area), entries);
    }

    /// <summary>
    /// The line of the matrix a frame computes: the row of C for a convolution, the column of C (the row of Cᵀ) for a
    /// transposed figure. Either way the frame's output cell, flattened row-major.
    /// </summary>
    public static int LineOf(Animation animation, Frame frame) => frame.Output.Row * animation.Output.Cols + frame.Output.Col;

    /// <summary>The entries of each row of C (transposed: false) or of each column (transposed: true), in order.</summary>
    public IReadOnlyList<MatrixEntry>[] Lines(bool transposed)
    {
        var lines = Enumerable.Range(0, transposed ? Shape.Cols : Shape.Rows).Select(_ => new List<MatrixEntry>()).ToArray();
        foreach (var e in Entries) lines[transposed ? e.Col : e.Row].Add(e);
        return lines;
    }
}
