using ConvAnimations.Arithmetic;
using ConvAnimations.Explain;
using ConvAnimations.Layout;
using ConvAnimations.Scenes;
using ConvAnimations.Spec;
using static ConvAnimations.Scenes.MapParts;

namespace ConvAnimations.Views;

/// <summary>
/// <c>view: blocks</c>: a chain as feature-map blocks, the way PlotNeuralNet draws a network, but every size computed.
/// Each map is a block facing the viewer, as high as its rows, as wide as its columns and as deep (receding up and to
/// the right) as its number of feature maps, at sizes that read (the square root of the true ones) and with the true sizes written
/// under it; blocks run from the input on the left, coloured by the layer that made them. Each layer's window is
/// drawn on the block it reads, in that block's cells, where the window of the middle output cell lies, and joined
/// by four lines to that cell on the next block; a transposed layer's, on the block it writes, where the middle input
/// cell adds its terms. One frame; with <c>reveal: progressive</c>, a frame per layer, the network growing from its input.
/// </summary>
public sealed class BlocksView : View
{
    public static readonly BlocksView Instance = new();

    /// <summary>The room between one block and the next, in cells: enough for the lines to read.</summary>
    private const float Gap = 2.5f;

    public override string Name => "blocks";

    public override bool ForLayers => true;

    public override string Describes => "feature-map blocks with each layer's window on the block it reads";

    public override int FrameCount(Figure figure) => Progressive(figure) ? figure.Parts.Count : 1;

    public override Animation Layout(Figure figure) => ChainLayout.Animate(figure);

    public override string Describe(Animation animation) => ChainText.Describe(animation, Progressive(animation.Figure)
        ? $"{Plural.Of(animation.Layers!.Count, "frame")} (one per layer, the network growing from its input)"
        : ArithmeticText.Diagram);

    /// <summary>The chain's document, and per frame the layers whose windows it draws.</summary>
    public override string Json(Animation animation) => FigureJson.Document([
        .. ChainText.Json(animation, Named),
        .. FigureJson.Frames(animation.Figure, Enumerable.Range(0, FrameCount(animation.Figure)).Select(f => $"{{\"layers\": [{string.Join(", ", Shown(animation.Figure, f))}]}}")),
    ]);

    public override string PyTorch(Animation animation) => PyTorchChain.Write(animation);

    public override string Alt(Animation animation) => AltText.Chain(animation.Layers!, "drawn as blocks of feature maps, each layer's window on the block it reads",
        Progressive(animation.Figure) ? "Each frame adds a layer, the network growing from its input." : "");

    private static bool Progressive(Figure figure) => figure.Look.Reveal == Reveal.Progressive;

    /// <summary>The layers frame <paramref name="frame"/> draws: every one, or those up to the frame's.</summary>
    private static IEnumerable<int> Shown(Figure figure, int frame) => Enumerable.Range(1, Progressive(figure) ? frame + 1 : figure.Parts.Count);

    /// <summary>A block's height or width in cells for a map of <paramref name="cells"/> cells along it.</summary>
    private static float Side(int cells) => 1.2f * MathF.Sqrt(cells);

    /// <summary>A block's depth in cells for <paramref name="maps"/> feature maps.</summary>
    private static float Depth(int maps) => 0.5f + 0.75f * MathF.Sqrt(maps);

    public override Scene Build(Animation animation)
    {
        var figure = animation.Figure;
        var chain = animation.Layers!;
        var count = chain.Count;
        var look = figure.Look;

        // The blocks left to right, their fronts on a line, each a gap clear of the back of the one before.
        var places = new List<(float X, Units Front, float Depth)>();
        var x = 0f;
        for (var m = 0; m <= count; m++)
        {
            var (size, depth) = (chain.Map(m), Depth(chain.Channels(m)));
            if (m > 0) x += places[m - 1].Front.Cols + PlaneMaps.Recedes * places[m - 1].Depth + Gap;
            places.Add((x, new Units(Side(size.Rows), Side(size.Cols)), depth));
        }

        // Each block its top, side and front, then a plane of the map's cells over its front, where windows are drawn;
        // the lines last, over all. Its words are in the bands over and under the blocks.
        var planes = new List<Plane>();
        var mapPlane = new int[count + 1];
        for (var m = 0; m <= count; m++)
        {
            var (front, depth) = (places[m].Front, places[m].Depth);
            var at = new Placement(places[m].X, -front.Rows / 2, 0);
            var (kind, shade) = Colour(chain, m);
            var visible = Progressive(figure) && m > 1 ? new FrameSpan(m - 1, count - m + 1) : (FrameSpan?)null;
            Plane FacePlane(Face face, Placement place, Units unit) =>
                new(Filled(new Size2(1, 1), kind), place, GridLine.Solid, Coloured: true, []) { Face = face, Unit = unit, InputShade = shade, Visible = visible };
            planes.Add(FacePlane(Face.Top, at, new Units(depth, front.Cols)));
            planes.Add(FacePlane(Face.Side, at with { X = at.X + front.Cols }, new Units(front.Rows, depth)));
            planes.Add(FacePlane(Face.Plain, at, front));
            var map = chain.Map(m);
            mapPlane[m] = planes.Count;
            planes.Add(new Plane(new CellKind[map.Rows, map.Cols], at, GridLine.None, Coloured: true, [])
                { Unit = new Units(front.Rows / map.Rows, front.Cols / map.Cols), Visible = visible });
        }
        var lines = planes.Count;
        // A plane of no cells, over all, in the picture's cells: the lines between the blocks lie on it.
        planes.Add(new Plane(new CellKind[0, 0], new Placement(0, 0, 0), GridLine.None, Coloured: true, []));

        var frames = Enumerable.Range(0, FrameCount(figure))
            .Select(f => new SceneFrame(Shown(figure, f).SelectMany(l => Window(chain, l, planes, mapPlane, lines)).OrderBy(mark => mark.Plane).ToList()))
            .ToList();
        return new Scene(FigureStyle.Flat, planes, frames, figure.Scale, look.Theme, new Annotations(Words(chain, mapPlane, look.Labels), look.Legend ? Legend(chain) : []));
    }

