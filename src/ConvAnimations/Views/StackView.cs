using ConvAnimations.Arithmetic;
using ConvAnimations.Explain;
using ConvAnimations.Layout;
using ConvAnimations.Scenes;
using ConvAnimations.Spec;
using static ConvAnimations.Scenes.MapParts;

namespace ConvAnimations.Views;

/// <summary>
/// <c>view: stack</c>, the default for a chain of layers: the layers' maps one above the other, the input at the
/// bottom, each drawn as the grid of the layer that reads it (its padding around it, a transpose's inserted zeros
/// between its cells) and the last layer's output on top. A chain of rows (1-D) is drawn flat as rows of units, a 2-D
/// chain as the guide's planes. Frames run over the last layer's output cells, row-major; each lights the cell's
/// receptive field through every layer: the cells of each map below that it depends on, down to the input, with the
/// edges from each lit cell to the lit cells it reads (1-D: for a causal dilated stack, WaveNet's binary tree), or the
/// window over the lit cells and the four lines from its corners to the lit cells above (2-D, as the guide joins a
/// window to its output cell).
/// </summary>
public sealed class StackView : View
{
    public static readonly StackView Instance = new();

    /// <summary>The room between the planes of a flat stack, in cells: rows of units two cells apart, as a 1-D kernel view puts its output row.</summary>
    private const float FlatGap = 2;

    public override string Name => "stack";

    public override bool ForLayers => true;

    public override string Describes => "the maps one above the other, each frame lighting an output cell's receptive field through every layer";

    public override int FrameCount(Figure figure) => figure.Parts[^1].AnimatedOutput.Area;

    /// <summary>The first row of the last layer's output.</summary>
    public override IReadOnlyList<int> FirstRow(Figure figure) => Enumerable.Range(0, figure.Parts[^1].AnimatedOutput.Cols).ToList();

    public override Animation Layout(Figure figure) => ChainLayout.Animate(figure);

    public override string Describe(Animation animation) =>
        ChainText.Describe(animation, $"{ArithmeticText.CellFrames(animation.Figure, " of the last layer")}, each lighting that cell's receptive field through every layer");

    /// <summary>The chain's document, and per frame its output cell and every cell it depends on: [map, row, col], the input being map 0.</summary>
    public override string Json(Animation animation)
    {
        var chain = animation.Layers!;
        var top = chain.Map(chain.Count);
        var frames = MapParts.Cells(top).Select(cell => $"{{\"output\": {FigureJson.Point(cell)}, \"receptive\": [" +
            string.Join(", ", chain.Receptive(cell).SelectMany((cells, m) => cells.Select(c => $"[{m}, {c.Row}, {c.Col}]"))) + "]}");
        return FigureJson.Document([.. ChainText.Json(animation, Named), .. FigureJson.Frames(animation.Figure, frames)]);
    }

    public override string PyTorch(Animation animation) => PyTorchChain.Write(animation);

    public override string Alt(Animation animation)
    {
        var chain = animation.Layers!;
        var (rows, cols) = chain.Field(chain.Count);
        var field = rows is { } r && cols is { } c ? $" ({AltText.Area(new Size2(r.Size, c.Size))} cells of the input)" : "";
        return AltText.Chain(chain, "drawn as its maps one above the other, the input at the bottom",
            $"Each frame highlights one cell of the last map and the cells it depends on in every map below{field}.");
    }

    public override Scene Build(Animation animation)
    {
        var figure = animation.Figure;
        var chain = animation.Layers!;
        var count = chain.Count;
        var oneRow = chain.OneRow;
        var style = oneRow ? FigureStyle.Flat : figure.Style;

        // Map m's plane: the grid of the layer that reads it, the input's cells blue and every output's cyan; the last map alone.
        var planes = new List<Plane>();
        var places = Places(chain, style);
        for (var m = 0; m <= count; m++)
        {
            planes.Add(new Plane(PlaneCells(chain, m), places[m], m == count ? GridLine.Solid : GridLine.Dashed, Coloured: true, []));
        }
        if (figure.Look.Labels != Labels.None) planes.Add(Names(chain, planes, style, figure.Look.Labels));

        var top = chain.Map(count);
        var frames = new OnDemand<SceneFrame>(top.Area, index => new SceneFrame(FrameMarks(chain, new Cell(index / top.Cols, index % top.Cols), oneRow, lines: style == FigureStyle.Isometric)));
        return new Scene(style, planes, frames, figure.Scale, figure.Look.Theme, new Annotations([], figure.Look.Legend ? Legend(chain) : [])) { Links = Links(chain) };
    }

