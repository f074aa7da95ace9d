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

    /// <summary>
    /// Font sizes of the numbers, in cells. At scale 1 (29.5 px cells) CMU Serif's digits are 0.65 em high, so 0.47 cell
    /// gives 9 px digits, the least that reads well; input values are larger, as in the guide.
    /// </summary>
    internal const float InputSize = 0.56f, WeightSize = 0.47f, OutputSize = 0.47f;

    public static Scene Build(Animation animation)
    {
        // Composed figures, the matrix view and the diagrams are built from this view in scenes of their own.
        if (FigureScenes.Build(animation) is { } other) return other;
        if (animation.Channels is not null) return ChannelScene.Build(animation);
        var figure = animation.Figure;
        var values = animation.Values;
        var grid = animation.GridSize;
        var output = animation.Output;
        // A numerical figure either shows every output from the first frame (the guide) or fills them in as computed.
        var progressive = values is not null && figure.Look.Reveal == Reveal.Progressive;

        var gridPlane = new Plane(animation.Grid, default, GridLine.Dashed, Coloured: true, values is null ? [] : GridNumbers(animation));
        // A 1-D figure (one row) reads as a row: its output row flat and centred over it, whatever the style.
        var oneRow = grid.Rows == 1;
        var above = oneRow ? new Placement((grid.Cols - output.Cols) / 2f, -3, 0)
            : figure.Style == FigureStyle.Isometric ? new Placement(0, 0, Math.Max(grid.Rows, grid.Cols) + 1)
            : new Placement(grid.Cols + 1, (grid.Rows - output.Rows) / 2f, 0);
        var outputNumbers = values is null || progressive
            ? []
            : Cells(output).Select(cell => OutputNumber(OutputPlane, values.Output, cell, figure, highlighted: false)).ToList();
        var outputPlane = new Plane(Filled(output, CellKind.Output), above, GridLine.Solid, Coloured: !progressive, outputNumbers);

        var frames = new OnDemand<SceneFrame>(animation.Frames.Count, index => new SceneFrame(FrameMarks(animation, animation.Frames[index], index, progressive)));
        return new Scene(oneRow ? FigureStyle.Flat : figure.Style, [gridPlane, outputPlane], frames, figure.Scale, figure.Look.Theme, Annotate(animation));
    }

    /// <summary>
    /// The words beside the maps (labels) and the key of the colours (legend). Input below, output above (isometric)
    /// or both below (flat); a transposed figure says its maps are the transposed convolution's, which readers confuse.
    /// </summary>
    private static Annotations Annotate(Animation animation)
    {
        var figure = animation.Figure;
        var look = figure.Look;
        var captions = new List<Caption>();
        if (look.Labels != Labels.None)
        {
            var of = figure.IsTransposed ? " of the transposed convolution" : "";
            var sizes = look.Labels >= Labels.Sizes;
            captions.Add(new Caption($"input{of}{(sizes ? $" {Dimensions(animation.Input)}" : "")}", Band.Below, GridPlane));
            captions.Add(new Caption($"output{of}{(sizes ? $" {Dimensions(animation.Output)}" : "")}",
                figure.Style == FigureStyle.Isometric ? Band.Above : Band.Below, OutputPlane));
            if (look.Labels == Labels.Full) captions.Add(new Caption(Parameters(figure), Band.Below, null));
        }
        var legend = new List<LegendEntry>();
        if (look.Legend)
        {
            legend.Add(new LegendEntry("input", Shade.Input, false));
            legend.Add(new LegendEntry("output", Shade.Output, false));
            legend.AddRange(GridKeys(animation));
        }
        return new Annotations(captions, legend);
    }

    /// <summary>The legend's keys after the maps': the blank cells the grid has, and the kernel's (or pooling's) window.</summary>
    internal static IEnumerable<LegendEntry> GridKeys(Animation animation)
    {
        var kinds = animation.Grid.Cast<CellKind>().ToHashSet();
        if (kinds.Contains(CellKind.Padding)) yield return new LegendEntry("padding", null, true);
        if (kinds.Contains(CellKind.InsertedZero)) yield return new LegendEntry("inserted zeros", null, true);
        yield return new LegendEntry(animation.Figure.IsPooling ? "pooling window" : "kernel", Shade.Highlight, false);
    }

    private static string Dimensions(Size2 size) => $"{size.Rows}x{size.Cols}";

    /// <summary>The figure's parameters in the guide's symbols: k, s, p (and d), and i', a, p' for a transposed figure.</summary>
    internal static string Parameters(Figure figure)
    {
        var g = figure.Geometry;
        var text = $"k = {g.Kernel}, s = {g.Stride}, p = {g.Padding}" + (g.Dilation == Size2.Square(1) ? "" : $", d = {g.Dilation}");
        return figure.IsTransposed ? $"{text}; i' = {g.Output}, a = {g.OutputPadding}, p' = {g.TransposedPadding}" : text;
    }

    private static List<Mark> FrameMarks(Animation animation, Frame frame, int index, bool progressive)
    {
        var marks = Window(GridPlane, frame, animation).ToList();
        if (animation.Values is { } gridValues)
        {
            // The numbers under the taps again, over the highlight, in the ink that reads on it.
            var weights = gridValues.Kernel is not null;
            marks.AddRange(frame.Taps.Select(tap => InputNumber(GridPlane, gridValues.Grid, tap, animation, weights, highlighted: true)));
            if (gridValues.Kernel is { } kernel) marks.AddRange(Weights(GridPlane, kernel, frame, animation));
        }
        if (animation.Figure.Style == FigureStyle.Isometric)
        {
            marks.AddRange(Connectors(GridPlane, OutputPlane, frame, animation.Window, oneRow: animation.GridSize.Rows == 1));
        }

        var current = frame.Output;
        var columnsOut = animation.Output.Cols;
        var filled = progressive ? Enumerable.Range(0, index + 1).Select(n => new Cell(n / columnsOut, n % columnsOut)).ToList() : [current];
        if (progressive) marks.Add(new CellFill(OutputPlane, filled, Shade.Output));
        marks.Add(new CellFill(OutputPlane, [current], Shade.Highlight));
        marks.Add(new CellBorders(OutputPlane, filled));
        if (animation.Values is { } values)
        {
            marks.AddRange(filled.Select(cell => OutputNumber(OutputPlane, values.Output, cell, animation.Figure, highlighted: cell == current)));
        }
        return marks;
    }

    // The parts below serve the multi-channel scene too: a map there is drawn as the grid or the output is here.

    /// <summary>The kernel's taps darkened and its window's lines, on one map.</summary>
    internal static IEnumerable<Mark> Window(int plane, Frame frame, Animation animation) =>
        [new CellFill(plane, frame.Taps, Shade.Highlight), new BlockLines(plane, frame.Window, animation.Window)];

    /// <summary>The kernel's weights at the lower right of its taps.</summary>
    internal static IEnumerable<Label> Weights(int plane, double[,] kernel, Frame frame, Animation animation)
    {
        var columns = kernel.GetLength(1);
        return frame.Taps.Select((tap, t) => new Label(plane, tap.Col + 0.94f, tap.Row + 0.76f,
            FormatInput(kernel[t / columns, t % columns]), WeightSize, TextAlign.Right, SurfaceOf(animation.Grid[tap.Row, tap.Col], true)));
    }

    internal static Label OutputNumber(int plane, double[,] output, Cell cell, Figure figure, bool highlighted) =>
        new(plane, cell.Col + 0.5f, cell.Row + 0.5f, figure.Look.Format(output[cell.Row, cell.Col]),
            OutputSize, TextAlign.Center, new Surface(Shade.Output, highlighted));

    /// <summary>
    /// The four thin lines joining the window's corners (on plane <paramref name="from"/>) to the output cell's
    /// corners (on plane <paramref name="to"/>); for a 1-D figure, whose output row lies flat above it, the two from
    /// the window's top corners to the cell's bottom corners.
    /// </summary>
    internal static IEnumerable<Connector> Connectors(int from, int to, Frame frame, Size2 window, bool oneRow)
    {
        if (oneRow)
        {
            foreach (var dc in new[] { 0, 1 })
            {
                yield return new Connector(new PlanePoint(from, frame.Window.Col + dc * window.Cols, 0), new PlanePoint(to, frame.Output.Col + dc, 1));
            }
            yield break;
        }
        foreach (var (dr, dc) in new[] { (0, 0), (0, 1), (1, 0), (1, 1) })
        {
            yield return new Connector(
                new PlanePoint(from, frame.Window.Col + dc * window.Cols, frame.Window.Row + dr * window.Rows),
                new PlanePoint(to, frame.Output.Col + dc, frame.Output.Row + dr));
        }
    }

    private static List<Label> GridNumbers(Animation animation) =>
        Cells(animation.GridSize).Select(cell => InputNumber(GridPlane, animation.Values!.Grid, cell, animation, animation.Values.Kernel is not null, highlighted: false)).ToList();

    /// <summary>
    /// A number of the grid: centred, or up and to the left when kernel <paramref name="weights"/> share its cell
    /// (they sit at its lower right), so both stay legible.
    /// </summary>
    internal static Label InputNumber(int plane, double[,] grid, Cell cell, Animation animation, bool weights, bool highlighted) =>
        new(plane, cell.Col + (weights ? 0.38f : 0.5f), cell.Row + (weights ? 0.4f : 0.5f), FormatInput(grid[cell.Row, cell.Col]),
            InputSize, TextAlign.Center, SurfaceOf(animation.Grid[cell.Row, cell.Col], highlighted));

    /// <summary>The surface of a cell of the grid: input cells are coloured, padding and inserted zeros blank.</summary>
    private static Surface SurfaceOf(CellKind kind, bool highlighted) => new(kind == CellKind.Input ? Shade.Input : null, highlighted);

    internal static IEnumerable<Cell> Cells(Size2 size) =>
        Enumerable.Range(0, size.Rows).SelectMany(r => Enumerable.Range(0, size.Cols).Select(c => new Cell(r, c)));

    /// <summary>A map of <paramref name="size"/> cells all of <paramref name="kind"/>.</summary>
    internal static CellKind[,] Filled(Size2 size, CellKind kind)
    {
        var cells = new CellKind[size.Rows, size.Cols];
        for (var r = 0; r < size.Rows; r++)
            for (var c = 0; c < size.Cols; c++)
                cells[r, c] = kind;
        return cells;
    }

    /// <summary>Input numbers as written: whole numbers without decimals, others with up to two.</summary>
    internal static string FormatInput(double value) =>
        (value == 0 ? 0 : value).ToString(value == Math.Round(value) ? "0" : "0.##", CultureInfo.InvariantCulture);
}
