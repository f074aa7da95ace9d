using System.Globalization;
using System.Text;
using ConvAnimations.Explain;
using ConvAnimations.Layout;
using ConvAnimations.Scenes;
using ConvAnimations.Spec;

namespace ConvAnimations.Views;

/// <summary>What <c>view: connectivity</c> reads of its own key: whether a transposed figure shows its equivalent convolution.</summary>
public sealed record ConnectivityOptions(bool Equivalent) : ViewOptions
{
    /// <summary>Where the figure itself wrote <c>equivalent</c>, when it did.</summary>
    internal RawNode? EquivalentAt { get; init; }
}

/// <summary>
/// <c>view: connectivity</c>, the slides' argument that a transposed convolution matches a connectivity pattern: the
/// operation's input units in a row below, its output units above (maps flattened row-major), an edge for each
/// weight that joins them (the non-zero entries of C, of Cᵀ for a transposed figure), coloured by the kernel tap it
/// carries so weight sharing shows at a glance; each frame highlights one output unit and the edges that compute it.
/// A transposed figure shows below it its equivalent convolution: the transposed input with its inserted zeros and
/// padding as dashed units, the rotated kernel's edges from them, faint from the zeros. Its units lie under the
/// transposed input's, so without the zeros its edges are Cᵀ's, drawn twice. A fully connected layer
/// (<c>kind: fully_connected</c>) joins every input to every output, a weight an edge. A 1-D figure places each output
/// over the middle of its window; a 2-D one spreads its outputs evenly. Large figures number their units and draw
/// the pattern in light hairlines behind the frame's edges.
/// </summary>
public sealed class ConnectivityView : View
{
    public static readonly ConnectivityView Instance = new();

    /// <summary>The most units a row may have: 256 (a 1-D input of 256, or 16x16), each numbered and told apart.</summary>
    public const int MaxUnits = 256;

    /// <summary>
    /// The most edges a figure may draw: a fully connected layer of 64 by 64, a 16x16 convolution of a 3x3 kernel (2,116).
    /// Each frame draws every one, and more read as a grey mass and take seconds a frame.
    /// </summary>
    public const int MaxEdges = 4_096;

    /// <summary>Above this many edges the pattern stands back, in hairlines, behind the frame's own.</summary>
    private const int ThinnedAbove = 120;

    /// <summary>Above this many units on a row, every unit is numbered, so edges can be followed to explain --json's units.</summary>
    private const int NumberedAbove = 12;

    private const int Diagram = 0;

    /// <summary>Sizes in cells: a unit's radius (larger with a number in it), its number, its index, a weight on an edge, the tap key's step.</summary>
    private const float Radius = 0.28f, NumberRadius = 0.42f, InputNumberSize = 0.4f, OutputNumberSize = 0.32f, IndexSize = 0.28f, EdgeWeightSize = 0.32f, KeyStep = 1.8f;

    public override string Name => "connectivity";

    public override bool DrawsDense => true;

    public override IReadOnlyList<string> Keys => ["equivalent"];

    internal override bool ReadOptions(KeySource keys, out ViewOptions? options)
    {
        var (equivalent, ok) = FlagRules.Read(keys, "equivalent", true);
        // Only a figure's own key is refused on a figure it does not suit: the defaults serve every figure.
        options = new ConnectivityOptions(equivalent) { EquivalentAt = keys.Own("equivalent") };
        return ok;
    }

