using System.Text;
using ConvAnimations.Arithmetic;
using ConvAnimations.Explain;
using ConvAnimations.Layout;
using ConvAnimations.Scenes;
using ConvAnimations.Spec;
using static ConvAnimations.Scenes.MapParts;

namespace ConvAnimations.Views;

/// <summary>What <c>view: scatter</c> reads of its own key: whether the overlap map is drawn.</summary>
public sealed record ScatterOptions(bool Overlap) : ViewOptions;

/// <summary>
/// <c>view: scatter</c>, the other common way to see a transposed convolution (<see cref="Scatter"/>): frames run
/// over the transposed input's cells, row-major; each lays the kernel, scaled by the cell's value, on the output at
/// <c>(r·s - p, c·s - p)</c>, drawn on a canvas with the p cropped cells dashed around the output, as padding is in
/// the guide's grids. The output fills in as it is touched; with numbers each touched cell shows its running sum and
/// each tap of the placement what it adds, and the last frame is <c>conv_transpose2d</c>, the numbers of the
/// zero-insertion (kernel) view. Beside them the overlap map: how many placements add to each output cell, washed
/// deeper the more, with the count in it: with k not a multiple of s, a checkerboard.
/// </summary>
public sealed class ScatterView : View
{
    public static readonly ScatterView Instance = new();

    private const int InputPlane = 0, CanvasPlane = 1, OverlapPlane = 2;

    public override string Name => "scatter";

    public override IReadOnlyList<string> Keys => ["overlap"];

    /// <summary>One frame per cell of the transposed input, which scatters.</summary>
    public override int FrameCount(Figure figure) => figure.AnimatedInput.Area;

    /// <summary><c>play: first_row</c>: the first row of the transposed input, whose cells the frames scatter.</summary>
    public override IReadOnlyList<int> FirstRow(Figure figure) => Enumerable.Range(0, figure.AnimatedInput.Cols).ToList();

    internal override bool ReadOptions(KeySource keys, out ViewOptions? options)
    {
        var (overlap, ok) = FlagRules.Read(keys, "overlap", true);
        options = new ScatterOptions(overlap);
        return ok;
    }

    internal override bool Accepts(ViewRequest request, Report report)
    {
        if (!request.Kind.IsTransposed)
        {
            report.Error(request.At, $"view: scatter draws a transposed convolution as each input cell scattering the kernel onto the output: use kind: transposed (this figure is kind: {request.Kind.Name})");
            return false;
        }
        var frames = (long)request.Kind.AnimatedInput(request.Geometry).Area;
        if (frames <= FigureFileReader.MaxFrames) return true;
        report.Error(request.At, $"view: scatter plays a frame per cell of the transposed input, {frames} here, over the limit of {FigureFileReader.MaxFrames}");
        return false;
    }

    public override string Describe(Animation animation)
    {
        var figure = animation.Figure;
        var scatter = Scatter.Of(figure);
        var g = figure.Geometry;
        var text = new StringBuilder(ArithmeticText.Describe(animation, $"{Plural.Of(figure.FrameCount, "frame")} (one per transposed input cell, row-major from the top-left)"));
        text.AppendLine($"scatter: input cell (r, c) adds x[r, c]·w[a, b] to output cell (r·{g.Stride.Rows} - {g.Padding.Rows} + a·{g.Dilation.Rows}, c·{g.Stride.Cols} - {g.Padding.Cols} + b·{g.Dilation.Cols}) " +
                        $"when it lies in the {scatter.Output.Dimensions} output (conv_transpose2d's definition); the canvas adds p = {g.Padding} cropped cells on each side: {scatter.Canvas.Dimensions}");
        var inside = scatter.InteriorCounts(g);
        var away = inside.Count switch
        {
            0 => "",
            1 => $": away from the border every cell takes {inside[0]} (even)",
            _ => $": away from the border {string.Join(", ", inside.SkipLast(1))} and {inside[^1]}, uneven (the checkerboard, as when k is not a multiple of s)",
        };
        text.AppendLine($"overlap, the placements adding to each output cell{away}:");
        foreach (var row in Rows(scatter.Overlap)) text.AppendLine($"  {string.Join(" ", row)}");
        return text.ToString();
    }

