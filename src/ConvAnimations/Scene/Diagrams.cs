using ConvAnimations.Arithmetic;
using ConvAnimations.Layout;
using ConvAnimations.Spec;

namespace ConvAnimations.Scenes;

/// <summary>
/// The paper's two diagrams, each one picture: counting kernel positions (the kernel at its first position, an arrow
/// for each hop to the right and downwards, the output size as the count of positions) and strides as subsampling (a
/// strided convolution beside the stride-1 one whose every s-th output is kept, the others crossed out).
/// </summary>
internal static class Diagrams
{
    private const int GridPlane = 0, OutputPlane = 1;

    /// <summary>
    /// Drawn flat, as arrows read best on a flat grid: the arrows run above the grid (one per hop to the right, from
    /// the middle of one position of the window to the next) and to its left (downwards), on a margin of one cell;
    /// a dot marks the window's middle at each position.
    /// </summary>
    public static Scene Hops(Animation animation)
    {
        var figure = animation.Figure;
        var view = FigureScenes.KernelView(figure with { Style = FigureStyle.Flat });
        var g = figure.Geometry;
        var window = animation.Window;
        var grid = view.Planes[GridPlane];
        // An empty plane a cell wider above and to the left, behind the grid: room for the arrows.
        var room = new Plane(new CellKind[grid.Size.Rows + 1, grid.Size.Cols + 1], new Placement(-1, -1, 0), GridLine.None, Coloured: false, []);
        const int onGrid = GridPlane + 1;
        var marks = view.Frames[0].Marks.Where(m => m.Plane == GridPlane && m is not Connector).Select(m => m with { Plane = onGrid }).ToList();
        var (row, col) = (window.Rows / 2f, window.Cols / 2f);
        for (var j = 0; j + 1 < g.Output.Cols; j++)
        {
            marks.Add(new Segment(onGrid, col + j * g.Stride.Cols + 0.08f, -0.5f, col + (j + 1) * g.Stride.Cols - 0.08f, -0.5f, Weight.Thick, Arrowhead: true));
        }
        for (var j = 0; j + 1 < g.Output.Rows; j++)
        {
            marks.Add(new Segment(onGrid, -0.5f, row + j * g.Stride.Rows + 0.08f, -0.5f, row + (j + 1) * g.Stride.Rows - 0.08f, Weight.Thick, Arrowhead: true));
        }
        // Where the window's middle is at each position: the positions counted.
        for (var r = 0; r < g.Output.Rows; r++)
        {
            for (var c = 0; c < g.Output.Cols; c++)
            {
                marks.Add(new Dot(onGrid, col + c * g.Stride.Cols, row + r * g.Stride.Rows));
            }
        }
        var count = g.Output.Rows == g.Output.Cols && g.Stride.Rows == g.Stride.Cols
            ? $"{Positions(g.Output.Cols)} each way: the output is {g.Output.Rows}×{g.Output.Cols}"
            : $"{Positions(g.Output.Cols)} across, {Positions(g.Output.Rows)} down: the output is {g.Output.Rows}×{g.Output.Cols}";
        var labelled = grid with { Labels = grid.Labels.Select(l => l with { Plane = onGrid }).ToList() };
        return new Scene(FigureStyle.Flat, [room, labelled], [new SceneFrame(marks)], view.Scale, view.Theme,
            new Annotations([.. view.Annotations.Captions.Where(c => c.Plane == GridPlane).Select(c => c with { Plane = onGrid }), new Caption(count, Band.Below, onGrid)],
                view.Annotations.Legend));
    }

    /// <summary>"1 + 2 hops = 3 positions".</summary>
    private static string Positions(int positions) =>
        positions == 1 ? "1 position" : $"1 + {positions - 1} {(positions == 2 ? "hop" : "hops")} = {positions} positions";

    public static Scene Subsampling(Animation animation)
    {
        var figure = animation.Figure;
        var g = figure.Geometry;
        var strided = OneFrame(FigureScenes.KernelView(figure), [], []);
        var unit = new Geometry(g.Rows with { Stride = 1 }, g.Cols with { Stride = 1 });
        var dense = FigureScenes.KernelView(figure with { Geometry = unit });
        // Output r of the stride-1 convolution is output r/s of the strided one when s divides r.
        var kept = new List<Cell>();
        var crosses = new List<Mark>();
        for (var r = 0; r < unit.Output.Rows; r++)
        {
            for (var c = 0; c < unit.Output.Cols; c++)
            {
                if (r % g.Stride.Rows == 0 && c % g.Stride.Cols == 0)
                {
                    kept.Add(new Cell(r, c));
                    continue;
                }
                crosses.Add(new Segment(OutputPlane, c + 0.2f, r + 0.2f, c + 0.8f, r + 0.8f, Weight.Thick, Arrowhead: false));
                crosses.Add(new Segment(OutputPlane, c + 0.8f, r + 0.2f, c + 0.2f, r + 0.8f, Weight.Thick, Arrowhead: false));
            }
        }
        // Its output shows only the kept cells in colour; the others are blank and crossed out.
        var subsampled = OneFrame(dense with { Planes = [dense.Planes[GridPlane], dense.Planes[OutputPlane] with { Coloured = false }] },
            [new CellFill(OutputPlane, kept, Shade.Output), new CellBorders(OutputPlane, kept)], crosses);
        var stride = Words(g.Stride);
        var left = strided with { Annotations = new Annotations([new Caption($"stride {stride}", Band.Below, GridPlane)], []) };
        var right = subsampled with
        {
            Annotations = new Annotations([new Caption($"stride 1, keeping {Kept(g.Stride)}", Band.Below, GridPlane)], []),
        };
        return SceneComposer.Beside([left, right], FigureScenes.Gap * 2, figure.Scale, figure.Look.Theme);
    }

    /// <summary>The first frame of a kernel view alone, with marks added on its output plane before and after its own.</summary>
    private static Scene OneFrame(Scene view, IReadOnlyList<Mark> under, IReadOnlyList<Mark> over)
    {
        var marks = view.Frames[0].Marks;
        var frame = new SceneFrame([.. marks.Where(m => m.Plane == GridPlane), .. under, .. marks.Where(m => m.Plane != GridPlane), .. over]);
        return view with { Frames = [frame] };
    }

    private static string Words(Size2 stride) => stride.Rows == stride.Cols ? $"{stride.Rows}" : $"{stride.Rows}x{stride.Cols}";

    private static string Kept(Size2 stride) => stride.Rows == stride.Cols
        ? $"{Every(stride.Rows, "output")} each way"
        : $"outputs of {Every(stride.Rows, "row")} and {Every(stride.Cols, "column")}";

    /// <summary>"every row", "every second row", "every 5th row", "every 22nd row".</summary>
    private static string Every(int n, string what) => n switch
    {
        1 => $"every {what}",
        2 => $"every second {what}",
        3 => $"every third {what}",
        _ when n % 100 is >= 11 and <= 13 => $"every {n}th {what}",
        _ => $"every {n}{(n % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" }} {what}",
    };
}
