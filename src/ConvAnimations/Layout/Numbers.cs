using ConvAnimations.Spec;

namespace ConvAnimations.Layout;

/// <summary>The numbers of a numerical figure: the grid's values, the kernel as applied, and every output.</summary>
internal static class Numbers
{
    public static AnimationValues Compute(Figure figure, CellKind[,] grid, IReadOnlyList<Frame> frames)
    {
        var values = figure.Values!;
        var g = figure.Geometry;
        var gridValues = new double[grid.GetLength(0), grid.GetLength(1)];
        var input = values.Input;
        for (var r = 0; r < input.GetLength(0); r++)
        {
            for (var c = 0; c < input.GetLength(1); c++)
            {
                var at = figure.IsTransposed ? Layouter.StretchedPosition(g, r, c) : new Cell(g.Rows.Padding + r, g.Cols.Padding + c);
                gridValues[at.Row, at.Col] = input[r, c];
            }
        }

        // The transpose of a cross-correlation is a cross-correlation with the kernel turned 180 degrees.
        var kernel = values.Kernel is null ? null : figure.IsTransposed ? Rotate180(values.Kernel) : values.Kernel;
        var output = new double[figure.AnimatedOutput.Rows, figure.AnimatedOutput.Cols];
        foreach (var frame in frames)
        {
            output[frame.Output.Row, frame.Output.Col] = figure.Kind switch
            {
                FigureKind.MaxPooling => MaxOverInput(frame, grid, gridValues),
                FigureKind.AveragePooling => frame.Taps.Average(t => gridValues[t.Row, t.Col]),
                _ => Correlate(frame, gridValues, kernel!),
            };
        }
        return new AnimationValues(gridValues, kernel, output);
    }

    private static double Correlate(Frame frame, double[,] grid, double[,] kernel)
    {
        var columns = kernel.GetLength(1);
        var sum = 0.0;
        for (var t = 0; t < frame.Taps.Count; t++)
        {
            var tap = frame.Taps[t];
            sum += kernel[t / columns, t % columns] * grid[tap.Row, tap.Col];
        }
        return sum;
    }

    /// <summary>Max pooling ignores padding, as frameworks do (they pad with minus infinity).</summary>
    private static double MaxOverInput(Frame frame, CellKind[,] grid, double[,] values)
    {
        var inputs = frame.Taps.Where(t => grid[t.Row, t.Col] == CellKind.Input).Select(t => values[t.Row, t.Col]).ToList();
        return inputs.Count > 0 ? inputs.Max() : 0;
    }

    private static double[,] Rotate180(double[,] kernel)
    {
        int rows = kernel.GetLength(0), cols = kernel.GetLength(1);
        var rotated = new double[rows, cols];
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < cols; c++)
                rotated[r, c] = kernel[rows - 1 - r, cols - 1 - c];
        return rotated;
    }
}
