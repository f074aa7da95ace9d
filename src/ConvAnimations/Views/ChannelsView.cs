using ConvAnimations.Arithmetic;
using ConvAnimations.Explain;
using ConvAnimations.Layout;
using ConvAnimations.Scenes;
using ConvAnimations.Spec;
using static ConvAnimations.Scenes.MapParts;

namespace ConvAnimations.Views;

/// <summary>
/// Places a multi-channel animation. Without numbers, as the guide's "full picture": the input maps as a stack of
/// planes, each half a cell behind the one before (violet behind blue, then magenta, in turn), the output maps as a stack of
/// cyan planes above (isometric) or to the right (flat). Each frame shows the current output map's kernels over each
/// input map of its group and the current output cell, with the four lines from each of those windows (isometric).
/// Maps of the group that lie behind maps outside it (depthwise, grouped, pooling) are brought to the front of their
/// stack for the frame, as is the current output map, so a depthwise frame shows one input map joined to one output
/// map. With numbers, the maps lie apart and flat whatever the style (their numbers and sums must be read): input
/// maps in a column, output maps beside them, and under both the sum for the current output cell: each input map's
/// terms and partial sum, then the total. It is the sliding kernel (<c>view: kernel</c>) of several maps.
/// </summary>
public sealed class ChannelsView : View
{
    public static readonly ChannelsView Instance = new();

    public override string Name => "channels";

    public override string? Word => KernelView.Instance.Word;

    public override MapCount Maps => MapCount.Several;

    public override string? Named => null;

    public override IReadOnlyList<string> Keys => ["layout"];

    /// <summary><c>layout: stacked</c> (the guide's full picture, the default) or <c>spread</c> (the maps apart in rows).</summary>
    internal override bool ReadOptions(KeySource keys, out ViewOptions? options)
    {
        var layout = keys.Read("layout", MapLayout.Stacked, ValueRules.Word<MapLayout>("layout"));
        options = layout.Given ? new ChannelsOptions(layout.Value) : null;
        return layout.Ok;
    }

    /// <summary>How far a map lies behind the one in front of it in a stack, in cells (the guide's half cell).</summary>
    private const float Stagger = 0.5f;

    /// <summary>The sum's text size and line spacing, in cells: the size of the output numbers, 9 px digits at scale 1.</summary>
    private const float SumSize = OutputSize, SumLine = 0.85f;

    public override string Describe(Animation animation) =>
        ArithmeticText.Describe(animation, ArithmeticText.CellFrames(animation.Figure, $" of each of the {animation.Figure.Channels.Out} output maps in turn"), MapsLine(animation.Figure));

    /// <summary>What the maps are and which input maps each output map reads.</summary>
    private static string MapsLine(Figure figure)
    {
        var c = figure.Channels;
        var k = figure.Geometry.Kernel;
        if (figure.IsPooling) return $"channels: {c.In} maps, each pooled on its own into its output map (groups = {c.Groups})";
        var weight = figure.IsTransposed ? $"{c.In}x{c.OutPerGroup}x{k.Rows}x{k.Cols}" : $"{c.Out}x{c.InPerGroup}x{k.Rows}x{k.Cols}";
        var reads = c.Groups == 1 ? $"every output map sums all {c.In} input maps"
            : c.Groups == c.In ? "depthwise: each output map reads one input map"
            : $"{c.Groups} groups: each output map sums the {c.InPerGroup} input maps of its group";
        return $"channels: in {c.In}, out {c.Out}, groups {c.Groups}: {reads}, each through its own {k.Rows}x{k.Cols} kernel (weight {weight})";
    }

    /// <summary>The single-map document with the channels, frames over every output map, and every map's numbers.</summary>
    public override string Json(Animation animation)
    {
        var layout = animation.Channels!;
        var c = layout.Channels;
        return FigureJson.Document([
            .. FigureJson.Header(animation, Named),
            FigureJson.Member("channels", $"{{\"in\": {c.In}, \"out\": {c.Out}, \"groups\": {c.Groups}}}"),
            FigureJson.Grid(animation),
            .. FigureJson.Frames(animation.Figure, layout.Frames.Select(f => $"{{\"output_channel\": {f.OutputChannel}, \"input_channels\": [{string.Join(", ", f.InputChannels)}], " +
                $"\"output\": {FigureJson.Point(f.Frame.Output)}, \"taps\": [{string.Join(", ", f.Frame.Taps.Select(FigureJson.Point))}]}}")),
            .. Values(layout.Values),
        ]);
    }