    internal override bool Accepts(ViewRequest request, Report report)
    {
        var (kind, g) = (request.Kind, request.Geometry);
        var options = request.Options as ConnectivityOptions;
        if (options?.EquivalentAt is { } at && !kind.IsTransposed)
        {
            report.Error(at, "equivalent: only a transposed figure has an equivalent convolution to draw below it: leave it out");
            return false;
        }
        var equivalent = kind.IsTransposed && options?.Equivalent != false;
        var output = kind.IsDense ? new Arithmetic.Size2(1, request.OutputUnits) : kind.AnimatedOutput(g);
        var rows = new List<(string What, Arithmetic.Size2 Size)> { ("input", kind.AnimatedInput(g)), ("output", output) };
        if (equivalent) rows.Add(("equivalent convolution's grid", kind.Grid(g)));
        var ok = true;
        foreach (var (what, size) in rows.Where(r => r.Size.Area > MaxUnits))
        {
            report.Error(request.At, $"view: connectivity draws at most {MaxUnits} units a row, which fits a 1-D map of up to [1, {MaxUnits}] or a 2-D one of up to 16x16: " +
                                     $"the {what} has {size.Dimensions} = {size.Area}; use a smaller input{(what.StartsWith("equivalent", StringComparison.Ordinal) ? ", or equivalent: false" : "")}");
            ok = false;
        }
        if (!ok) return false;
        long own = kind.IsDense ? (long)kind.AnimatedInput(g).Area * output.Area : ConvolutionMatrix.Of(g).Entries.Count;
        var edges = own + (equivalent ? (long)output.Area * g.Kernel.Area : 0);
        if (edges <= MaxEdges) return true;
        report.Error(request.At, $"view: connectivity draws at most {MaxEdges} edges, and this figure has {edges}: " +
                                 (kind.IsDense ? "a fully connected layer of n inputs and m outputs has n·m, so keep n·m within the limit (64 and 64 fit)"
                                  : equivalent && own <= MaxEdges ? $"use a smaller input or kernel, or equivalent: false (Cᵀ alone has {own})"
                                  : "use a smaller input or kernel"));
        return false;
    }

    public override string Describe(Animation animation)
    {
        var figure = animation.Figure;
        var c = Connectivity.Of(animation);
        var text = new StringBuilder(figure.Kind.IsDense ? DenseDescription(animation) : base.Describe(animation));
        text.Append(CultureInfo.InvariantCulture, $"connectivity: {Plural.Of(c.Inputs, "input unit")}, {Plural.Of(c.Outputs, "output unit")}, {Plural.Of(c.Edges.Count, "edge")}");
        var g = figure.Geometry;
        if (figure.Kind.IsDense)
        {
            text.AppendLine($" (every input to every output): n·m = {c.Inputs}·{c.Outputs} = {Plural.Of(c.Weights, "weight")}, one an edge");
            text.AppendLine("  a convolution's k weights are shared by all its edges (with channels, k·k·C_in/groups·C_out)");
            return text.ToString();
        }
        text.Append(figure.IsTransposed ? " (the non-zero entries of Cᵀ: C's, reversed)" : " (the non-zero entries of C)");
        text.AppendLine(figure.IsPooling ? "; no weights (pooling)" : $"; {Plural.Of(c.Weights, "weight")} shared by them, one a tap of the {g.Kernel.Dimensions} kernel (with channels, k·k·C_in/groups·C_out)");
        if (c.Equivalent is { } e)
        {
            var zeros = e.ZeroUnits.Count();
            var fromInputs = e.Edges.Count(x => !e.IsZero(x.From));
            text.AppendLine($"equivalent convolution: {e.Grid.Dimensions} = {Plural.Of(e.Units, "unit")}, {zeros} of them zeros (inserted and padding), {Plural.Of(e.Edges.Count, "edge")}; " +
                            $"the {fromInputs} from input units are Cᵀ's, the kernel turned 180 degrees");
        }
        return text.ToString();
    }

