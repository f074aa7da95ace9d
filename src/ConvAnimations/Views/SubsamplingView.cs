using ConvAnimations.Explain;
using ConvAnimations.Layout;
using ConvAnimations.Scenes;
using ConvAnimations.Spec;

namespace ConvAnimations.Views;

/// <summary>
/// <c>view: subsampling</c>, the paper's "strides as subsampling": one picture of a strided convolution beside the
/// stride-1 one whose every s-th output is kept, the others crossed out.
/// </summary>
public sealed class SubsamplingView : View
{
    public static readonly SubsamplingView Instance = new();

    private const int GridPlane = 0, OutputPlane = 1;

    public override string Name => "subsampling";

    internal override bool Accepts(ViewRequest request, Report report)
    {
        if (!HopsView.Diagram(Name, request, report)) return false;
        if (request.Geometry.Stride is not { Rows: 1, Cols: 1 }) return true;
        report.Error(request.At, "view: subsampling compares a strided convolution with the stride-1 one: give a stride above 1");
        return false;
    }

    public override int FrameCount(Figure figure) => 1;

    public override string Describe(Animation animation)
    {
        var g = animation.Figure.Geometry;
        return ArithmeticText.Describe(animation, ArithmeticText.Diagram) +
            $"subsampling: the stride-1 convolution gives {g.WithUnitStride().Output.Dimensions} outputs; " +
            $"keeping those whose row is a multiple of {g.Stride.Rows} and column a multiple of {g.Stride.Cols} gives this one's {g.Output.Dimensions}; one picture\n";
    }

    public override Scene Build(Animation animation)
    {
        var figure = animation.Figure;
        var g = figure.Geometry;
        var strided = OneFrame(KernelView.Instance.Build(animation), [], []);
        var unit = g.WithUnitStride();
        var dense = KernelView.Instance.Build(Layouter.Layout(figure with { Geometry = unit }));
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
        var stride = g.Stride.ToString();
        var left = strided with { Annotations = new Annotations([new Caption($"stride {stride}", Band.Below, GridPlane)], []) };
        var right = subsampled with
        {
            Annotations = new Annotations([new Caption($"stride 1, keeping {Kept(g.Stride)}", Band.Below, GridPlane)], []),
        };
        return SceneComposer.Beside([left, right], SceneComposer.Gap * 2, figure.Scale, figure.Look.Theme);
    }

    /// <summary>The first frame of a kernel view alone, with marks added on its output plane before and after its own.</summary>
    private static Scene OneFrame(Scene view, IReadOnlyList<Mark> under, IReadOnlyList<Mark> over)
    {
        var marks = view.Frames[0].Marks;
        var frame = new SceneFrame([.. marks.Where(m => m.Plane == GridPlane), .. under, .. marks.Where(m => m.Plane != GridPlane), .. over]);
        return view with { Frames = [frame] };
    }

    private static string Kept(Arithmetic.Size2 stride) => stride.Rows == stride.Cols
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

    /// <summary>The two pictures side by side and what the second keeps.</summary>
    public override string Alt(Animation animation)
    {
        var g = animation.Figure.Geometry;
        var unit = g.WithUnitStride();
        return $"Two pictures side by side. Left: a {AltText.Area(g.Kernel)} kernel with stride {g.Stride} over {AltText.Article(AltText.Area(g.Input))} input gives " +
               $"{AltText.Article(AltText.Area(g.Output))} output. Right: the same kernel with stride 1 gives {AltText.Article(AltText.Area(unit.Output))} output, " +
               $"keeping {Kept(g.Stride)} and crossing out the others: the same {AltText.Area(g.Output)}.";
    }
}