    public override string Alt(Animation animation)
    {
        var figure = animation.Figure;
        var scatter = Scatter.Of(figure);
        var g = figure.Geometry;
        var stride = g.Stride is { Rows: 1, Cols: 1 } ? "" : $" with stride {g.Stride}";
        var padding = g.Padding is { Rows: 0, Cols: 0 } ? "" : $"{(stride.Length > 0 ? " and" : " with")} padding {g.PaddingText}";
        var text = new StringBuilder($"A transposed convolution of {AltText.Article(AltText.Area(g.Kernel) + " kernel")}{stride}{padding}, drawn as a scatter: " +
            $"each cell of the {AltText.Area(figure.AnimatedInput)} input adds the kernel, scaled by its value, onto the {AltText.Area(scatter.Output)} output, " +
            "where the copies overlap and add up; each frame highlights one input cell and the output cells it adds to.");
        if ((figure.Options as ScatterOptions)?.Overlap != false)
        {
            var inside = scatter.InteriorCounts(g);
            text.Append(inside.Count switch
            {
                0 => " Beside it, how many copies each output cell takes.",
                1 => $" Beside it, how many copies each output cell takes: {inside[0]} everywhere away from the border, evenly.",
                _ => $" Beside it, how many copies each output cell takes: {string.Join(", ", inside.SkipLast(1))} and {inside[^1]} away from the border, unevenly, a checkerboard.",
            });
        }
        if (figure.Values?.Kernel is { } kernel) text.Append(AltText.Numbers(figure, scatter.Sum(figure.Values.Input, kernel).Final));
        return text.ToString();
    }

    /// <summary>
    /// The document with, per frame, the transposed input cell that scatters and the output cells it adds to (sorted),
    /// the overlap over the output, and for a numerical figure the scatter's sums (the same as the kernel view's output).
    /// </summary>
    public override string Json(Animation animation)
    {
        var figure = animation.Figure;
        var scatter = Scatter.Of(figure);
        var members = new List<string>(FigureJson.Header(animation, Named));
        members.AddRange(FigureJson.Frames(figure, scatter.Steps.Select(s => $"{{\"input\": {FigureJson.Point(s.Input)}, \"outputs\": [{string.Join(", ", s.Outputs.Select(FigureJson.Point))}]}}")));
        members.Add(FigureJson.Member("overlap", $"[{string.Join(", ", Rows(scatter.Overlap).Select(r => $"[{string.Join(", ", r)}]"))}]"));
        if (figure.Values is { Kernel: { } kernel } values)
        {
            members.Add(FigureJson.Member("values", "{\n" +
                $"    \"input\": {FigureJson.Matrix(values.Input)},\n" +
                $"    \"kernel\": {FigureJson.Matrix(kernel)},\n" +
                $"    \"output\": {FigureJson.Matrix(scatter.Sum(values.Input, kernel).Final)}\n  }}"));
        }
        return FigureJson.Document(members);
    }

    private static IEnumerable<int[]> Rows(int[,] m) => Enumerable.Range(0, m.GetLength(0)).Select(r => Enumerable.Range(0, m.GetLength(1)).Select(c => m[r, c]).ToArray());

    public override Scene Build(Animation animation)
    {
        var figure = animation.Figure;
        var scatter = Scatter.Of(figure);
        var values = figure.Values;
        var sums = values?.Kernel is { } kernel ? scatter.Sum(values.Input, kernel) : null;
        var overlap = (figure.Options as ScatterOptions)?.Overlap != false;
        var input = animation.Input;

        // Left to right, two cells apart and centred on one line: the transposed input, the canvas, the overlap map.
        var height = scatter.Canvas.Rows;
        var inputLabels = values is null ? [] : Cells(input).Select(c => Number(InputPlane, c, FormatInput(values.Input[c.Row, c.Col]), InputSize, new Surface(Shade.Input, false))).ToList();
        var planes = new List<Plane>
        {
            new(Filled(input, CellKind.Input), new Placement(0, (height - input.Rows) / 2f, 0), GridLine.Solid, Coloured: true, inputLabels),
            new(CanvasCells(scatter), new Placement(input.Cols + 2, 0, 0), GridLine.Dashed, Coloured: false, []),
        };
        if (overlap)
        {
            planes.Add(new Plane(Filled(scatter.Output, CellKind.Output), new Placement(input.Cols + 2 + scatter.Canvas.Cols + 2, scatter.Padding.Rows, 0),
                GridLine.Solid, Coloured: false, []));
        }
        // The step at which each output cell is first added to: a frame shows the cells touched by then.
        var first = new int[scatter.Output.Rows, scatter.Output.Cols];
        foreach (var cell in Cells(scatter.Output)) first[cell.Row, cell.Col] = int.MaxValue;
        for (var n = scatter.Steps.Count - 1; n >= 0; n--)
        {
            foreach (var cell in scatter.Steps[n].Outputs) first[cell.Row, cell.Col] = n;
        }
        var frames = new OnDemand<SceneFrame>(scatter.Steps.Count, n => new SceneFrame(Marks(animation, scatter, first, sums, overlap, n)));
        return new Scene(FigureStyle.Flat, planes, frames, figure.Scale, figure.Look.Theme, Annotate(figure, scatter, overlap)) { Links = Links(scatter, animation.Window, overlap) };
    }