    private static IEnumerable<string> Values(ChannelNumbers? values)
    {
        if (values is null) yield break;
        static string Maps(IEnumerable<double[,]> maps) => $"[{string.Join(", ", maps.Select(FigureJson.Matrix))}]";
        yield return FigureJson.Member("values", "{\n" +
            $"    \"grid\": {Maps(values.Grid)},\n" +
            $"    \"kernel\": {(values.Kernel is null ? "null" : $"[{string.Join(", ", values.Kernel.Select(Maps))}]")},\n" +
            $"    \"output\": {Maps(values.Output)}\n  }}");
    }

    public override Scene Build(Animation animation)
    {
        var layout = animation.Channels!;
        return layout.Values is null ? Stacked(animation, layout) : Apart(animation, layout, layout.Values);
    }

    /// <summary>The input maps' shades in turn (eight, each apart from the others), so that every map of a stack can be told.</summary>
    private static Shade InputShade(int channel) => Shades.OfInputMap(channel);

    /// <summary>A plane of no cells placed where a map is: what is drawn over every map in that map's cells' coordinates.</summary>
    private static Plane Overlay(Placement map, int rows, FigureStyle style) =>
        new(new CellKind[0, 0], style == FigureStyle.Isometric ? map with { Y = map.Y + rows } : map, GridLine.None, Coloured: true, []);

    /// <summary>The text size of the current output map's name, in cells (9 px digits at scale 1).</summary>
    private const float NameSize = OutputSize;

    /// <summary>The text size of a map's number, in cells: its digit fits the half cell a stack leaves of a map.</summary>
    private const float NumberSize = 0.4f;

    /// <summary>"output map 2 of 3": which output map the frame computes.</summary>
    private static string OutputMapName(int m, int count) => $"output map {m + 1} of {count}";

    // ---- Without numbers: the maps stacked as the guide's full picture, or spread in rows ----