    public override string Alt(Animation animation)
    {
        var figure = animation.Figure;
        var c = Connectivity.Of(animation);
        var units = $"{Plural.Of(c.Inputs, "input unit")} in a row below and {Plural.Of(c.Outputs, "output unit")} above";
        var reads = c.Edges.CountBy(e => e.To).Select(r => r.Value).ToList();
        var (fewest, most) = (reads.DefaultIfEmpty(0).Min(), reads.DefaultIfEmpty(0).Max());
        var edges = fewest == most ? $"the {Plural.Of(most, "edge")} that compute{(most == 1 ? "s" : "")} it" : $"the edges that compute it ({fewest} to {most})";
        var frames = $"each frame highlights one output unit and {edges}.";
        if (figure.Kind.IsDense)
        {
            return $"A fully connected layer as units and edges: {units}, every input joined to every output, {Plural.Of(c.Weights, "weight")}, one an edge; {frames}";
        }
        var g = figure.Geometry;
        var operation = figure.IsTransposed ? "transposed convolution" : figure.IsPooling ? figure.Kind.Name.Replace('_', ' ') : "convolution";
        var weights = figure.IsPooling ? "no weights" : $"{Plural.Of(c.Weights, "weight")} shared by {Plural.Of(c.Edges.Count, "edge")}, each weight in a colour of its own";
        var text = $"A {operation} with {AltText.Article(AltText.Area(g.Kernel) + " kernel")} as units and edges: {units}, an edge for each entry of {(figure.IsTransposed ? "Cᵀ" : "C")}, {weights}; {frames}";
        if (c.Equivalent is not { } e || (figure.Options as ConnectivityOptions)?.Equivalent == false) return text;
        var zeros = e.ZeroUnits.Count();
        return text + $" Below, the equivalent convolution: the {AltText.Area(e.Grid)} grid of the input with {Plural.Of(zeros, "zero unit")} (padding and inserted zeros) drawn dashed, " +
               "and the turned kernel's edges from it; leaving the zero units out, its edges are the ones above.";
    }

    /// <summary>What explain says of a fully connected figure, which has no direct convolution's arithmetic.</summary>
    private static string DenseDescription(Animation animation)
    {
        var figure = animation.Figure;
        return $"{figure.Name}: {figure.Title}\n" +
               $"kind: {figure.Kind.Name} (a dense layer: every input unit joined to every output unit by a weight of its own)\n" +
               $"input {animation.Input.Cols} units, output {animation.Output.Cols} units, {Plural.Of(figure.FrameCount, "frame")} (one per output unit)\n";
    }

    /// <summary>
    /// The document with <c>connectivity</c>: units flattened row-major, edges [from, to, kr, kc] in the direction of
    /// the computation sorted by to then from (kr, kc the direct kernel's tap; none for a fully connected layer), the
    /// distinct weights; and for a transposed figure <c>equivalent</c>: its grid's units, the zeros among them, and its
    /// edges (kr, kc in the rotated kernel it slides). Each frame names its output unit and the input units it reads.
    /// </summary>
    public override string Json(Animation animation)
    {
        var figure = animation.Figure;
        var c = Connectivity.Of(animation);
        var members = new List<string>(figure.Kind.IsDense ? DenseHeader(animation) : FigureJson.Header(animation, Named))
        {
            FigureJson.Member("connectivity", $"{{\"inputs\": {c.Inputs}, \"outputs\": {c.Outputs}, \"edges\": {EdgeList(c.Edges)}, \"weights\": {c.Weights}}}"),
        };
        if (c.Equivalent is { } e)
        {
            members.Add(FigureJson.Member("equivalent", $"{{\"grid\": {e.Grid.Json}, \"units\": {e.Units}, \"zero_units\": [{string.Join(", ", e.ZeroUnits)}], \"edges\": {EdgeList(e.Edges)}}}"));
        }
        var inputsOf = c.Edges.ToLookup(x => x.To, x => x.From);
        members.AddRange(FigureJson.Frames(figure, Enumerable.Range(0, c.Outputs).Select(j => $"{{\"output\": {j}, \"inputs\": [{string.Join(", ", inputsOf[j])}]}}")));
        members.AddRange(FigureJson.Values(animation.Values));
        return FigureJson.Document(members);
    }

    private IEnumerable<string> DenseHeader(Animation animation)
    {
        yield return FigureJson.Member("name", FigureJson.Text(animation.Figure.Name));
        yield return FigureJson.Member("kind", FigureJson.Text(animation.Figure.Kind.Name));
        yield return FigureJson.Member("view", FigureJson.Text(Name));
        yield return FigureJson.Member("input", animation.Input.Json);
        yield return FigureJson.Member("output", animation.Output.Json);
    }

    /// <summary>Edges as [from, to, kr, kc] ([from, to] without a tap), ten a line.</summary>
    private static string EdgeList(IReadOnlyList<Connection> edges)
    {
        var lines = edges.Select(e => e.Tap is { } t ? $"[{e.From}, {e.To}, {t.Row}, {t.Col}]" : $"[{e.From}, {e.To}]").Chunk(10).Select(l => string.Join(", ", l)).ToList();
        return lines.Count == 0 ? "[]" : "[\n    " + string.Join(",\n    ", lines) + "\n  ]";
    }