    /// <summary>
    /// Each frame's output cell linked to its receptive field on every map below (what the frame lights, as
    /// <c>explain --json</c>'s "receptive"): a reader hovering an input cell sees every output cell that depends on it.
    /// </summary>
    private static CellLinks Links(ChainLayout chain)
    {
        var count = chain.Count;
        var top = chain.Map(count);
        var maps = Enumerable.Range(0, count + 1).Select(m => new LinkedMap(m, chain.Title(m))).ToList();
        return CellLinks.PerFrame(maps, top.Area, index =>
        {
            var cell = new Cell(index / top.Cols, index % top.Cols);
            var receptive = chain.Receptive(cell);
            var inputs = Enumerable.Range(0, count).SelectMany(m => receptive[m].Select(c => new PlaneCell(m, OnPlane(chain, m, c)))).ToList();
            return new CellLink([new PlaneCell(count, cell)], inputs, [], new FrameSpan(index, 1));
        });
    }

    private static CellKind[,] PlaneCells(ChainLayout chain, int m)
    {
        if (m == chain.Count) return Filled(chain.Map(m), CellKind.Output);
        var cells = (CellKind[,])chain.Layout(m + 1).Grid.Clone();
        if (m == 0) return cells;
        for (var r = 0; r < cells.GetLength(0); r++)
            for (var c = 0; c < cells.GetLength(1); c++)
                if (cells[r, c] == CellKind.Input) cells[r, c] = CellKind.Output;
        return cells;
    }

    /// <summary>Where cell <paramref name="cell"/> of map <paramref name="m"/> lies on its plane.</summary>
    private static Cell OnPlane(ChainLayout chain, int m, Cell cell) => m == chain.Count ? cell : chain.OnGrid(m, cell);

    /// <summary>
    /// Where each map's plane lies: the middle of its map's cells on one vertical line, the input at the bottom. Planes
    /// of a flat stack (rows of units too) <see cref="FlatGap"/> apart; slanted planes raised by the lower plane's size
    /// and one, as the guide raises its output plane.
    /// </summary>
    private static Placement[] Places(ChainLayout chain, FigureStyle style)
    {
        var count = chain.Count;
        var sizes = Enumerable.Range(0, count + 1).Select(m => m == count ? chain.Map(m) : chain.Layout(m + 1).GridSize).ToList();
        var middles = Enumerable.Range(0, count + 1).Select(m =>
        {
            var (first, last) = (OnPlane(chain, m, new Cell(0, 0)), OnPlane(chain, m, new Cell(chain.Map(m).Rows - 1, chain.Map(m).Cols - 1)));
            return ((first.Row + last.Row + 1) / 2f, (first.Col + last.Col + 1) / 2f);
        }).ToList();
        var places = new Placement[count + 1];
        if (style == FigureStyle.Flat)
        {
            // From the top down: each plane under the one above.
            var y = 0f;
            for (var m = count; m >= 0; m--)
            {
                places[m] = new Placement(-middles[m].Item2, y, 0);
                y += sizes[m].Rows + FlatGap;
            }
            return places;
        }
        var elevation = 0f;
        for (var m = 0; m <= count; m++)
        {
            places[m] = new Placement(-middles[m].Item2, middles[m].Item1 - sizes[m].Rows, elevation);
            elevation += Math.Max(sizes[m].Rows, sizes[m].Cols) + 1;
        }
        return places;
    }