    /// <summary>
    /// Each frame's input cell linked to each output cell it adds to (on the output, and on the overlap map when shown),
    /// with its kernel's placement: hovering an output cell lights every input cell whose copy of the kernel reaches
    /// it and those copies' placements; hovering an input cell, every output cell it adds to (explain --json's frames).
    /// </summary>
    private static CellLinks Links(Scatter scatter, Size2 window, bool overlap)
    {
        List<LinkedMap> maps = [new(InputPlane, "input"), new(CanvasPlane, "output"), .. overlap ? [new LinkedMap(OverlapPlane, "overlap")] : Array.Empty<LinkedMap>()];
        // Link i is output j of step n, where step n's outputs start at starts[n]; made when asked for, as frames are.
        var starts = new int[scatter.Steps.Count + 1];
        for (var n = 0; n < scatter.Steps.Count; n++) starts[n + 1] = starts[n] + scatter.Steps[n].Outputs.Count;
        return new CellLinks(maps, new OnDemand<CellLink>(starts[^1], i =>
        {
            var n = Array.BinarySearch(starts, i);
            n = n < 0 ? ~n - 1 : n;
            while (starts[n + 1] <= i) n++; // past steps that add to no output cell
            var (step, cell) = (scatter.Steps[n], scatter.Steps[n].Outputs[i - starts[n]]);
            return new CellLink(
                [new PlaneCell(CanvasPlane, scatter.OnCanvas(cell)), .. overlap ? [new PlaneCell(OverlapPlane, cell)] : Array.Empty<PlaneCell>()],
                [new PlaneCell(InputPlane, step.Input)], [new LinkedWindow(CanvasPlane, step.Placement.Window, window)], new FrameSpan(n, 1));
        }));
    }

    /// <summary>The canvas: the output's cells and the cropped ones around it (drawn dashed, as padding).</summary>
    private static CellKind[,] CanvasCells(Scatter scatter)
    {
        var cells = new CellKind[scatter.Canvas.Rows, scatter.Canvas.Cols];
        foreach (var cell in Cells(scatter.Output))
        {
            var at = scatter.OnCanvas(cell);
            cells[at.Row, at.Col] = CellKind.Output;
        }
        return cells;
    }