    public override Scene Build(Animation animation) => new Drawing(animation).Scene();

    /// <summary>The units' places and everything drawn from them.</summary>
    private sealed class Drawing
    {
        private readonly Animation _animation;
        private readonly Figure _figure;
        private readonly Connectivity _c;
        private readonly EquivalentUnits? _equivalent;
        private readonly float[] _inputX, _outputX, _gridX;
        private readonly float _radius, _outY, _inY, _eqOutY, _gridY, _keyY, _width, _height;
        private readonly bool _numbered;
        private readonly EdgeTone _pattern;
        private readonly double[]? _inputs, _outputs, _grid;

        public Drawing(Animation animation)
        {
            _animation = animation;
            _figure = animation.Figure;
            _c = Connectivity.Of(animation);
            _equivalent = (_figure.Options as ConnectivityOptions)?.Equivalent == false ? null : _c.Equivalent;
            (_inputX, _outputX, _gridX) = Places();
            if (animation.Values is { } values)
            {
                (_inputs, _outputs) = (_figure.Values!.Input.Cast<double>().ToArray(), values.Output.Cast<double>().ToArray());
                _grid = values.Grid.Cast<double>().ToArray();
            }
            _radius = _inputs is null ? Radius : NumberRadius;
            _numbered = Math.Max(Math.Max(_c.Inputs, _c.Outputs), _equivalent?.Units ?? 0) > NumberedAbove;
            // The pattern stands back so the frame's edges read: hairlines among many edges, faint for a dense layer's, all of one colour.
            _pattern = _c.Edges.Count + (_equivalent?.Edges.Count ?? 0) > ThinnedAbove ? EdgeTone.Hairline : _figure.Kind.IsDense ? EdgeTone.Faint : EdgeTone.Full;

            // Rows from the top: the outputs, the inputs, then the equivalent convolution's outputs and grid, the tap key.
            var xs = _inputX.Concat(_outputX).Concat(_equivalent is null ? [] : _gridX).ToList();
            var (left, right) = (xs.Min(), xs.Max());
            // A 1-D convolution's edges are short, a 2-D one's and a dense layer's cross the row: its rows further apart.
            var gap = IsOneRow(animation) && !_figure.Kind.IsDense ? 2.6f : Math.Clamp((right - left) / 3.5f, 2.6f, 12f);
            var index = _numbered ? 0.5f : 0;
            _outY = 0.3f + _radius + index;
            _inY = _outY + gap;
            _eqOutY = _inY + 2 * _radius + 1.2f + 2 * index;
            _gridY = _eqOutY + gap;
            var bottom = (_equivalent is null ? _inY : _gridY) + _radius + index;
            var taps = Weighted ? _animation.Kernel : new Arithmetic.Size2(0, 0);
            _keyY = bottom + 0.9f;
            _height = taps.Rows > 0 ? _keyY + (taps.Rows - 1) * 0.75f + 0.4f : bottom + 0.3f;
            // Every place moved right of the plane's left edge.
            var shift = 0.3f + _radius - left;
            foreach (var row in new[] { _inputX, _outputX, _gridX })
            {
                for (var i = 0; i < row.Length; i++) row[i] += shift;
            }
            _width = Math.Max(right + shift + 0.3f + _radius, taps.Cols * KeyStep + 0.6f);
        }

        /// <summary>Whether the edges carry a kernel's weights (not pooling's, not a dense layer's own ones).</summary>
        private bool Weighted => !_figure.IsPooling && !_figure.Kind.IsDense;

        private static bool IsOneRow(Animation animation) =>
            animation.Input.Rows == 1 && animation.Output.Rows == 1 && (!animation.Figure.IsTransposed || animation.GridSize.Rows == 1);

