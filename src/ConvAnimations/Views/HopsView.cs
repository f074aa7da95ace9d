using ConvAnimations.Explain;
using ConvAnimations.Layout;
using ConvAnimations.Scenes;
using ConvAnimations.Spec;

namespace ConvAnimations.Views;

/// <summary>
/// <c>view: hops</c>, the paper's "counting kernel positions": one picture of the kernel at its first position, an
/// arrow for each hop to the right and downwards, and the output size as the count of positions. Drawn flat, as arrows
/// read best on a flat grid: the arrows run above the grid (one per hop to the right, from the middle of one position
/// of the window to the next) and to its left (downwards), on a margin of one cell; a dot marks the window's middle at
/// each position.
/// </summary>
public sealed class HopsView : View
{
    public static readonly HopsView Instance = new();

    private const int GridPlane = 0;

    public override string Name => "hops";

    internal override bool Accepts(ViewRequest request, Report report) => Diagram(Name, request, report);

    public override int FrameCount(Figure figure) => 1;

    public override string Describe(Animation animation) => ArithmeticText.Describe(animation, ArithmeticText.Diagram) + Extra(animation.Figure.Geometry);

    private static string Extra(Arithmetic.Geometry g) =>
        $"hops: the window moves {g.Stride.Cols} cell(s) right and {g.Stride.Rows} down at a time: " +
        $"1 + {g.Output.Cols - 1} = {g.Output.Cols} positions across, 1 + {g.Output.Rows - 1} = {g.Output.Rows} down; one picture\n";

    /// <summary>
    /// The rules of the paper's two diagrams: of a convolution, without numbers (and, for subsampling, with a stride).
    /// </summary>
    internal static bool Diagram(string name, ViewRequest request, Report report)
    {
        if (request.Kind != Kind.Convolution)
        {
            report.Error(request.At, $"view: {name} is a diagram of a convolution: use kind: convolution (the paper draws it for the direct operation)");
            return false;
        }
        if (request.Numerical)
        {
            report.Error(request.At, $"view: {name} is a diagram without numbers: leave out 'values'");
            return false;
        }
        return true;
    }

    public override Scene Build(Animation animation)
    {
        var figure = animation.Figure;
        var view = KernelView.Instance.Build(animation with { Figure = figure with { Style = FigureStyle.Flat } });
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
        var count = Count(g);
        var labelled = grid with { Labels = grid.Labels.Select(l => l with { Plane = onGrid }).ToList() };
        return new Scene(FigureStyle.Flat, [room, labelled], [new SceneFrame(marks)], view.Scale, view.Theme,
            new Annotations([.. view.Annotations.Captions.Where(c => c.Plane == GridPlane).Select(c => c with { Plane = onGrid }), new Caption(count, Band.Below, onGrid)],
                view.Annotations.Legend));
    }

    /// <summary>"1 + 2 hops = 3 positions each way: the output is 3×3".</summary>
    private static string Count(Arithmetic.Geometry g) => g.Output.Rows == g.Output.Cols && g.Stride.Rows == g.Stride.Cols
        ? $"{Positions(g.Output.Cols)} each way: the output is {g.Output.Rows}×{g.Output.Cols}"
        : $"{Positions(g.Output.Cols)} across, {Positions(g.Output.Rows)} down: the output is {g.Output.Rows}×{g.Output.Cols}";

    /// <summary>One picture: the window at its first position, its hops and the count.</summary>
    public override string Alt(Animation animation)
    {
        var g = animation.Figure.Geometry;
        return $"A {AltText.Area(g.Kernel)} kernel at its first position on {AltText.Article(AltText.Area(g.Input))} input{(g.Padding is { Rows: 0, Cols: 0 } ? "" : $" padded by {g.PaddingText}")}, " +
               $"with an arrow for each hop of {(g.Stride is { Rows: 1, Cols: 1 } ? "1 cell" : $"{g.Stride} cells")} to the right and downwards and a dot at each position of its middle. {Count(g)}.";
    }

    /// <summary>"1 + 2 hops = 3 positions".</summary>
    private static string Positions(int positions) =>
        positions == 1 ? "1 position" : $"1 + {positions - 1} {(positions == 2 ? "hop" : "hops")} = {positions} positions";
}
