using ConvAnimations.Arithmetic;
using ConvAnimations.Layout;
using ConvAnimations.Spec;

using ConvAnimations.Scenes;
using static ConvAnimations.Scenes.MapParts;

namespace ConvAnimations.Views;

/// <summary>
/// <c>view: kernel</c>, the guide's animations: the grid the kernel slides over, the output map above it (isometric)
/// or to its right (flat); per frame the kernel's taps and window, the four lines from the window's corners to the
/// output cell, the output cell, and the numbers of a numerical figure. One map in and one out (several are
/// <see cref="ChannelsView"/>'s).
/// </summary>
public sealed class KernelView : View
{
    public static readonly KernelView Instance = new();

    private const int GridPlane = 0;
    private const int OutputPlane = 1;

    public override string Name => "kernel";

    public override string? Named => null;

    public override Scene Build(Animation animation)
    {
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
        return new Scene(oneRow ? FigureStyle.Flat : figure.Style, [gridPlane, outputPlane], frames, figure.Scale, figure.Look.Theme, Annotate(animation))
        {
            Links = Links(animation),
        };
    }

    /// <summary>Each frame's output cell, taps and window: the grid plane to the output plane.</summary>
    internal static CellLinks Links(Animation animation) =>
        CellLinks.PerFrame([new LinkedMap(GridPlane, "input"), new LinkedMap(OutputPlane, "output")], animation.Frames.Count,
            i => CellLinks.Of(animation.Frames[i], i, animation.Window, [GridPlane], OutputPlane));

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
            captions.Add(new Caption($"input{of}{(sizes ? $" {animation.Input.Dimensions}" : "")}", Band.Below, GridPlane));
            captions.Add(new Caption($"output{of}{(sizes ? $" {animation.Output.Dimensions}" : "")}",
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

    private static List<Label> GridNumbers(Animation animation) =>
        Cells(animation.GridSize).Select(cell => InputNumber(GridPlane, animation.Values!.Grid, cell, animation, animation.Values.Kernel is not null, highlighted: false)).ToList();

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
}