        /// <summary>
        /// Where each unit lies across, in cells. 1-D: inputs a cell apart, each output over the middle of its window
        /// (for a transposed figure, on the equivalent convolution's grid, the transposed input's units on theirs).
        /// 2-D: the outputs spread evenly, centred over the inputs.
        /// </summary>
        private (float[] Input, float[] Output, float[] Grid) Places()
        {
            var g = _figure.Geometry;
            var oneRow = IsOneRow(_animation) && !_figure.Kind.IsDense;
            float Spread(int count, int over, int j) => (over - count) / 2f + j;
            var half = g.Cols.Dilation * (g.Cols.Kernel - 1) / 2f;
            if (_c.Equivalent is { } e)
            {
                var input = new float[_c.Inputs];
                for (var u = 0; u < e.Units; u++)
                {
                    if (!e.IsZero(u)) input[e.InputUnit[u]] = u;
                }
                var output = Enumerable.Range(0, _c.Outputs).Select(j => oneRow ? j + half : Spread(_c.Outputs, e.Units, j)).ToArray();
                return (input, output, Enumerable.Range(0, e.Units).Select(u => (float)u).ToArray());
            }
            var inputs = Enumerable.Range(0, _c.Inputs).Select(u => (float)u).ToArray();
            var outputs = Enumerable.Range(0, _c.Outputs)
                .Select(j => oneRow ? j * g.Cols.Stride - g.Cols.Padding + half : Spread(_c.Outputs, _c.Inputs, j)).ToArray();
            return (inputs, outputs, []);
        }

        public Scene Scene()
        {
            var size = new Arithmetic.Size2((int)MathF.Ceiling(_height), (int)MathF.Ceiling(_width));
            var plane = new Plane(new CellKind[size.Rows, size.Cols], default, GridLine.None, Coloured: false, PlaneLabels());
            var frames = new OnDemand<SceneFrame>(_c.Outputs, j => new SceneFrame(Marks(j)));
            return new Scene(FigureStyle.Flat, [plane], frames, _figure.Scale, _figure.Look.Theme, Annotate());
        }

        /// <summary>What stays on every frame: the units' indices (many units), the rows' names (labels), the tap key's words.</summary>
        private List<Label> PlaneLabels()
        {
            var labels = new List<Label>();
            if (_numbered)
            {
                labels.AddRange(Indices(_outputX, _outY - _radius - 0.3f));
                labels.AddRange(Indices(_inputX, _inY + _radius + 0.3f));
                if (_equivalent is not null)
                {
                    labels.AddRange(Indices(_outputX, _eqOutY - _radius - 0.3f));
                    labels.AddRange(Indices(_gridX, _gridY + _radius + 0.3f));
                }
            }
            if (_figure.Look.Labels != Labels.None)
            {
                var sizes = _figure.Look.Labels >= Labels.Sizes;
                string Named(string what, Arithmetic.Size2 map) => sizes ? $"{what} {(map.Rows == 1 ? map.Cols.ToString(CultureInfo.InvariantCulture) : map.Dimensions)}" : what;
                labels.Add(RowName(Named("output", _animation.Output), _outY));
                labels.Add(RowName(Named("input", _animation.Input), _inY));
                if (_equivalent is not null)
                {
                    labels.Add(RowName(Named("output", _animation.Output), _eqOutY));
                    labels.Add(RowName(Named("zeros inserted, padded", _equivalent.Grid), _gridY));
                }
            }
            if (Weighted) labels.AddRange(KeyWords());
            return labels;
        }

        private static IEnumerable<Label> Indices(float[] xs, float y) =>
            xs.Select((x, i) => new Label(Diagram, x, y, i.ToString(CultureInfo.InvariantCulture), IndexSize, TextAlign.Center, Surface.Background));

        private Label RowName(string text, float y) => new(Diagram, -0.3f, y, text, MapParts.OutputSize, TextAlign.Right, Surface.Background);

        /// <summary>Where the key of tap (a, b) lies: a kernel-shaped block of swatches, centred under the units.</summary>
        private (float X, float Y) KeyPlace(int a, int b) =>
            (_width / 2 - _animation.Kernel.Cols * KeyStep / 2 + b * KeyStep + 0.2f, _keyY + a * 0.75f);

