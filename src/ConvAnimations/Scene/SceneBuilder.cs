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
        var outputCells = new CellKind[output.Rows, output.Cols];
        for (var r = 0; r < output.Rows; r++)
            for (var c = 0; c < output.Cols; c++)
                outputCells[r, c] = CellKind.Output;
        // A 1-D figure (one row) reads as a row: its output row flat and centred over it, whatever the style.
        var oneRow = grid.Rows == 1;
        var above = oneRow ? new Placement((grid.Cols - output.Cols) / 2f, -3, 0)
            : figure.Style == FigureStyle.Isometric ? new Placement(0, 0, Math.Max(grid.Rows, grid.Cols) + 1)
            : new Placement(grid.Cols + 1, (grid.Rows - output.Rows) / 2f, 0);
        var outputNumbers = values is null || progressive
            ? []
            : Cells(output).Select(cell => OutputNumber(animation, values, cell, highlighted: false)).ToList();
        var outputPlane = new Plane(outputCells, above, GridLine.Solid, Coloured: !progressive, outputNumbers);

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
            var kinds = animation.Grid.Cast<CellKind>().ToHashSet();
            legend.Add(new LegendEntry("input", Shade.Input, false));
            legend.Add(new LegendEntry("output", Shade.Output, false));
            if (kinds.Contains(CellKind.Padding)) legend.Add(new LegendEntry("padding", null, true));
            if (kinds.Contains(CellKind.InsertedZero)) legend.Add(new LegendEntry("inserted zeros", null, true));
            legend.Add(new LegendEntry(figure.IsPooling ? "pooling window" : "kernel", Shade.Highlight, false));
        }
        return new Annotations(captions, legend);
    }

    private static string Dimensions(Size2 size) => $"{size.Rows}x{size.Cols}";

    /// <summary>The figure's parameters in the guide's symbols: k, s, p (and d), and i', a, p' for a transposed figure.</summary>
    private static string Parameters(Figure figure)
    {
        var g = figure.Geometry;
        var text = $"k = {g.Kernel}, s = {g.Stride}, p = {g.Padding}" + (g.Dilation == Size2.Square(1) ? "" : $", d = {g.Dilation}");
        return figure.IsTransposed ? $"{text}; i' = {g.Output}, a = {g.OutputPadding}, p' = {g.TransposedPadding}" : text;
    }

    private static List<Mark> FrameMarks(Animation animation, Frame frame, int index, bool progressive)
    {
        var marks = new List<Mark>
        {
            new CellFill(GridPlane, frame.Taps, Shade.Highlight),
            new BlockLines(GridPlane, frame.Window, animation.Window),
        };
        if (animation.Values is { } gridValues)
        {
            // The numbers under the taps again, over the highlight, in the ink that reads on it.
            marks.AddRange(frame.Taps.Select(tap => InputNumber(animation, gridValues.Grid, tap, highlighted: true)));
            if (gridValues.Kernel is { } kernel)
            {
                var columns = kernel.GetLength(1);
                marks.AddRange(frame.Taps.Select((tap, t) => new Label(GridPlane, tap.Col + 0.94f, tap.Row + 0.76f,
                    FormatInput(kernel[t / columns, t % columns]), WeightSize, TextAlign.Right, SurfaceOf(animation.Grid[tap.Row, tap.Col], true))));
            }
        }
        if (animation.Figure.Style == FigureStyle.Isometric) marks.AddRange(Connectors(animation, frame));

        var current = frame.Output;
        var columnsOut = animation.Output.Cols;
        var filled = progressive ? Enumerable.Range(0, index + 1).Select(n => new Cell(n / columnsOut, n % columnsOut)).ToList() : [current];
        if (progressive) marks.Add(new CellFill(OutputPlane, filled, Shade.Output));
        marks.Add(new CellFill(OutputPlane, [current], Shade.Highlight));
        marks.Add(new CellBorders(OutputPlane, filled));
        if (animation.Values is { } values)
        {
            marks.AddRange(filled.Select(cell => OutputNumber(animation, values, cell, highlighted: cell == current)));
        }
        return marks;
    }

    private static Label OutputNumber(Animation animation, AnimationValues values, Cell cell, bool highlighted) =>
        new(OutputPlane, cell.Col + 0.5f, cell.Row + 0.5f, animation.Figure.Look.Format(values.Output[cell.Row, cell.Col]),
            OutputSize, TextAlign.Center, new Surface(Shade.Output, highlighted));

    /// <summary>
    /// The four thin lines joining the window's corners to the output cell's corners; for a 1-D figure, whose output
    /// row lies flat above it, the two from the window's top corners to the cell's bottom corners.
    /// </summary>
    private static IEnumerable<Connector> Connectors(Animation animation, Frame frame)
    {
        var window = animation.Window;
        if (animation.GridSize.Rows == 1)
        {
            foreach (var dc in new[] { 0, 1 })
            {
                yield return new Connector(new PlanePoint(GridPlane, frame.Window.Col + dc * window.Cols, 0), new PlanePoint(OutputPlane, frame.Output.Col + dc, 1));
            }
            yield break;
        }
        foreach (var (dr, dc) in new[] { (0, 0), (0, 1), (1, 0), (1, 1) })
        {
            yield return new Connector(
                new PlanePoint(GridPlane, frame.Window.Col + dc * window.Cols, frame.Window.Row + dr * window.Rows),
                new PlanePoint(OutputPlane, frame.Output.Col + dc, frame.Output.Row + dr));
        }
    }

    private static List<Label> GridNumbers(Animation animation) =>
        Cells(animation.GridSize).Select(cell => InputNumber(animation, animation.Values!.Grid, cell, highlighted: false)).ToList();

    /// <summary>
    /// A number of the grid: centred, or up and to the left when kernel weights share its cell (they sit at its
    /// lower right), so both stay legible.
    /// </summary>
    private static Label InputNumber(Animation animation, double[,] grid, Cell cell, bool highlighted)
    {
        var weights = animation.Values?.Kernel is not null;
        return new Label(GridPlane, cell.Col + (weights ? 0.38f : 0.5f), cell.Row + (weights ? 0.4f : 0.5f), FormatInput(grid[cell.Row, cell.Col]),
            InputSize, TextAlign.Center, SurfaceOf(animation.Grid[cell.Row, cell.Col], highlighted));
    }

    private static Surface SurfaceOf(CellKind kind, bool highlighted) =>
        new(kind switch { CellKind.Input => Shade.Input, CellKind.Output => Shade.Output, _ => null }, highlighted);

    private static IEnumerable<Cell> Cells(Size2 size) =>
        Enumerable.Range(0, size.Rows).SelectMany(r => Enumerable.Range(0, size.Cols).Select(c => new Cell(r, c)));

    /// <summary>Input numbers as written: whole numbers without decimals, others with up to two.</summary>
    internal static string FormatInput(double value) =>
        (value == 0 ? 0 : value).ToString(value == Math.Round(value) ? "0" : "0.##", CultureInfo.InvariantCulture);
}
