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
    /// <summary>C of the direct convolution of <paramref name="g"/>: Shape = (output cells, input cells), entries by row then column.</summary>
    public static ConvolutionMatrix Of(Geometry g)
    {
        var (input, output) = (g.Input, g.Output);
        var entries = new List<MatrixEntry>();
        for (var or = 0; or < output.Rows; or++)
        {
            for (var oc = 0; oc < output.Cols; oc++)
            {
                var row = or * output.Cols + oc;
                // Taps row-major visit the input row-major, so each row's columns come out in order.
                for (var a = 0; a < g.Kernel.Rows; a++)
                {
                    var ir = or * g.Stride.Rows - g.Padding.Rows + a * g.Dilation.Rows;
                    if (ir < 0 || ir >= input.Rows) continue;
                    for (var b = 0; b < g.Kernel.Cols; b++)
                    {
                        var ic = oc * g.Stride.Cols - g.Padding.Cols + b * g.Dilation.Cols;
                        if (ic < 0 || ic >= input.Cols) continue;
                        entries.Add(new MatrixEntry(row, ir * input.Cols + ic, a, b));
                    }
                }
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