        /// <summary>Each tap's name beside its swatch: w with its index, or its weight in a numerical figure.</summary>
        private IEnumerable<Label> KeyWords()
        {
            var kernel = _animation.Kernel;
            var weights = _figure.Values?.Kernel;
            for (var a = 0; a < kernel.Rows; a++)
            {
                for (var b = 0; b < kernel.Cols; b++)
                {
                    var (x, y) = KeyPlace(a, b);
                    if (weights is not null)
                    {
                        yield return new Label(Diagram, x + 0.75f, y, MapParts.FormatInput(weights[a, b]), MapParts.WeightSize, TextAlign.Left, Surface.Background);
                        continue;
                    }
                    yield return new Label(Diagram, x + 0.75f, y - 0.05f, "w", MapParts.WeightSize, TextAlign.Left, Surface.Background);
                    yield return new Label(Diagram, x + 1.02f, y + 0.15f, kernel.Rows == 1 ? $"{b}" : $"{a},{b}", IndexSize, TextAlign.Left, Surface.Background);
                }
            }
        }

        /// <summary>The colour of a direct tap (a, b): its index row-major in the direct kernel; none without weights.</summary>
        private int? TapOf(Cell? tap) => Weighted && tap is { } t ? t.Row * _animation.Kernel.Cols + t.Col : null;

        /// <summary>The direct tap of a tap of the rotated kernel the equivalent convolution slides.</summary>
        private Cell? Rotated(Cell? tap) => tap is { } t ? new Cell(_animation.Kernel.Rows - 1 - t.Row, _animation.Kernel.Cols - 1 - t.Col) : null;

        /// <summary>Frame j: the pattern, then output j's edges over it, the units over their ends, then the numbers.</summary>
        private List<Mark> Marks(int j)
        {
            var marks = new List<Mark>();
            var read = _c.Edges.Where(e => e.To == j).Select(e => e.From).ToHashSet();
            AddEdges(marks, _c.Edges, _inputX, _inY, _outY, j, e => TapOf(e.Tap), _ => false);
            if (_equivalent is { } e)
            {
                AddEdges(marks, e.Edges, _gridX, _gridY, _eqOutY, j, x => TapOf(Rotated(x.Tap)), x => e.IsZero(x.From));
            }
            var labels = new List<Label>();
            for (var u = 0; u < _c.Inputs; u++)
            {
                marks.Add(new Unit(Diagram, _inputX[u], _inY, _radius, Shade.Input, false, read.Contains(u)));
                if (_inputs is not null) labels.Add(Number(_inputX[u], _inY, MapParts.FormatInput(_inputs[u]), InputNumberSize, new Surface(Shade.Input, read.Contains(u))));
            }
            AddOutputs(marks, labels, _outY, j);
            labels.AddRange(WeightsOn(_c.Edges.Where(e => e.To == j), _inputX, _inY, _outY, e => e.Tap));
            if (_equivalent is { } eq)
            {
                labels.AddRange(WeightsOn(eq.Edges.Where(e => e.To == j && !eq.IsZero(e.From)), _gridX, _gridY, _eqOutY, e => Rotated(e.Tap)));
                var window = eq.Edges.Where(x => x.To == j).Select(x => x.From).ToHashSet();
                for (var u = 0; u < eq.Units; u++)
                {
                    var zero = eq.IsZero(u);
                    // Inserted zeros in their own fill, padding blank: as the grids tell them apart.
                    Shade? fill = !zero ? Shade.Input : _animation.Grid[u / eq.Grid.Cols, u % eq.Grid.Cols] == CellKind.InsertedZero ? Shade.InsertedZero : null;
                    marks.Add(new Unit(Diagram, _gridX[u], _gridY, _radius, fill, zero, window.Contains(u)));
                    if (_grid is not null) labels.Add(Number(_gridX[u], _gridY, MapParts.FormatInput(_grid[u]), InputNumberSize, new Surface(fill, window.Contains(u))));
                }
                AddOutputs(marks, labels, _eqOutY, j);
            }
            if (Weighted)
            {
                var kernel = _animation.Kernel;
                for (var a = 0; a < kernel.Rows; a++)
                {
                    for (var b = 0; b < kernel.Cols; b++)
                    {
                        var (x, y) = KeyPlace(a, b);
                        marks.Add(new Edge(Diagram, x, y, x + 0.6f, y, a * kernel.Cols + b, Weight.Thick, EdgeTone.Full));
                    }
                }
            }
            marks.AddRange(labels);
            return marks;
        }

