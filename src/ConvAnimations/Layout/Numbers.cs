using ConvAnimations.Spec;

namespace ConvAnimations.Layout;

/// <summary>The numbers of a numerical figure: the grid's values, the kernel as applied, and every output.</summary>
internal static class Numbers
{
    public static AnimationValues Compute(Figure figure, CellKind[,] grid, IReadOnlyList<Frame> frames)
    {
        var values = figure.Values!;
        var gridValues = new double[grid.GetLength(0), grid.GetLength(1)];
        var input = values.Input;
        for (var r = 0; r < input.GetLength(0); r++)
        {
            for (var c = 0; c < input.GetLength(1); c++)
            {
                var at = Layouter.GridPosition(figure, r, c);
                gridValues[at.Row, at.Col] = input[r, c];
            }
        }

        // The transpose of a cross-correlation is a cross-correlation with the kernel turned 180 degrees.
        var kernel = values.Kernel is null ? null : figure.IsTransposed ? Rotate180(values.Kernel) : values.Kernel;
        var weights = kernel?.Cast<double>().ToArray() ?? [];
        var output = new double[figure.AnimatedOutput.Rows, figure.AnimatedOutput.Cols];
        foreach (var frame in frames)
        {
            var taps = frame.Taps;
            var under = new double[taps.Count];
            var inside = new bool[taps.Count];
            for (var t = 0; t < taps.Count; t++)
            {
                under[t] = gridValues[taps[t].Row, taps[t].Col];
                inside[t] = grid[taps[t].Row, taps[t].Col] == CellKind.Input;
            }
            output[frame.Output.Row, frame.Output.Col] = figure.Kind.Apply(under, inside, weights);
        }
        return new AnimationValues(gridValues, kernel, output);
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
