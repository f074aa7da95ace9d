using System.Globalization;
using ConvAnimations.Arithmetic;
using ConvAnimations.Layout;
using ConvAnimations.Spec;

namespace ConvAnimations.Scenes;

/// <summary>
/// Places an <see cref="Animation"/> the way the guide draws it: the grid the kernel slides over, the output map above
/// it (isometric) or to its right (flat); per frame the kernel's taps and window, the four lines from the window's
/// corners to the output cell, the output cell, and the numbers of a numerical figure.
/// </summary>
public static class SceneBuilder
{
    private const int GridPlane = 0;
    private const int OutputPlane = 1;

    public static Scene Build(Animation animation)
    {
        var figure = animation.Figure;
        var values = animation.Values;
        var numerical = values is not null;
        var grid = animation.GridSize;
        var output = animation.Output;

        var gridPlane = new Plane(animation.Grid, default, GridLine.Dashed, Coloured: true, values is null ? [] : GridNumbers(values.Grid));
        var outputCells = new CellKind[output.Rows, output.Cols];
        for (var r = 0; r < output.Rows; r++)
            for (var c = 0; c < output.Cols; c++)
                outputCells[r, c] = CellKind.Output;
        var above = figure.Style == FigureStyle.Isometric
            ? new Placement(0, 0, Math.Max(grid.Rows, grid.Cols) + 1)
            : new Placement(grid.Cols + 1, (grid.Rows - output.Rows) / 2f, 0);
        // A numerical figure fills its output as it is computed; the others show the whole output map.
        var outputPlane = new Plane(outputCells, above, GridLine.Solid, Coloured: !numerical, []);

        var frames = animation.Frames.Select((frame, index) => new SceneFrame(FrameMarks(animation, frame, index))).ToList();
        return new Scene(figure.Style, [gridPlane, outputPlane], frames, figure.Scale);
    }

    private static List<Mark> FrameMarks(Animation animation, Frame frame, int index)
    {
        var marks = new List<Mark>
        {
            new CellFill(GridPlane, frame.Taps, Shade.Highlight),
            new BlockLines(GridPlane, frame.Window, animation.Window),
        };
        if (animation.Values?.Kernel is { } kernel)
        {
            var columns = kernel.GetLength(1);
            marks.AddRange(frame.Taps.Select((tap, t) =>
                new Label(GridPlane, tap.Col + 0.95f, tap.Row + 0.82f, FormatInput(kernel[t / columns, t % columns]), 0.34f, TextAlign.Right)));
        }
        if (animation.Figure.Style == FigureStyle.Isometric) marks.AddRange(Connectors(animation, frame));

        var current = frame.Output;
        if (animation.Values is not { } values)
        {
            marks.Add(new CellFill(OutputPlane, [current], Shade.Highlight));
            marks.Add(new CellBorders(OutputPlane, [current]));
            return marks;
        }
        var columnsOut = animation.Output.Cols;
        var filled = Enumerable.Range(0, index + 1).Select(n => new Cell(n / columnsOut, n % columnsOut)).ToList();
        marks.Add(new CellFill(OutputPlane, filled, Shade.Output));
        marks.Add(new CellFill(OutputPlane, [current], Shade.Highlight));
        marks.Add(new CellBorders(OutputPlane, filled));
        marks.AddRange(filled.Select(cell => new Label(OutputPlane, cell.Col + 0.5f, cell.Row + 0.5f,
            values.Output[cell.Row, cell.Col].ToString("0.0", CultureInfo.InvariantCulture), 0.36f, TextAlign.Center)));
        return marks;
    }

    /// <summary>The four thin lines joining the window's corners to the output cell's corners.</summary>
    private static IEnumerable<Connector> Connectors(Animation animation, Frame frame)
    {
        var window = animation.Window;
        foreach (var (dr, dc) in new[] { (0, 0), (0, 1), (1, 0), (1, 1) })
        {
            yield return new Connector(
                new PlanePoint(GridPlane, frame.Window.Col + dc * window.Cols, frame.Window.Row + dr * window.Rows),
                new PlanePoint(OutputPlane, frame.Output.Col + dc, frame.Output.Row + dr));
        }
    }

    private static List<Label> GridNumbers(double[,] grid)
    {
        var labels = new List<Label>();
        for (var r = 0; r < grid.GetLength(0); r++)
            for (var c = 0; c < grid.GetLength(1); c++)
                labels.Add(new Label(GridPlane, c + 0.5f, r + 0.5f, FormatInput(grid[r, c]), 0.56f, TextAlign.Center));
        return labels;
    }

    /// <summary>Input numbers as written: whole numbers without decimals, others with up to two.</summary>
    internal static string FormatInput(double value) =>
        (value == 0 ? 0 : value).ToString(value == Math.Round(value) ? "0" : "0.##", CultureInfo.InvariantCulture);
}