    /// <summary>
    /// The maps without numbers. Stacked: each map half a cell behind the one before, in a fixed order (the first in
    /// front); the input maps of the frame's group show the kernel where they are (a map behind others has its
    /// window outlined over them), the current output map is outlined and named. Spread: the maps apart in a row,
    /// the output maps in a row above (isometric) or below (flat), so every map's taps show.
    /// </summary>
    private static Scene Stacked(Animation animation, ChannelAnimation layout)
    {
        var figure = animation.Figure;
        var spread = (figure.Options as ChannelsOptions)?.Layout == MapLayout.Spread;
        var channels = layout.Channels;
        var (grid, output) = (animation.GridSize, animation.Output);
        // A 1-D figure (one row) reads as rows, as with one channel: flat, the output rows above the input rows.
        var oneRow = grid.Rows == 1;
        var style = oneRow ? FigureStyle.Flat : figure.Style;
        var isometric = style == FigureStyle.Isometric;
        var (cIn, cOut) = (channels.In, channels.Out);
        var allCells = Cells(grid).ToList();
        var inputCells = allCells.Where(c => animation.Grid[c.Row, c.Col] == CellKind.Input).ToList();

        // Where each map lies. Stacked: map n of a stack n staggers behind the front one, up and to the right; the maps
        // are opaque, blank cells too, so behind padding (or inserted zeros) a map lies that much further back that
        // half a cell of its input still shows. Spread: a cell apart along a row.
        var blank = Math.Max(inputCells.Min(c => c.Row), grid.Cols - 1 - inputCells.Max(c => c.Col));
        // Spread with as many maps out as in (depthwise, pointwise ...), each output map lies over its input map.
        var (inputStep, outputStep) = spread ? (grid.Cols + 1f, cIn == cOut ? grid.Cols + 1f : output.Cols + 1f) : (Stagger + blank, Stagger);
        Placement Along(Placement first, int n, float step) => spread ? first with { X = first.X + n * step }
            : isometric ? first with { X = first.X + n * step, Y = first.Y + n * step }
            : first with { X = first.X + n * step, Y = first.Y - n * step };
        var inputWidth = (cIn - 1) * inputStep;
        var outputWidth = (cOut - 1) * outputStep;
        var outputFirst = spread
            ? oneRow ? new Placement((inputWidth + grid.Cols - outputWidth - output.Cols) / 2, -3, 0)
                : isometric ? new Placement((inputWidth + grid.Cols - outputWidth - output.Cols) / 2, 0, Math.Max(grid.Rows, grid.Cols) + 1)
                : new Placement((inputWidth + grid.Cols - outputWidth - output.Cols) / 2, grid.Rows + 2, 0)
            : oneRow ? new Placement((grid.Cols - output.Cols) / 2f, -inputWidth - 3, 0)
            : isometric ? new Placement(0, 0, Math.Max(grid.Rows, grid.Cols) + 1 + inputWidth * 1.15f)
            : new Placement(grid.Cols + inputWidth + 1, (grid.Rows - output.Rows) / 2f, 0);
        Placement InputAt(int n) => Along(new Placement(0, 0, 0), n, inputStep);
        Placement OutputAt(int m) => Along(outputFirst, m, outputStep);

        // The name of the current output map to the right of the output maps, on room made for it (plane 0, blank).
        var labelled = figure.Look.Labels != Labels.None;
        var nameCol = output.Cols + outputWidth + 0.4f;
        var nameWidth = Ems(OutputMapName(cOut - 1, cOut)) * NameSize;
        var room = new Plane(cOut > 1 ? new CellKind[output.Rows, (int)Math.Ceiling(nameCol + nameWidth + 0.2f)] : new CellKind[0, 0], OutputAt(0), GridLine.None, Coloured: false, []);

        // Back to front: the room, the input maps, the output maps (the first of each in front), then an overlay of
        // each in the same order, which draws over every map: windows of maps behind others, lines, names.
        int InputPlane(int n) => 1 + cIn - 1 - n;
        int OutputPlane(int m) => 1 + cIn + cOut - 1 - m;
        int InputOverlay(int n) => 1 + cIn + cOut + cIn - 1 - n;
        int OutputOverlay(int m) => 1 + 2 * cIn + cOut + cOut - 1 - m;
        // A map's number at its top right corner, in the strip a stack leaves of it, on its own colour (or blank).
        Label Number(int plane, int n, Size2 size, CellKind[,] cells, Shade shade) =>
            new(plane, size.Cols - 0.25f, 0.25f, $"{n + 1}", NumberSize, TextAlign.Center,
                new Surface(cells[0, size.Cols - 1] is CellKind.Input or CellKind.Output ? shade : cells[0, size.Cols - 1] == CellKind.InsertedZero ? Shade.InsertedZero : null, false));
        var planes = new List<Plane> { room };
        var outputCells = Filled(output, CellKind.Output);
        for (var n = cIn - 1; n >= 0; n--)
        {
            planes.Add(new Plane(animation.Grid, InputAt(n), GridLine.Dashed, true, labelled ? [Number(InputPlane(n), n, grid, animation.Grid, InputShade(n))] : [])
                { InputShade = InputShade(n), Opaque = true });
        }
        for (var m = cOut - 1; m >= 0; m--)
        {
            planes.Add(new Plane(outputCells, OutputAt(m), GridLine.Solid, true, labelled ? [Number(OutputPlane(m), m, output, outputCells, Shade.Output)] : []));
        }
        for (var n = cIn - 1; n >= 0; n--) planes.Add(Overlay(InputAt(n), grid.Rows, style));
        for (var m = cOut - 1; m >= 0; m--) planes.Add(Overlay(OutputAt(m), output.Rows, style));

        List<Mark> Marks(int index)
        {
            var frame = layout.Frames[index];
            var (m, group, cell) = (frame.OutputChannel, frame.InputChannels, frame.Frame);
            var marks = new List<Mark>();
            foreach (var n in group)
            {
                marks.AddRange(Window(InputPlane(n), cell, animation));
                // A map behind others: its window outlined over them, so its place shows.
                if (!spread && n > 0) marks.Add(new BlockOutline(InputOverlay(n), cell.Window, animation.Window));
                // The lines from the overlays, so that they are drawn over every map in vectors as in pixels.
                marks.AddRange(Connectors(InputOverlay(n), OutputPlane(m), cell, animation.Window, oneRow));
            }
            marks.Add(new CellFill(OutputPlane(m), [cell.Output], Shade.Highlight));
            marks.Add(new CellBorders(OutputPlane(m), [cell.Output]));
            if (cOut > 1)
            {
                // The map being computed, outlined and named; its cell's borders drawn over the maps in front of it.
                marks.Add(new BlockOutline(OutputOverlay(m), new Cell(0, 0), output));
                if (!spread && m > 0) marks.Add(new CellBorders(OutputOverlay(m), [cell.Output]));
                marks.Add(new Label(OutputOverlay(0), nameCol, output.Rows / 2f, OutputMapName(m, cOut), NameSize, TextAlign.Left, Surface.Background));
            }
            return marks.OrderBy(mark => mark.Plane).ToList();
        }

        var frames = new OnDemand<SceneFrame>(layout.Frames.Count, index => new SceneFrame(Marks(index)));
        return new Scene(style, planes, frames, figure.Scale, figure.Look.Theme, Annotate(animation, layout, InputPlane(0), OutputPlane(0), stacked: true))
        {
            Links = Links(animation, layout, InputPlane, OutputPlane),
        };
    }

