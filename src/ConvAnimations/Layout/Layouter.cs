using ConvAnimations.Arithmetic;
using ConvAnimations.Spec;

namespace ConvAnimations.Layout;

/// <summary>Turns a validated figure into its <see cref="Animation"/>.</summary>
public static class Layouter
{
    public static Animation Layout(Figure figure)
    {
        var g = figure.Geometry;
        // A transposed figure is drawn as its equivalent stride-1 convolution over the stretched, padded input.
        var (grid, frames) = figure.IsTransposed ? (TransposedGrid(g), Windows(g, figure.AnimatedOutput, Size2.Square(1))) : Direct(g);
        // A fully connected layer's one window is the whole input, the window of each of its output units.
        if (figure.Kind.IsDense) frames = Enumerable.Range(0, figure.OutputUnits).Select(j => frames[0] with { Output = new Cell(0, j) }).ToArray();
        var values = figure.Values is null || figure.Channels.IsMulti ? null : Numbers.Compute(figure, grid, frames);
        var animation = new Animation(figure, grid, frames, values);
        return figure.Channels.IsMulti ? animation with { Channels = ChannelLayout.Of(figure, grid, frames) } : animation;
    }

    /// <summary>The direct operation laid out: its padded grid and a window for each of its output cells.</summary>
    internal static (CellKind[,] Grid, Frame[] Frames) Direct(Geometry g) => (PaddedGrid(g), Windows(g, g.Output, g.Stride));

    /// <summary>
    /// One frame per output cell, row-major: output (r, c) has its window's top-left at (r, c) times the step, and a
    /// tap every dilation cells from there.
    /// </summary>
    private static Frame[] Windows(Geometry g, Size2 output, Size2 step)
    {
        var frames = new Frame[output.Area];
        for (var r = 0; r < output.Rows; r++)
        {
            for (var c = 0; c < output.Cols; c++)
            {
                var window = new Cell(r * step.Rows, c * step.Cols);
                var taps = new Cell[g.Kernel.Area];
                for (var u = 0; u < g.Kernel.Rows; u++)
                    for (var v = 0; v < g.Kernel.Cols; v++)
                        taps[u * g.Kernel.Cols + v] = new Cell(window.Row + u * g.Dilation.Rows, window.Col + v * g.Dilation.Cols);
                frames[r * output.Cols + c] = new Frame(new Cell(r, c), window, taps);
            }
        }
        return frames;
    }

    /// <summary>The direct operation's grid: the input with its padding on every side.</summary>
    private static CellKind[,] PaddedGrid(Geometry g)
    {
        var grid = new CellKind[g.Rows.PaddedInput, g.Cols.PaddedInput];
        for (var r = 0; r < g.Rows.Input; r++)
            for (var c = 0; c < g.Cols.Input; c++)
                grid[g.Rows.Padding + r, g.Cols.Padding + c] = CellKind.Input;
        return grid;
    }

    /// <summary>
    /// The transpose's grid: the o transposed input cells with s-1 zeros between neighbours, padded by p' = d(k-1)-p
    /// at the top/left and p'+a at the bottom/right.
    /// </summary>
    private static CellKind[,] TransposedGrid(Geometry g)
    {
        var grid = new CellKind[g.Rows.TransposedGrid, g.Cols.TransposedGrid];
        for (var r = 0; r < g.Rows.StretchedOutput; r++)
        {
            for (var c = 0; c < g.Cols.StretchedOutput; c++)
            {
                var isInput = r % g.Rows.Stride == 0 && c % g.Cols.Stride == 0;
                grid[g.Rows.TransposedPadding + r, g.Cols.TransposedPadding + c] = isInput ? CellKind.Input : CellKind.InsertedZero;
            }
        }
        return grid;
    }

    /// <summary>Where input cell (r, c) of the figure's animated input lies on its grid.</summary>
    internal static Cell GridPosition(Figure figure, int r, int c)
    {
        var g = figure.Geometry;
        return figure.IsTransposed
            ? new(g.Rows.TransposedPadding + r * g.Rows.Stride, g.Cols.TransposedPadding + c * g.Cols.Stride)
            : new(g.Rows.Padding + r, g.Cols.Padding + c);
    }
}