    /// <summary>The cells of a block's faces and their shade: the input's blue, a convolution's cyan, pooling's violet, a transpose's magenta.</summary>
    private static (CellKind Kind, Shade Shade) Colour(ChainLayout chain, int m) =>
        m == 0 ? (CellKind.Input, Shade.Input)
        : chain.Layers[m - 1] switch
        {
            { IsPooling: true } => (CellKind.Input, Shade.SecondInput),
            { IsTransposed: true } => (CellKind.Input, Shade.ThirdInput),
            _ => (CellKind.Output, Shade.Input),
        };

    /// <summary>Where a point of a plane (its columns and rows) falls on the picture, in cells.</summary>
    private static (float X, float Y) OnPicture(Plane plane, float col, float row) => PlaneMaps.Of(plane, FigureStyle.Flat).Map(col, row);

    /// <summary>
    /// The words of each block, centred on it in the bands over and under the blocks (each shown with its block): its
    /// name over it (labels: maps and more), its true sizes under it (maps x rows x cols, always), and under those the
    /// parameters of the layer that made it (labels: full), moved down a line where they would meet a neighbour's.
    /// </summary>
    private static List<Caption> Words(ChainLayout chain, int[] mapPlane, Labels labels)
    {
        var blocks = Enumerable.Range(0, chain.Count + 1).ToList();
        return
        [
            .. labels == Labels.None ? [] : blocks.Select(m => new Caption(chain.Title(m), Band.Above, mapPlane[m])),
            .. blocks.Select(m => new Caption($"{chain.Channels(m)}x{chain.Map(m).Dimensions}", Band.Below, mapPlane[m])),
            .. labels == Labels.Full ? blocks.Skip(1).Select(m => new Caption(Parameters(chain.Layers[m - 1]), Band.Below, mapPlane[m])) : [],
        ];
    }

    /// <summary>
    /// Layer <paramref name="layer"/>'s window and the cell it joins: a direct layer's window of its middle output
    /// cell on the block it reads, a transposed layer's cells its middle input cell adds to on the block it writes;
    /// its taps darkened and its lines drawn, the single cell darkened and outlined, and four lines between them.
    /// </summary>
    private static IEnumerable<Mark> Window(ChainLayout chain, int layer, IReadOnlyList<Plane> planes, int[] mapPlane, int lines)
    {
        var transposed = chain.Layers[layer - 1].IsTransposed;
        var (windowMap, cellMap) = transposed ? (layer, layer - 1) : (layer - 1, layer);
        var cellSize = chain.Map(cellMap);
        var cell = new Cell(cellSize.Rows / 2, cellSize.Cols / 2);
        // What a direct layer's output reads is what the transpose's input adds to: the direct operation's reads.
        var (rows, cols) = (new ChainAxis(chain.Rows[layer - 1].Axis, false), new ChainAxis(chain.Cols[layer - 1].Axis, false));
        var taps = rows.Reads(cell.Row).SelectMany(r => cols.Reads(cell.Col).Select(c => new Cell(r, c))).ToList();
        var windowSize = chain.Layers[layer - 1].Geometry.EffectiveKernel;
        var corner = taps[0];
        var map = chain.Map(windowMap);
        var (onWindow, onCell) = (mapPlane[windowMap], mapPlane[cellMap]);
        yield return new CellFill(onWindow, taps.Where(t => t.Row >= 0 && t.Col >= 0 && t.Row < map.Rows && t.Col < map.Cols).ToList(), Shade.Highlight);
        yield return new BlockLines(onWindow, corner, windowSize);
        yield return new CellFill(onCell, [cell], Shade.Highlight);
        yield return new CellBorders(onCell, [cell]);
        foreach (var (dr, dc) in new[] { (0, 0), (0, 1), (1, 0), (1, 1) })
        {
            var from = OnPicture(planes[onWindow], corner.Col + dc * windowSize.Cols, corner.Row + dr * windowSize.Rows);
            var to = OnPicture(planes[onCell], cell.Col + dc, cell.Row + dr);
            yield return new Segment(lines, from.X, from.Y, to.X, to.Y, Weight.Thin, Arrowhead: false);
        }
    }

    private static List<LegendEntry> Legend(ChainLayout chain)
    {
        var legend = new List<LegendEntry> { new("input", Shade.Input, false) };
        var kinds = chain.Layers.Select(l => l.Kind).ToHashSet();
        if (kinds.Contains(Kind.Convolution)) legend.Add(new LegendEntry("convolution", Shade.Output, false));
        if (kinds.Any(k => k.IsPooling)) legend.Add(new LegendEntry("pooling", Shade.SecondInput, false));
        if (kinds.Contains(Kind.Transposed)) legend.Add(new LegendEntry("transposed", Shade.ThirdInput, false));
        legend.Add(new LegendEntry("window", Shade.Highlight, false));
        return legend;
    }
}
