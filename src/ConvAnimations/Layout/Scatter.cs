using ConvAnimations.Arithmetic;
using ConvAnimations.Spec;

namespace ConvAnimations.Layout;

/// <summary>
/// One placement of the scatter: transposed input cell <see cref="Input"/> lays the kernel, scaled by its value, on
/// the canvas (<see cref="Placement"/>: its window and taps there), adding to the output cells in
/// <see cref="Outputs"/> (sorted; taps on the cropped border add to none).
/// </summary>
public sealed record ScatterStep(Cell Input, Frame Placement, IReadOnlyList<Cell> Outputs);

/// <summary>
/// The other common way to see a transposed convolution (PyTorch's <c>conv_transpose2d</c> by definition): each cell
/// (r, c) of the transposed input adds <c>x[r, c] · w[a, b]</c> to output cell <c>(r·s - p + a·d, c·s - p + b·d)</c>
/// when it lies in the output. The placements are drawn on a canvas of the output with p cropped cells on every side
/// (the direct convolution's padded input, i + 2p), where the kernel lands at <c>(r·s, c·s)</c>: the scatter is the
/// direct convolution's windows, each giving back to the cells it read. Uneven overlap of the placements (k not a
/// multiple of s) is the checkerboard of strided transposed convolutions (Odena, Dumoulin and Olah, 2016).
/// </summary>
/// <param name="Overlap">How many placements add to each output cell.</param>
public sealed record Scatter(Size2 Canvas, Size2 Padding, Size2 Output, IReadOnlyList<ScatterStep> Steps, int[,] Overlap)
{
    public static Scatter Of(Figure figure)
    {
        var g = figure.Geometry;
        var (input, output, kernel, stride, dilation, padding) = (g.Output, g.Input, g.Kernel, g.Stride, g.Dilation, g.Padding);
        var overlap = new int[output.Rows, output.Cols];
        var steps = new List<ScatterStep>();
        for (var r = 0; r < input.Rows; r++)
        {
            for (var c = 0; c < input.Cols; c++)
            {
                var window = new Cell(r * stride.Rows, c * stride.Cols);
                var taps = new List<Cell>();
                var outputs = new List<Cell>();
                for (var a = 0; a < kernel.Rows; a++)
                {
                    for (var b = 0; b < kernel.Cols; b++)
                    {
                        var tap = new Cell(window.Row + a * dilation.Rows, window.Col + b * dilation.Cols);
                        taps.Add(tap);
                        var (y, x) = (tap.Row - padding.Rows, tap.Col - padding.Cols);
                        if (y < 0 || y >= output.Rows || x < 0 || x >= output.Cols) continue;
                        outputs.Add(new Cell(y, x));
                        overlap[y, x]++;
                    }
                }
                steps.Add(new ScatterStep(new Cell(r, c), new Frame(new Cell(r, c), window, taps), outputs.OrderBy(o => o.Row).ThenBy(o => o.Col).ToList()));
            }
        }
        return new Scatter(g.PaddedInput, padding, output, steps, overlap);
    }

    /// <summary>Where output cell (row, col) lies on the canvas.</summary>
    public Cell OnCanvas(Cell output) => new(output.Row + Padding.Rows, output.Col + Padding.Cols);

    /// <summary>
    /// The counts of the cells every placement that could reach them does reach (on the canvas, from d(k-1) to
    /// (i'-1)s on each axis: none cut off at the border), in order; empty when no cell is that far in.
    /// </summary>
    public IReadOnlyList<int> InteriorCounts(Geometry g)
    {
        var counts = new SortedSet<int>();
        for (var r = 0; r < Output.Rows; r++)
        {
            for (var c = 0; c < Output.Cols; c++)
            {
                var (y, x) = (r + Padding.Rows, c + Padding.Cols);
                if (y >= g.Rows.EffectiveKernel - 1 && y <= (g.Output.Rows - 1) * g.Stride.Rows &&
                    x >= g.Cols.EffectiveKernel - 1 && x <= (g.Output.Cols - 1) * g.Stride.Cols) counts.Add(Overlap[r, c]);
            }
        }
        return counts.ToList();
    }

    /// <summary>The most placements on one output cell.</summary>
    public int MostOverlap => Overlap.Cast<int>().DefaultIfEmpty(0).Max();

    /// <summary>
    /// The sums of a numerical figure as the placements add up: for each output cell, the steps that add to it and
    /// the running sum after each, so any frame's output is found without adding again.
    /// </summary>
    public RunningSums Sum(double[,] input, double[,] kernel)
    {
        var steps = new List<int>[Output.Rows, Output.Cols];
        var sums = new List<double>[Output.Rows, Output.Cols];
        for (var n = 0; n < Steps.Count; n++)
        {
            var step = Steps[n];
            var x = input[step.Input.Row, step.Input.Col];
            for (var t = 0; t < step.Placement.Taps.Count; t++)
            {
                var tap = step.Placement.Taps[t];
                var (y, c) = (tap.Row - Padding.Rows, tap.Col - Padding.Cols);
                if (y < 0 || y >= Output.Rows || c < 0 || c >= Output.Cols) continue;
                var total = (sums[y, c] ??= []).Count > 0 ? sums[y, c][^1] : 0;
                sums[y, c].Add(total + x * kernel[t / kernel.GetLength(1), t % kernel.GetLength(1)]);
                (steps[y, c] ??= []).Add(n);
            }
        }
        return new RunningSums(steps, sums);
    }
}

/// <summary>Each output cell's running sum, step by step (see <see cref="Scatter.Sum"/>).</summary>
public sealed class RunningSums(List<int>[,] steps, List<double>[,] sums)
{
    /// <summary>The sum of output cell (row, col) once steps 0 to <paramref name="through"/> are added; null before any adds to it.</summary>
    public double? After(int through, int row, int col)
    {
        if (steps[row, col] is not { } added) return null;
        var index = added.BinarySearch(through);
        var last = index >= 0 ? index : ~index - 1;
        return last >= 0 ? sums[row, col][last] : null;
    }

    /// <summary>The output once every step is added: <c>conv_transpose2d</c>.</summary>
    public double[,] Final
    {
        get
        {
            var (rows, cols) = (steps.GetLength(0), steps.GetLength(1));
            var output = new double[rows, cols];
            for (var r = 0; r < rows; r++)
                for (var c = 0; c < cols; c++)
                    output[r, c] = sums[r, c] is { Count: > 0 } s ? s[^1] : 0;
            return output;
        }
    }
}