    /// <summary>
    /// One frame: on each map the cells output <paramref name="cell"/> depends on; joining each map to the one above,
    /// the edges from every lit cell to the lit cells it reads (1-D), or the window over them and the lines from its
    /// corners to the lit cells above (2-D, slanted only, as the guide draws them).
    /// </summary>
    private static List<Mark> FrameMarks(ChainLayout chain, Cell cell, bool oneRow, bool lines)
    {
        var count = chain.Count;
        var receptive = chain.Receptive(cell);
        var marks = new List<Mark>();
        for (var m = 0; m <= count; m++)
        {
            var lit = receptive[m].Select(c => OnPlane(chain, m, c)).ToList();
            marks.Add(new CellFill(m, lit, Shade.Highlight));
            if (m == count)
            {
                marks.Add(new CellBorders(m, lit));
                break;
            }
            var layout = chain.Layout(m + 1);
            var above = receptive[m + 1];
            var reading = above.Select(c => (Cell: OnPlane(chain, m + 1, c), Frame: layout.Frames[c.Row * layout.Output.Cols + c.Col])).ToList();
            if (oneRow)
            {
                var onGrid = lit.ToHashSet();
                foreach (var (to, frame) in reading)
                {
                    marks.AddRange(frame.Taps.Where(onGrid.Contains).Select(tap => new Connector(new PlanePoint(m, tap.Col + 0.5f, 0), new PlanePoint(m + 1, to.Col + 0.5f, 1))));
                }
                continue;
            }
            // A transpose may add nothing to a cell (a kernel shorter than its stride): then nothing below is lit.
            if (reading.Count == 0) continue;
            var (window, size) = Box(reading.Select(r => (r.Frame.Window, layout.Window)));
            marks.Add(new BlockLines(m, window, size));
            if (!lines) continue;
            var (target, targetSize) = Box(reading.Select(r => (r.Cell, new Size2(1, 1))));
            marks.AddRange(Connectors(m, window, size, m + 1, target, targetSize));
        }
        return marks;
    }

    /// <summary>The smallest block of cells holding every block given (top-left corner and size).</summary>
    private static (Cell TopLeft, Size2 Size) Box(IEnumerable<(Cell TopLeft, Size2 Size)> blocks)
    {
        var list = blocks.ToList();
        var (top, left) = (list.Min(b => b.TopLeft.Row), list.Min(b => b.TopLeft.Col));
        var (bottom, right) = (list.Max(b => b.TopLeft.Row + b.Size.Rows), list.Max(b => b.TopLeft.Col + b.Size.Cols));
        return (new Cell(top, left), new Size2(bottom - top, right - left));
    }

    /// <summary>
    /// The maps' names, upright in a column left of the stack, each level with its map's left end: "input" and each
    /// layer's title, with the map's sizes (labels: sizes) and the layer's parameters (labels: full).
    /// </summary>
    private static Plane Names(ChainLayout chain, IReadOnlyList<Plane> planes, FigureStyle style, Labels labels)
    {
        var ends = planes.Select(p =>
        {
            var map = PlaneMaps.Of(p, style);
            return style == FigureStyle.Isometric ? map.Map(0, 0) : map.Map(0, p.Size.Rows / 2f);
        }).ToList();
        var left = ends.Min(e => e.X) - 0.6f;
        var names = ends.Select((end, m) =>
        {
            var text = chain.Title(m) + (labels >= Labels.Sizes ? $" ({chain.Shape(m)})" : "") + (labels == Labels.Full && m > 0 ? $": {Parameters(chain.Layers[m - 1])}" : "");
            return new Label(planes.Count, left, end.Y, text, OutputSize, TextAlign.Right, Surface.Background);
        }).ToList();
        return new Plane(new CellKind[0, 0], new Placement(0, 0, 0), GridLine.None, Coloured: true, names) { Style = FigureStyle.Flat };
    }

    private static List<LegendEntry> Legend(ChainLayout chain)
    {
        var grids = Enumerable.Range(1, chain.Count).SelectMany(l => chain.Layout(l).Grid.Cast<CellKind>()).ToHashSet();
        var legend = new List<LegendEntry> { new("input", Shade.Input, false), new("layer outputs", Shade.Output, false) };
        legend.AddRange(MapParts.BlankKeys(grids));
        legend.Add(new LegendEntry("receptive field", Shade.Highlight, false));
        return legend;
    }
}