    private static List<Mark> Marks(Animation animation, Scatter scatter, int[,] first, RunningSums? sums, bool overlap, int n)
    {
        var figure = animation.Figure;
        var step = scatter.Steps[n];
        var marks = new List<Mark>
        {
            new CellFill(InputPlane, [step.Input], Shade.Highlight),
        };
        if (sums is not null) marks.Add(Number(InputPlane, step.Input, FormatInput(figure.Values!.Input[step.Input.Row, step.Input.Col]), InputSize, new Surface(Shade.Input, true)));
        // Two thin lines from the cell to the placement it makes, as the guide joins a window to its output cell.
        marks.Add(new Connector(new PlanePoint(InputPlane, step.Input.Col + 1, step.Input.Row), new PlanePoint(CanvasPlane, step.Placement.Window.Col, step.Placement.Window.Row)));
        marks.Add(new Connector(new PlanePoint(InputPlane, step.Input.Col + 1, step.Input.Row + 1),
            new PlanePoint(CanvasPlane, step.Placement.Window.Col, step.Placement.Window.Row + animation.Window.Rows)));

        // The output so far: every cell a placement up to this one added to, then the placement itself over it.
        var outputCells = Cells(scatter.Output).ToList();
        var touched = outputCells.Where(c => first[c.Row, c.Col] <= n).Select(scatter.OnCanvas).ToList();
        marks.Add(new CellFill(CanvasPlane, touched, Shade.Output));
        marks.Add(new CellBorders(CanvasPlane, outputCells.Select(scatter.OnCanvas).ToList()));
        marks.AddRange(Window(CanvasPlane, step.Placement, animation));
        if (sums is not null)
        {
            var current = step.Outputs.Select(scatter.OnCanvas).ToHashSet();
            // Each tap's part, x·w, small at its lower right; each touched output cell's running sum in the middle (up and left beside a part).
            var (x, kernel) = (figure.Values!.Input[step.Input.Row, step.Input.Col], figure.Values.Kernel!);
            marks.AddRange(step.Placement.Taps.Select((tap, t) => new Label(CanvasPlane, tap.Col + 0.94f, tap.Row + 0.76f,
                FormatInput(x * kernel[t / kernel.GetLength(1), t % kernel.GetLength(1)]), WeightSize, TextAlign.Right,
                new Surface(current.Contains(tap) ? Shade.Output : null, true))));
            foreach (var cell in touched)
            {
                var sum = sums.After(n, cell.Row - scatter.Padding.Rows, cell.Col - scatter.Padding.Cols)!.Value;
                var inPlacement = current.Contains(cell);
                marks.Add(new Label(CanvasPlane, cell.Col + (inPlacement ? 0.4f : 0.5f), cell.Row + (inPlacement ? 0.4f : 0.5f), figure.Look.Format(sum),
                    OutputSize, TextAlign.Center, new Surface(Shade.Output, inPlacement)));
            }
        }
        if (overlap) marks.AddRange(OverlapMarks(scatter, step));
        return marks;
    }

    /// <summary>
    /// The overlap map: each cell washed with the output's colour in proportion to its count (the most, full), the
    /// grid again over the wash, the cells this placement adds to highlighted, and every count.
    /// </summary>
    private static IEnumerable<Mark> OverlapMarks(Scatter scatter, ScatterStep step)
    {
        var most = Math.Max(1, scatter.MostOverlap);
        var cells = Cells(scatter.Output).ToList();
        foreach (var group in cells.GroupBy(c => scatter.Overlap[c.Row, c.Col]).Where(g => g.Key > 0))
        {
            yield return new Tint(OverlapPlane, group.ToList(), Shade.Output, (float)group.Key / most);
        }
        yield return new CellFill(OverlapPlane, step.Outputs, Shade.Highlight);
        yield return new CellBorders(OverlapPlane, cells);
        var current = step.Outputs.ToHashSet();
        foreach (var cell in cells)
        {
            var count = scatter.Overlap[cell.Row, cell.Col];
            // The ink that reads on the wash: the output colour's when washed half or more, the background's below.
            var on = new Surface(2 * count >= most ? Shade.Output : null, current.Contains(cell));
            yield return Number(OverlapPlane, cell, count.ToString(System.Globalization.CultureInfo.InvariantCulture), OutputSize, on);
        }
    }

    private static Label Number(int plane, Cell cell, string text, float size, Surface on) =>
        new(plane, cell.Col + 0.5f, cell.Row + 0.5f, text, size, TextAlign.Center, on);

    /// <summary>The maps' names (with labels), the parameters (full labels) and the legend's keys.</summary>
    private static Annotations Annotate(Figure figure, Scatter scatter, bool overlap)
    {
        var look = figure.Look;
        var captions = new List<Caption>();
        if (look.Labels != Labels.None)
        {
            var sizes = look.Labels >= Labels.Sizes;
            captions.Add(new Caption($"input{(sizes ? $" {figure.AnimatedInput.Dimensions}" : "")}", Band.Below, InputPlane));
            captions.Add(new Caption($"output{(sizes ? $" {scatter.Output.Dimensions}" : "")}", Band.Below, CanvasPlane));
            if (overlap) captions.Add(new Caption("overlap", Band.Below, OverlapPlane));
            if (look.Labels == Labels.Full) captions.Add(new Caption(Parameters(figure), Band.Below, null));
        }
        var legend = new List<LegendEntry>();
        if (look.Legend)
        {
            legend.Add(new LegendEntry("input", Shade.Input, false));
            legend.Add(new LegendEntry("output", Shade.Output, false));
            if (scatter.Padding != new Size2(0, 0)) legend.Add(new LegendEntry("cropped (padding)", null, true));
            legend.Add(new LegendEntry("kernel", Shade.Highlight, false));
        }
        return new Annotations(captions, legend);
    }
}