    // ---- With numbers: maps apart, and the sum ----

    private static Scene Apart(Animation animation, ChannelAnimation layout, ChannelNumbers values)
    {
        var figure = animation.Figure;
        var channels = layout.Channels;
        var (grid, output) = (animation.GridSize, animation.Output);
        var (cIn, cOut) = (channels.In, channels.Out);
        var progressive = figure.Look.Reveal == Reveal.Progressive;
        var weights = values.Kernel is not null;

        // Input maps in a column, output maps in a column to their right, both centred on each other; always flat,
        // whatever the style, since the sums are text to read (slanted, they are not at scale 1).
        var inHeight = cIn * (grid.Rows + 1) - 1;
        var outHeight = cOut * (output.Rows + 1) - 1;
        var height = Math.Max(inHeight, outHeight);
        float InTop(int n) => (height - inHeight) / 2f + n * (grid.Rows + 1);
        float OutTop(int m) => (height - outHeight) / 2f + m * (output.Rows + 1);
        Placement At(float x, float top) => new(x, top, 0);
        var outputX = grid.Cols + 1;

        var sums = Enumerable.Range(0, layout.Frames.Count).Select(i => SumLines(animation, layout, values, i)).ToList();
        var lines = sums.Max(s => s.Count);
        var textCols = (int)Math.Ceiling(sums.SelectMany(s => s).Max(Ems) * SumSize + 0.6f);
        var textRows = (int)Math.Ceiling(lines * SumLine + 0.3f);
        var textWidth = Math.Max(textCols, outputX + output.Cols);

        // Labelled, each map's number stands to the left of its first row (its cells hold numbers of their own).
        var labelled = figure.Look.Labels != Labels.None;
        IEnumerable<Label> MapNumber(int plane, int k) =>
            labelled ? [new Label(plane, -0.2f, 0.5f, $"{k + 1}", NumberSize, TextAlign.Right, Surface.Background)] : [];
        var planes = new List<Plane>();
        for (var n = 0; n < cIn; n++)
        {
            var numbers = Cells(grid).Select(c => InputNumber(n, values.Grid[n], c, animation, weights, highlighted: false)).Concat(MapNumber(n, n)).ToList();
            planes.Add(new Plane(animation.Grid, At(0, InTop(n)), GridLine.Dashed, true, numbers));
        }
        var outputCells = Filled(output, CellKind.Output);
        for (var m = 0; m < cOut; m++)
        {
            var plane = cIn + m;
            var numbers = progressive ? [] : Cells(output).Select(c => OutputNumber(plane, values.Output[m], c, figure, highlighted: false)).ToList();
            planes.Add(new Plane(outputCells, At(outputX, OutTop(m)), GridLine.Solid, !progressive, [.. numbers, .. MapNumber(plane, m)]));
        }
        var textPlane = cIn + cOut;
        var textAt = new Placement(0, height + 1, 0);
        planes.Add(new Plane(new CellKind[textRows, textWidth], textAt, GridLine.None, Coloured: false, []));

        List<Mark> Marks(int index)
        {
            var frame = layout.Frames[index];
            var (m, group, cell) = (frame.OutputChannel, frame.InputChannels, frame.Frame);
            var marks = new List<Mark>();
            for (var j = 0; j < group.Count; j++)
            {
                var n = group[j];
                marks.AddRange(Window(n, cell, animation));
                marks.AddRange(cell.Taps.Select(tap => InputNumber(n, values.Grid[n], tap, animation, weights, highlighted: true)));
                if (values.Kernel?[m][j] is { } kernel) marks.AddRange(Weights(n, kernel, cell, animation));
            }
            var cellsPerMap = output.Area;
            for (var k = 0; k < cOut; k++)
            {
                var plane = cIn + k;
                // Progressive: the maps before this one are whole, this one up to its current cell.
                var filled = !progressive ? (k == m ? [cell.Output] : [])
                    : Cells(output).Take(k < m ? cellsPerMap : k == m ? index % cellsPerMap + 1 : 0).ToList();
                if (filled.Count == 0) continue;
                if (progressive) marks.Add(new CellFill(plane, filled, Shade.Output));
                if (k == m) marks.Add(new CellFill(plane, [cell.Output], Shade.Highlight));
                marks.Add(new CellBorders(plane, filled));
                marks.AddRange(filled.Select(c => OutputNumber(plane, values.Output[k], c, figure, highlighted: k == m && c == cell.Output)));
            }
            marks.AddRange(sums[index].Select((text, i) => new Label(textPlane, 0.3f, 0.55f + i * SumLine, text, SumSize, TextAlign.Left, Surface.Background)));
            return marks.OrderBy(mark => mark.Plane).ToList();
        }

        var frames = new OnDemand<SceneFrame>(layout.Frames.Count, index => new SceneFrame(Marks(index)));
        return new Scene(FigureStyle.Flat, planes, frames, figure.Scale, figure.Look.Theme, Annotate(animation, layout, 0, cIn, stacked: false))
        {
            Links = Links(animation, layout, n => n, m => cIn + m),
        };
    }

