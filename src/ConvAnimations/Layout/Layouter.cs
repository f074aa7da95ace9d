using ConvAnimations.Arithmetic;
using ConvAnimations.Spec;

namespace ConvAnimations.Layout;

/// <summary>Turns a validated figure into its <see cref="Animation"/>.</summary>
public static class Layouter
{
    public static Animation Layout(Figure figure)
    {
        var g = figure.Geometry;
        var grid = figure.IsTransposed ? TransposedGrid(g) : PaddedGrid(g);
        // A transposed figure is drawn as its equivalent stride-1 convolution over the stretched, padded input.
        var step = figure.IsTransposed ? new Size2(1, 1) : g.Stride;
        var output = figure.AnimatedOutput;

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

        var values = figure.Values is null || figure.Channels.IsMulti ? null : Numbers.Compute(figure, grid, frames);
        var animation = new Animation(figure, grid, figure.AnimatedInput, output, g.Kernel, g.Dilation, frames, values);
        return figure.Channels.IsMulti ? animation with { Channels = ChannelLayout.Of(figure, grid, frames) } : animation;
    }

    /// <summary>The direct operation's grid: the input with p zeros on every side.</summary>
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

    /// <summary>Where transposed input cell (r, c) lands on the transposed grid.</summary>
    internal static Cell StretchedPosition(Geometry g, int r, int c) =>
        new(g.Rows.TransposedPadding + r * g.Rows.Stride, g.Cols.TransposedPadding + c * g.Cols.Stride);
}
