using System.Globalization;
using ConvAnimations.Arithmetic;
using ConvAnimations.Layout;
using ConvAnimations.Spec;

namespace ConvAnimations.Scenes;

/// <summary>
/// The parts every view draws a map with, as the guide draws them: the kernel's window and taps, its weights, the
/// numbers in the cells, the lines from a window to its output cell, the legend's keys and the parameters caption.
/// </summary>
public static class MapParts
{
    /// <summary>
    /// Font sizes of the numbers, in cells. At scale 1 (29.5 px cells) CMU Serif's digits are 0.65 em high, so 0.47 cell
    /// gives 9 px digits, the least that reads well; input values are larger, as in the guide.
    /// </summary>
    public const float InputSize = 0.56f, WeightSize = 0.47f, OutputSize = 0.47f;

    /// <summary>The kernel's taps darkened and its window's lines, on one map.</summary>
    public static IEnumerable<Mark> Window(int plane, Frame frame, Animation animation) =>
        [new CellFill(plane, frame.Taps, Shade.Highlight), new BlockLines(plane, frame.Window, animation.Window)];

    /// <summary>The kernel's weights at the lower right of its taps.</summary>
    public static IEnumerable<Label> Weights(int plane, double[,] kernel, Frame frame, Animation animation)
    {
        var columns = kernel.GetLength(1);
        return frame.Taps.Select((tap, t) => new Label(plane, tap.Col + 0.94f, tap.Row + 0.76f,
            FormatInput(kernel[t / columns, t % columns]), WeightSize, TextAlign.Right, SurfaceOf(animation.Grid[tap.Row, tap.Col], true)));
    }

    public static Label OutputNumber(int plane, double[,] output, Cell cell, Figure figure, bool highlighted) =>
        new(plane, cell.Col + 0.5f, cell.Row + 0.5f, figure.Look.Format(output[cell.Row, cell.Col]),
            OutputSize, TextAlign.Center, new Surface(Shade.Output, highlighted));

    /// <summary>
    /// The four thin lines joining the window's corners (on plane <paramref name="from"/>) to the output cell's
    /// corners (on plane <paramref name="to"/>); for a 1-D figure, whose output row lies flat above it, the two from
    /// the window's top corners to the cell's bottom corners.
    /// </summary>
    public static IEnumerable<Connector> Connectors(int from, int to, Frame frame, Size2 window, bool oneRow)
    {
        if (oneRow)
        {
            foreach (var dc in new[] { 0, 1 })
            {
                yield return new Connector(new PlanePoint(from, frame.Window.Col + dc * window.Cols, 0), new PlanePoint(to, frame.Output.Col + dc, 1));
            }
            yield break;
        }
        foreach (var connector in Connectors(from, frame.Window, window, to, frame.Output, new Size2(1, 1))) yield return connector;
    }

    /// <summary>The four thin lines joining the corners of a block of cells on one plane to those of a block on a later plane.</summary>
    public static IEnumerable<Connector> Connectors(int from, Cell fromCorner, Size2 fromSize, int to, Cell toCorner, Size2 toSize) =>
        new[] { (0, 0), (0, 1), (1, 0), (1, 1) }.Select(corner => new Connector(
            new PlanePoint(from, fromCorner.Col + corner.Item2 * fromSize.Cols, fromCorner.Row + corner.Item1 * fromSize.Rows),
            new PlanePoint(to, toCorner.Col + corner.Item2 * toSize.Cols, toCorner.Row + corner.Item1 * toSize.Rows)));

    /// <summary>
    /// A number of the grid: centred, or up and to the left when kernel <paramref name="weights"/> share its cell
    /// (they sit at its lower right), so both stay legible.
    /// </summary>
    public static Label InputNumber(int plane, double[,] grid, Cell cell, Animation animation, bool weights, bool highlighted) =>
        new(plane, cell.Col + (weights ? 0.38f : 0.5f), cell.Row + (weights ? 0.4f : 0.5f), FormatInput(grid[cell.Row, cell.Col]),
            InputSize, TextAlign.Center, SurfaceOf(animation.Grid[cell.Row, cell.Col], highlighted));

    /// <summary>The surface of a cell of the grid: input cells and inserted zeros are coloured, padding blank.</summary>
    private static Surface SurfaceOf(CellKind kind, bool highlighted) =>
        new(kind switch { CellKind.Input => Shade.Input, CellKind.InsertedZero => Shade.InsertedZero, _ => null }, highlighted);

    public static IEnumerable<Cell> Cells(Size2 size) =>
        Enumerable.Range(0, size.Rows).SelectMany(r => Enumerable.Range(0, size.Cols).Select(c => new Cell(r, c)));

    /// <summary>A map of <paramref name="size"/> cells all of <paramref name="kind"/>.</summary>
    public static CellKind[,] Filled(Size2 size, CellKind kind)
    {
        var cells = new CellKind[size.Rows, size.Cols];
        for (var r = 0; r < size.Rows; r++)
            for (var c = 0; c < size.Cols; c++)
                cells[r, c] = kind;
        return cells;
    }

    /// <summary>Input numbers as written: whole numbers without decimals, others with up to two.</summary>
    public static string FormatInput(double value) =>
        (value == 0 ? 0 : value).ToString(value == Math.Round(value) ? "0" : "0.##", CultureInfo.InvariantCulture);

    /// <summary>The legend's keys after the maps': the blank cells the grid has, and the kernel's (or pooling's) window.</summary>
    public static IEnumerable<LegendEntry> GridKeys(Animation animation) =>
        BlankKeys(animation.Grid.Cast<CellKind>().ToHashSet()).Append(new LegendEntry(animation.Figure.IsPooling ? "pooling window" : "kernel", Shade.Highlight, false));

    /// <summary>The keys of the blank cells among <paramref name="kinds"/>: padding, and inserted zeros in their own fill.</summary>
    public static IEnumerable<LegendEntry> BlankKeys(IReadOnlySet<CellKind> kinds)
    {
        if (kinds.Contains(CellKind.Padding)) yield return new LegendEntry("padding", null, true);
        if (kinds.Contains(CellKind.InsertedZero)) yield return new LegendEntry("inserted zeros", Shade.InsertedZero, true);
    }

    /// <summary>The figure's parameters in the guide's symbols: k, s, p (and d), and i', a, p' for a transposed figure.</summary>
    public static string Parameters(Figure figure)
    {
        var g = figure.Geometry;
        var text = $"k = {g.Kernel}, s = {g.Stride}, p = {g.PaddingText}" + (g.Dilation == Size2.Square(1) ? "" : $", d = {g.Dilation}");
        return figure.IsTransposed ? $"{text}; i' = {g.Output}, a = {g.OutputPadding}, p' = {g.TransposedPadding}" : text;
    }

}