    /// <summary>Each frame's output cell on its output map, and its taps and window on each input map it reads.</summary>
    private static CellLinks Links(Animation animation, ChannelAnimation layout, Func<int, int> inputPlane, Func<int, int> outputPlane)
    {
        var c = layout.Channels;
        return CellLinks.PerFrame(
            [.. Enumerable.Range(0, c.In).Select(n => new LinkedMap(inputPlane(n), $"input {n}")), .. Enumerable.Range(0, c.Out).Select(m => new LinkedMap(outputPlane(m), $"output {m}"))],
            layout.Frames.Count,
            i => CellLinks.Of(layout.Frames[i].Frame, i, animation.Window, layout.Frames[i].InputChannels.Select(inputPlane).ToList(), outputPlane(layout.Frames[i].OutputChannel)));
    }

    /// <summary>
    /// The sum for frame <paramref name="index"/>'s output cell, one line per input map of its group with its terms
    /// and partial sum, then the total (as d2l writes it); pooling's one map, its maximum or average.
    /// </summary>
    private static IReadOnlyList<string> SumLines(Animation animation, ChannelAnimation layout, ChannelNumbers values, int index)
    {
        var frame = layout.Frames[index];
        var (m, group, cell) = (frame.OutputChannel, frame.InputChannels, frame.Frame);
        var figure = animation.Figure;
        var look = figure.Look;
        var (row, col) = (cell.Output.Row, cell.Output.Col);
        var result = look.Format(values.Output[m][row, col]);
        // Maps counted from 1, as the pictures number them; cells (row, col) from 0, as explain --json does.
        var at = $"output map {m + 1} ({row}, {col})";
        var taps = cell.Taps;
        if (values.Kernel is not { } kernels || values.Partials is not { } partials)
        {
            var grid = values.Grid[m];
            var inputs = taps.Select(t => (FormatInput(grid[t.Row, t.Col]), animation.Grid[t.Row, t.Col] == CellKind.Input)).ToList();
            return [$"{at} = {figure.Kind.PoolingFormula(inputs)} = {result}"];
        }
        var lines = new List<string>();
        for (var j = 0; j < group.Count; j++)
        {
            var (grid, kernel) = (values.Grid[group[j]], kernels[m][j]);
            var columns = kernel.GetLength(1);
            var terms = taps.Select((t, i) => $"{FormatInput(grid[t.Row, t.Col])}\u00D7{FormatInput(kernel[i / columns, i % columns])}");
            lines.Add($"input map {group[j] + 1}: {string.Join(" + ", terms)} = {look.Format(partials[m][j][row, col])}");
        }
        lines.Add(group.Count > 1 ? $"{at} = {string.Join(" + ", partials[m].Select(p => look.Format(p[row, col])))} = {result}" : $"{at} = {result}");
        return lines;
    }