        /// <summary>The edges of one diagram: the pattern thin, in its tone, then those into output j thick; faint from zero units.</summary>
        private void AddEdges(List<Mark> marks, IReadOnlyList<Connection> edges, float[] fromX, float fromY, float toY, int j, Func<Connection, int?> tap, Func<Connection, bool> zero)
        {
            foreach (var e in edges.Where(e => e.To != j))
            {
                var tone = zero(e) && _pattern == EdgeTone.Full ? EdgeTone.Faint : _pattern;
                marks.Add(new Edge(Diagram, fromX[e.From], fromY, _outputX[e.To], toY, tap(e), Weight.Thin, tone));
            }
            foreach (var e in edges.Where(e => e.To == j))
            {
                marks.Add(new Edge(Diagram, fromX[e.From], fromY, _outputX[e.To], toY, tap(e), Weight.Thick, zero(e) ? EdgeTone.Faint : EdgeTone.Full));
            }
        }

        /// <summary>
        /// A numerical figure's weights on the frame's edges: each just past its input unit, beside the edge (an input
        /// unit sends one edge to an output), so the same tap shows its colour and its value.
        /// </summary>
        private IEnumerable<Label> WeightsOn(IEnumerable<Connection> edges, float[] fromX, float fromY, float toY, Func<Connection, Cell?> tap)
        {
            if (_figure.Values?.Kernel is not { } kernel) yield break;
            foreach (var e in edges)
            {
                if (tap(e) is not { } t) continue;
                var (dx, dy) = (_outputX[e.To] - fromX[e.From], toY - fromY);
                var length = MathF.Sqrt(dx * dx + dy * dy);
                var along = (_radius + 0.3f) / length;
                // Beside the line rather than on it: a little to its left as it rises.
                var (x, y) = (fromX[e.From] + dx * along - dy / length * 0.16f, fromY + dy * along + dx / length * 0.16f);
                yield return new Label(Diagram, x, y, MapParts.FormatInput(kernel[t.Row, t.Col]), EdgeWeightSize, TextAlign.Center, Surface.Background);
            }
        }

        /// <summary>The output units of a diagram, unit j highlighted; with numbers, those computed so far (or all).</summary>
        private void AddOutputs(List<Mark> marks, List<Label> labels, float y, int j)
        {
            var progressive = _figure.Look.Reveal == Reveal.Progressive;
            for (var u = 0; u < _c.Outputs; u++)
            {
                marks.Add(new Unit(Diagram, _outputX[u], y, _radius, Shade.Output, false, u == j));
                if (_outputs is not null && (!progressive || u <= j))
                {
                    labels.Add(Number(_outputX[u], y, _figure.Look.Format(_outputs[u]), OutputNumberSize, new Surface(Shade.Output, u == j)));
                }
            }
        }

        private static Label Number(float x, float y, string text, float size, Surface on) => new(Diagram, x, y, text, size, TextAlign.Center, on);

        /// <summary>The weights counted under the picture (what the slides compare), the parameters with full labels, and the legend.</summary>
        private Annotations Annotate()
        {
            var captions = new List<Caption> { new(WeightsCaption(), Band.Below, Diagram) };
            if (_figure.Look.Labels == Labels.Full && !_figure.Kind.IsDense) captions.Add(new Caption(MapParts.Parameters(_figure), Band.Below, null));
            var legend = new List<LegendEntry>();
            if (_figure.Look.Legend)
            {
                legend.Add(new LegendEntry("input", Shade.Input, false));
                legend.Add(new LegendEntry("output", Shade.Output, false));
                if (_equivalent is not null) legend.Add(new LegendEntry("zero units", null, true));
            }
            return new Annotations(captions, legend);
        }

        private string WeightsCaption()
        {
            if (_figure.Kind.IsDense) return $"{_c.Inputs}·{_c.Outputs} = {Plural.Of(_c.Weights, "weight")}, one an edge";
            if (_figure.IsPooling) return $"no weights: {_figure.Kind.Name.Replace('_', ' ')}";
            return $"{Plural.Of(_c.Weights, "weight")}, shared by {Plural.Of(_c.Edges.Count, "edge")}";
        }
    }
}