    /// <summary>
    /// The width of a line of the sum in ems, a little over CMU Serif's advances (digits half an em, the signs + x =
    /// 0.78, a space a third), so that the plane holding it is wide enough without measuring text here.
    /// </summary>
    private static float Ems(string text) => 1.05f * text.Sum(c => c switch
    {
        ' ' => 0.34f,
        '+' or '\u00D7' or '=' => 0.78f,
        ',' or '.' or ':' => 0.28f,
        '(' or ')' => 0.39f,
        'm' => 0.84f,
        _ => 0.56f,
    });

    /// <summary>Captions (labels) and a legend, as a single-channel figure has them, counting the maps.</summary>
    private static Annotations Annotate(Animation animation, ChannelAnimation layout, int inputPlane, int outputPlane, bool stacked)
    {
        var figure = animation.Figure;
        var look = figure.Look;
        var channels = layout.Channels;
        var captions = new List<Caption>();
        if (look.Labels != Labels.None)
        {
            var sizes = look.Labels >= Labels.Sizes;
            static string Maps(int n) => n == 1 ? "1 map" : $"{n} maps";
            captions.Add(new Caption($"input: {Maps(channels.In)}{(sizes ? $" of {animation.Input.Rows}x{animation.Input.Cols}" : "")}", Band.Below, inputPlane));
            captions.Add(new Caption($"output: {Maps(channels.Out)}{(sizes ? $" of {animation.Output.Rows}x{animation.Output.Cols}" : "")}",
                figure.Style == FigureStyle.Isometric && stacked ? Band.Above : Band.Below, outputPlane));
            if (look.Labels == Labels.Full)
            {
                var words = figure.IsPooling ? $"{channels.In} maps pooled one by one" : $"in_channels = {channels.In}, out_channels = {channels.Out}, groups = {channels.Groups}";
                captions.Add(new Caption($"{words}; {Parameters(figure)}", Band.Below, null));
            }
        }
        var legend = new List<LegendEntry>();
        if (look.Legend)
        {
            // A stack's maps by their shades: eight apart, then again from the first ("input maps 1, 9").
            var shades = Shades.InputMaps.Count;
            string MapName(int k) => channels.In > k + shades
                ? $"input maps {string.Join(", ", Enumerable.Range(0, channels.In).Where(n => n % shades == k).Select(n => n + 1))}"
                : $"input map {k + 1}";
            if (!stacked || channels.In == 1) legend.Add(new LegendEntry("input", Shade.Input, false));
            else legend.AddRange(Enumerable.Range(0, Math.Min(channels.In, shades)).Select(k => new LegendEntry(MapName(k), InputShade(k), false)));
            legend.Add(new LegendEntry("output", Shade.Output, false));
            legend.AddRange(GridKeys(animation));
        }
        return new Annotations(captions, legend);
    }

    /// <summary>Which maps each output map reads, then the sliding window over one map, as for one map.</summary>
    public override string Alt(Animation animation)
    {
        var figure = animation.Figure;
        var c = figure.Channels;
        var kernel = $"{AltText.Area(figure.Geometry.Kernel)} kernel";
        var maps = $"{Plural.Of(c.In, "input map")} of {AltText.Area(animation.Input)} and {Plural.Of(c.Out, "output map")}";
        var reads = figure.IsPooling ? $"{maps}: each map is pooled on its own into its output map."
            : c.Groups == 1 ? $"{maps}: {(c.Out == 1 ? "the output map" : "each output map")} sums {(c.In == 1 ? "the input map" : $"all {c.In} input maps")}, each through its own {kernel}."
            : c.InPerGroup == 1 ? $"A depthwise convolution of {maps}: each output map reads one input map through its own {kernel}."
            : $"{maps} in {c.Groups} groups: each output map sums the {c.InPerGroup} input maps of its group, each through its own {kernel}.";
        var frames = $"each frame highlights one output cell of one output map and the {figure.Geometry.Kernel.Area} cells it {AltText.Combines(figure.Kind)} in each input map it reads";
        var numbers = animation.Channels?.Values is null ? "" : " Each cell shows its number, and under the maps the sum for the current output cell is written out.";
        return $"{reads} {AltText.Sliding(figure, frames)}{numbers}";
    }
}

/// <summary>How the feature maps lie: stacked as the guide's full picture, or spread apart in rows.</summary>
public enum MapLayout { Stacked, Spread }

/// <summary>What the channels view reads of its own keys.</summary>
public sealed record ChannelsOptions(MapLayout Layout) : ViewOptions;
