using System.Globalization;
using System.Text;
using ConvAnimations.Layout;
using ConvAnimations.Rendering;
using ConvAnimations.Scenes;
using SkiaSharp;

namespace ConvAnimations.Writers;

/// <summary>
/// A scene drawn once as SVG for the writers that keep its frames apart (the player, the animated SVG): what every
/// frame shares is drawn once, in the renderer's order (the background, each plane, then the captions and legend),
/// and each frame's marks on a plane are a group of their own placed right after that plane, as the renderer draws
/// them. A group that shows on some frames only has the classes <c>v vK</c>, <c>K</c> the index of its frames in
/// <see cref="Spans"/> (frame <c>n</c>'s marks: <c>vn</c>), and <c>on</c> when it shows on the first frame. Shapes are
/// in the renderer's pixels (its projection and theme), so a frame looks as its PNG; text is each distinct string's
/// outline defined once and placed where it is written. Paints are classes whose rules (<see cref="Css"/>) are scoped
/// to the element of id <see cref="Id"/>, so the markup can sit in another page.
/// </summary>
internal sealed partial class SceneSvg
{
    /// <summary>Drawings whose key is shorter than this are drawn each time: a use of one would save nothing.</summary>
    private const int MinStamp = 40;

    /// <summary>The font size text outlines are defined at: coordinates of a few digits.</summary>
    private const float DefinedSize = 100;

    private readonly Scene _scene;
    private readonly Projection _projection;
    private readonly Theme _theme;
    private readonly SKFont _font = Fonts.SerifFont();
    private readonly StringBuilder _defs = new();
    private readonly Dictionary<string, string> _texts = [];
    private readonly Dictionary<ushort, string?> _glyphs = [];
    private readonly Dictionary<(SKColor Colour, float Width, bool Dashed), string> _paints = [];
    private readonly StringBuilder _rules = new();
    private readonly List<FrameSpan> _spans;
    private readonly Dictionary<FrameSpan, int> _spanIndex = [];
    private readonly Dictionary<string, Stamped> _stamps = [];
    private readonly List<Stamped> _stampsInOrder = [];

    private SceneSvg(Drawing drawing, string id)
    {
        _scene = drawing.Figure.Scene;
        _projection = drawing.Renderer.Projection;
        _theme = drawing.Renderer.Theme;
        Id = id;
        _spans = Enumerable.Range(0, _scene.Frames.Count).Select(n => new FrameSpan(n, 1)).ToList();
        (Width, Height) = (_projection.Size.Width, _projection.Size.Height);
    }

    /// <summary>The id of the element the paints' rules and the text's definitions belong to.</summary>
    public string Id { get; }

    public int Width { get; }

    public int Height { get; }

    /// <summary>The definitions and the drawing, to go inside an <c>&lt;svg&gt;</c> element of id <see cref="Id"/>.</summary>
    public string Markup { get; private set; } = "";

    /// <summary>The paints' rules, each selector within <c>#Id</c>.</summary>
    public string Css => _rules.ToString();

    /// <summary>The frames each class <c>vK</c> shows on: one frame for K below the frame count, then the planes' spans.</summary>
    public IReadOnlyList<FrameSpan> Spans => _spans;

    public int FrameCount => _scene.Frames.Count;

    /// <summary>
    /// A short id for a figure's markup, the same for the same figure (its name and title): the prefix of its
    /// definitions and the scope of its rules, which must not meet another figure's on one page.
    /// </summary>
    public static string IdOf(Spec.Figure figure)
    {
        // "c" and five letters or digits: 60 million ids, since every use of a text writes it.
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{figure.Name}\n{figure.Title}"));
        return "c" + string.Concat(hash.Take(5).Select(b => "0123456789abcdefghijklmnopqrstuvwxyz"[b % 36]));
    }

    public static SceneSvg Draw(Drawing drawing, string id)
    {
        var svg = new SceneSvg(drawing, id);
        using (svg._font) svg.Markup = svg.Build();
        return svg;
    }

    private string Build()
    {
        var planes = _scene.Planes;
        var outlines = planes.Select((p, i) => _projection.Outline(i, p.Size)).ToArray();
        try
        {
            using var paints = new Paints();
            using var glyphs = new Glyphs(_projection);
            var marks = new SvgMarks(this, new MarkSteps(_projection, outlines, _theme, paints, glyphs));
            // Each frame's marks, plane by plane, in the order they are drawn.
            var frames = planes.Select(_ => new StringBuilder()).ToArray();
            for (var n = 0; n < _scene.Frames.Count; n++)
            {
                // The renderer draws a plane's marks right after the plane, in the order listed.
                foreach (var group in _scene.Frames[n].Marks.GroupBy(m => m.Plane))
                {
                    if (!planes[group.Key].VisibleOn(n)) continue;
                    var inner = new StringBuilder();
                    // Labels of one size in a row share a group; any other mark is a run of its own.
                    foreach (var run in Runs(group, m => m is Label label ? label.Size : new object()))
                    {
                        if (run[0] is Label) inner.Append(Texts(run.Cast<Label>().ToList()));
                        else inner.Append(run[0].Accept(marks));
                    }
                    if (inner.Length > 0) frames[group.Key].Append(Shown(new FrameSpan(n, 1), inner.ToString()));
                }
            }

            var body = new StringBuilder();
            body.Append($"<rect width=\"{Width}\" height=\"{Height}\" class=\"{Fill(_theme.Background)}\"/>");
            for (var i = 0; i < planes.Count; i++)
            {
                var plane = PlaneMarkup(i, outlines[i]);
                body.Append(planes[i].Visible is { } span ? Shown(span, plane) : plane);
                body.Append(frames[i]);
            }
            body.Append(Annotations());
            return (_defs.Length > 0 ? $"<defs>{_defs}</defs>" : "") + Identify(body.ToString());
        }
        finally
        {
            foreach (var outline in outlines) outline.Dispose();
        }
    }

    /// <summary>Consecutive items with equal keys, in order.</summary>
    private static IEnumerable<List<T>> Runs<T>(IEnumerable<T> items, Func<T, object> key)
    {
        var run = new List<T>();
        object? current = null;
        foreach (var item in items)
        {
            var k = key(item);
            if (run.Count > 0 && !Equals(k, current))
            {
                yield return run;
                run = [];
            }
            current = k;
            run.Add(item);
        }
        if (run.Count > 0) yield return run;
    }

    /// <summary>Markup shown on some frames only: <c>class="v vK"</c>, and <c>on</c> when the first frame shows it.</summary>
    private string Shown(FrameSpan span, string markup)
    {
        if (!_spanIndex.TryGetValue(span, out var index))
        {
            index = span.Count == 1 && span.First < FrameCount ? span.First : _spans.Count;
            if (index == _spans.Count) _spans.Add(span);
            _spanIndex[span] = index;
        }
        return $"<g class=\"v v{index}{(span.Contains(0) ? " on" : "")}\">{markup}</g>";
    }

    // ---- The planes, as the renderer draws them (SceneRenderer.PlaneSteps) ----

    private string PlaneMarkup(int index, SKPath outline)
    {
        var plane = _scene.Planes[index];
        var matrix = _projection.Planes[index];
        var markup = new StringBuilder();
        if (!plane.Coloured || plane.Opaque) markup.Append(Shape(new SvgPath().Polygon(outline.Points), Fill(_theme.Background)));
        var coloured = new List<(Cell Cell, CellKind Kind)>();
        if (plane.Coloured)
        {
            for (var r = 0; r < plane.Size.Rows; r++)
                for (var c = 0; c < plane.Size.Cols; c++)
                    if (plane.Cells[r, c] is CellKind.Input or CellKind.Output) coloured.Add((new Cell(r, c), plane.Cells[r, c]));
        }
        // Inserted zeros are filled under the dashed grid: blank cells still, apart from padding.
        if (plane.Coloured)
        {
            var zeros = Enumerable.Range(0, plane.Size.Rows).SelectMany(r => Enumerable.Range(0, plane.Size.Cols).Select(c => new Cell(r, c)))
                .Where(c => plane.Cells[c.Row, c.Col] == CellKind.InsertedZero);
            markup.Append(Shape(Cells(matrix, zeros), Fill(_theme.InsertedZeros)));
        }
        var grid = Grid(matrix, new Cell(0, 0), plane.Size);
        if (plane.Grid == GridLine.Dashed) markup.Append(Shape(grid, Stroke(_theme.Lines, _theme.ThickLine, dashed: true)));
        if (plane.Grid == GridLine.Faint) markup.Append(Shape(grid, Stroke(_theme.Faint, _theme.ThinLine)));
        foreach (var group in coloured.GroupBy(c => c.Kind))
        {
            markup.Append(Shape(Cells(matrix, group.Select(c => c.Cell)), Fill(_theme.ColourOf(group.Key == CellKind.Input ? plane.InputShade : Scenes.Shade.Output))));
        }
        if (plane.Grid == GridLine.Solid) markup.Append(Shape(grid, Stroke(_theme.Lines, _theme.ThickLine)));
        else if (plane.Grid != GridLine.None) markup.Append(Shape(Edges(matrix, coloured.Select(c => c.Cell)), Stroke(_theme.Lines, _theme.ThickLine)));
        foreach (var run in Runs(plane.Labels, l => l.Size)) markup.Append(Texts(run));
        return markup.ToString();
    }

    /// <summary>Captions and the legend (SceneRenderer.AnnotationSteps): upright text, swatches drawn like their cells.</summary>
    private string Annotations()
    {
        var markup = new StringBuilder();
        var ink = Fill(_theme.InkOn(Surface.Background));
        foreach (var text in _projection.Captions.Concat(_projection.Legend.Select(k => k.Text)))
        {
            var placed = Text(SKMatrix.Identity, text.Text, _theme.TextSize, text.Origin.X, text.Origin.Y, ink);
            markup.Append(text.Plane is { } p && _scene.Planes[p].Visible is { } span ? Shown(span, placed) : placed);
        }
        foreach (var key in _projection.Legend)
        {
            var r = key.Swatch;
            var box = new SvgPath().Polygon(new(r.Left, r.Top), new(r.Right, r.Top), new(r.Right, r.Bottom), new(r.Left, r.Bottom));
            if (key.Entry.Fill == Scenes.Shade.Highlight) markup.Append(Shape(box, Fill(_theme.Background)));
            markup.Append(Shape(box, Fill(key.Entry.Fill is { } fill ? _theme.ColourOf(fill) : _theme.Background)));
            if (!key.Entry.Dashed)
            {
                markup.Append(Shape(box, Stroke(_theme.Lines, _theme.ThickLine)));
                continue;
            }
            var sides = new SvgPath().Line(new(r.Left, r.Top), new(r.Right, r.Top)).Line(new(r.Right, r.Top), new(r.Right, r.Bottom))
                .Line(new(r.Right, r.Bottom), new(r.Left, r.Bottom)).Line(new(r.Left, r.Bottom), new(r.Left, r.Top));
            markup.Append(Shape(sides, Stroke(_theme.Lines, _theme.ThickLine, dashed: true, dash: 0.5f)));
        }
        return markup.ToString();
    }

    // ---- Shapes ----

    /// <summary>A path in a paint: drawn, or the same path drawn before placed again.</summary>
    private string Shape(SvgPath path, string paint) =>
        path.IsEmpty ? "" : Stamp($"{paint}|{path.Tail}", path.Start, paint, slot => $"<path{slot} class=\"{paint}\" d=\"{path}\"/>");

    /// <summary>
    /// A drawing that may repeat elsewhere (a kernel's window, its weights, an output cell on each frame): the first
    /// time it is drawn, and marked; after that, a <c>&lt;use&gt;</c> of the first moved by the distance between their
    /// anchors. The marks become ids where the drawing was used again (<see cref="Identify"/>). Short drawings are
    /// always drawn: a use would be as long. The use carries the drawing's paint, which its copy inherits: a browser
    /// matches no scoped rule (<c>#id .paint</c>) in a use's copy, so a drawing placed again is all of one paint.
    /// </summary>
    private string Stamp(string key, SKPoint anchor, string paint, Func<string, string> original)
    {
        if (key.Length < MinStamp) return original("");
        if (!_stamps.TryGetValue(key, out var stamp))
        {
            _stamps[key] = new Stamped(_stampsInOrder.Count, anchor);
            _stampsInOrder.Add(_stamps[key]);
            return original($"\u0001{_stampsInOrder.Count - 1}\u0002");
        }
        stamp.Used = true;
        var (dx, dy) = (SvgPath.Number(anchor.X - stamp.Anchor.X), SvgPath.Number(anchor.Y - stamp.Anchor.Y));
        return $"<use href=\"#{Id}s{stamp.Index}\"{(dx == "0" ? "" : $" x=\"{dx}\"")}{(dy == "0" ? "" : $" y=\"{dy}\"")} class=\"{paint}\"/>";
    }

    /// <summary>The mark of each stamp drawn first: its id if it was used again, else nothing.</summary>
    private string Identify(string markup) => StampSlot().Replace(markup, m =>
    {
        var index = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        return _stampsInOrder[index].Used ? $" id=\"{Id}s{index}\"" : "";
    });

    [System.Text.RegularExpressions.GeneratedRegex("\u0001([0-9]+)\u0002")]
    private static partial System.Text.RegularExpressions.Regex StampSlot();

    private sealed class Stamped(int index, SKPoint anchor)
    {
        public int Index => index;
        public SKPoint Anchor => anchor;
        public bool Used { get; set; }
    }

    /// <summary>Cells filled as few rectangles: each row's runs of cells, merged with the same runs of the row above.</summary>
    public static SvgPath Cells(SKMatrix plane, IEnumerable<Cell> cells)
    {
        var rectangles = new List<(int Top, int Bottom, int Left, int Right)>();
        var open = new Dictionary<(int From, int To), int>();
        foreach (var row in cells.Distinct().GroupBy(c => c.Row).OrderBy(g => g.Key))
        {
            var next = new Dictionary<(int From, int To), int>();
            foreach (var run in Ranges(row.Select(c => c.Col).Order()))
            {
                // A run of the row just above grows down (a row between them with no cells closes it).
                if (open.TryGetValue(run, out var at) && rectangles[at].Bottom == row.Key)
                {
                    rectangles[at] = rectangles[at] with { Bottom = row.Key + 1 };
                    next[run] = at;
                    continue;
                }
                next[run] = rectangles.Count;
                rectangles.Add((row.Key, row.Key + 1, run.From, run.To));
            }
            open = next;
        }
        var path = new SvgPath();
        foreach (var (top, bottom, left, right) in rectangles)
        {
            path.Polygon(plane.MapPoint(left, top), plane.MapPoint(right, top), plane.MapPoint(right, bottom), plane.MapPoint(left, bottom));
        }
        return path;
    }

    /// <summary>Sorted whole numbers as runs of consecutive ones, [From, To).</summary>
    private static IEnumerable<(int From, int To)> Ranges(IEnumerable<int> sorted)
    {
        (int From, int To)? current = null;
        foreach (var n in sorted)
        {
            if (current is { } c && c.To == n)
            {
                current = c with { To = n + 1 };
                continue;
            }
            if (current is { } done) yield return done;
            current = (n, n + 1);
        }
        if (current is { } last) yield return last;
    }

    /// <summary>Every line of a block of cells, each from end to end (so dashes run on, as Paths.FullGrid).</summary>
    public static SvgPath Grid(SKMatrix plane, Cell topLeft, Arithmetic.Size2 size)
    {
        var (top, left) = topLeft;
        var path = new SvgPath();
        for (var r = 0; r <= size.Rows; r++) path.Line(plane.MapPoint(left, top + r), plane.MapPoint(left + size.Cols, top + r));
        for (var c = 0; c <= size.Cols; c++) path.Line(plane.MapPoint(left + c, top), plane.MapPoint(left + c, top + size.Rows));
        return path;
    }

    /// <summary>The borders of a set of cells, each shared edge once, collinear edges joined into one line.</summary>
    public static SvgPath Edges(SKMatrix plane, IEnumerable<Cell> cells)
    {
        var horizontal = new SortedSet<(int Row, int Col)>();
        var vertical = new SortedSet<(int Col, int Row)>();
        foreach (var (row, col) in cells)
        {
            horizontal.Add((row, col));
            horizontal.Add((row + 1, col));
            vertical.Add((col, row));
            vertical.Add((col + 1, row));
        }
        var path = new SvgPath();
        foreach (var line in horizontal.GroupBy(e => e.Row))
        {
            foreach (var (from, to) in Ranges(line.Select(e => e.Col))) path.Line(plane.MapPoint(from, line.Key), plane.MapPoint(to, line.Key));
        }
        foreach (var line in vertical.GroupBy(e => e.Col))
        {
            foreach (var (from, to) in Ranges(line.Select(e => e.Row))) path.Line(plane.MapPoint(line.Key, from), plane.MapPoint(line.Key, to));
        }
        return path;
    }

    // ---- Text: each string's outline defined once, placed by <use> ----

    /// <summary>
    /// Labels of one plane and size, in one group drawn in the plane at that size, in the ink most of them take; the
    /// same labels in the same places relative to each other (a kernel's weights) are placed again as one.
    /// </summary>
    private string Texts(IReadOnlyList<Label> labels)
    {
        var size = labels[0].Size;
        var scale = size / DefinedSize;
        var plane = _projection.Planes[labels[0].Plane].PreConcat(SKMatrix.CreateScale(scale, scale));
        var inks = labels.Select(l => Fill(_theme.InkOn(l.On))).ToList();
        var ink = inks.GroupBy(i => i).OrderByDescending(g => g.Count()).First().Key;
        var placed = labels.Select((label, i) =>
        {
            _font.Size = label.Size;
            var width = _font.MeasureText(label.Text);
            var left = label.Align switch { TextAlign.Left => label.Col, TextAlign.Center => label.Col - width / 2, _ => label.Col - width };
            // As Glyphs.Path: the digits' middle on the label's row. In hundredths of the size (a twentieth of a pixel
            // at the guide's 14 px numbers).
            var baseline = label.Row + label.Size * 0.35f;
            return (Id: TextId(label.Text), X: left / scale, Y: baseline / scale, Paint: inks[i] == ink ? null : inks[i]);
        }).ToList();
        // Rounded from the first label, so the same labels anywhere are the same relative to each other.
        var (x0, y0) = (Math.Round(placed[0].X), Math.Round(placed[0].Y));
        placed = placed.Select(p => p with { X = (float)(x0 + Math.Round(p.X - placed[0].X)), Y = (float)(y0 + Math.Round(p.Y - placed[0].Y)) }).ToList();
        // Labels of another ink than the group's would take the group's in a copy: such a group is never placed again.
        var key = placed.Any(p => p.Paint is not null) ? "" : $"{Matrix(plane with { TransX = 0, TransY = 0 })}{ink}|{string.Join(';', placed.Select(p => $"{p.Id} {p.X - x0} {p.Y - y0}"))}";
        return Stamp(key, plane.MapPoint((float)x0, (float)y0), ink, slot =>
            $"<g{slot} transform=\"{Matrix(plane)}\" class=\"{ink}\">{string.Concat(placed.Select(p => Use(p.Id, (long)p.X, (long)p.Y, p.Paint)))}</g>");
    }

    /// <summary>One text at <paramref name="size"/> with its baseline's left end at (x, y) of <paramref name="space"/>.</summary>
    private string Text(SKMatrix space, string text, float size, float x, float y, string paint)
    {
        var scale = size / DefinedSize;
        return $"<g transform=\"{Matrix(space.PreConcat(SKMatrix.CreateScale(scale, scale)))}\" class=\"{paint}\">{Use(TextId(text), (long)Math.Round(x / scale), (long)Math.Round(y / scale), null)}</g>";
    }

    private static string Use(string id, long x, long y, string? paint) =>
        $"<use href=\"#{id}\" x=\"{x}\" y=\"{y}\"{(paint is null ? "" : $" class=\"{paint}\"")}/>";

    /// <summary>
    /// The definition of a string at <see cref="DefinedSize"/>, its baseline's left end at the origin: its glyphs
    /// placed at their advances (as Skia lays out simple text), each glyph's outline defined once.
    /// </summary>
    private string TextId(string text)
    {
        if (_texts.TryGetValue(text, out var id)) return id;
        _font.Size = DefinedSize;
        var glyphs = _font.GetGlyphs(text);
        var positions = _font.GetGlyphPositions(glyphs);
        var placed = glyphs.Select((g, i) => (Id: GlyphId(g), X: positions[i].X)).Where(g => g.Id is not null).ToList();
        if (placed is [{ X: 0 } single])
        {
            id = single.Id!;
        }
        else
        {
            id = $"{Id}t{_texts.Count}";
            _defs.Append($"<g id=\"{id}\">{string.Concat(placed.Select(g => $"<use href=\"#{g.Id}\"{(g.X == 0 ? "" : $" x=\"{SvgPath.Number(g.X)}\"")}/>"))}</g>");
        }
        _texts[text] = id;
        return id;
    }

    /// <summary>A glyph's outline, defined once; null for a glyph with none (a space).</summary>
    private string? GlyphId(ushort glyph)
    {
        if (_glyphs.TryGetValue(glyph, out var id)) return id;
        using var outline = _font.GetGlyphPath(glyph);
        id = outline is null || outline.IsEmpty ? null : $"{Id}g{_glyphs.Count}";
        if (id is not null) _defs.Append($"<path id=\"{id}\" d=\"{SvgPath.Of(outline!)}\"/>");
        _glyphs[glyph] = id;
        return id;
    }

    private static string Matrix(SKMatrix m) =>
        $"matrix({SvgPath.Number(m.ScaleX, 5)} {SvgPath.Number(m.SkewY, 5)} {SvgPath.Number(m.SkewX, 5)} {SvgPath.Number(m.ScaleY, 5)} {SvgPath.Number(m.TransX, 2)} {SvgPath.Number(m.TransY, 2)})";

    // ---- Paints: a class each ----

    public string Fill(SKColor colour) => Paint(colour, 0, false);

    public string Stroke(SKColor colour, float width, bool dashed = false, float dash = 1) => Paint(colour, width, dashed, dash);

    private string Paint(SKColor colour, float width, bool dashed, float dash = 1)
    {
        if (_paints.TryGetValue((colour, width * dash, dashed), out var name)) return name;
        name = ClassName(_paints.Count);
        _paints[(colour, width * dash, dashed)] = name;
        var rgb = $"#{colour.Red:x2}{colour.Green:x2}{colour.Blue:x2}";
        var alpha = colour.Alpha < 255 ? SvgPath.Number(colour.Alpha / 255.0, 3) : null;
        _rules.Append($"#{Id} .{name}{{");
        if (width == 0) _rules.Append($"fill:{rgb}").Append(alpha is null ? "" : $";fill-opacity:{alpha}");
        else
        {
            _rules.Append($"fill:none;stroke:{rgb};stroke-width:{SvgPath.Number(width, 2)}").Append(alpha is null ? "" : $";stroke-opacity:{alpha}");
            if (dashed) _rules.Append($";stroke-dasharray:{string.Join(' ', _theme.Dash.Select(d => SvgPath.Number(d * dash, 2)))}");
        }
        _rules.Append('}');
        return name;
    }

    /// <summary>a, b, ..., z, ba, bb, ...: never a class the player's own rules use (they are longer words).</summary>
    private static string ClassName(int n)
    {
        var name = "";
        do
        {
            name = (char)('a' + n % 26) + name;
            n /= 26;
        }
        while (n > 0);
        return "p" + name;
    }

    /// <summary>Each mark as SVG: cells, borders and grids in their shortest form; the rest as the renderer's own paths.</summary>
    private sealed class SvgMarks(SceneSvg svg, MarkSteps steps) : IMarkVisitor<string>
    {
        private SKMatrix Plane(Mark mark) => svg._projection.Planes[mark.Plane];

        public string Visit(CellFill fill) => svg.Shape(Cells(Plane(fill), fill.Cells), svg.Fill(svg._theme.ColourOf(fill.Shade)));

        public string Visit(CellBorders borders) => svg.Shape(Edges(Plane(borders), borders.Cells), svg.Stroke(svg._theme.Lines, svg._theme.ThickLine));

        public string Visit(BlockLines block) =>
            svg.Shape(Grid(Plane(block), block.TopLeft, block.Size), svg.Stroke(svg._theme.Lines, svg._theme.ThickLine, block.Dashed));

        public string Visit(Label label) => svg.Texts([label]);

        public string Visit(Connector connector) => Drawn(steps.Visit(connector));

        public string Visit(Segment segment) => Drawn(steps.Visit(segment));

        public string Visit(Ellipsis dots) => Drawn(steps.Visit(dots));

        public string Visit(BlockOutline outline) => Drawn(steps.Visit(outline));

        public string Visit(Dot dot) => Drawn(steps.Visit(dot));

        public string Visit(Unit unit) => Drawn(steps.Visit(unit));

        public string Visit(Edge edge) => Drawn(steps.Visit(edge));

        public string Visit(Tint tint) => Drawn(steps.Visit(tint));

        /// <summary>The renderer's steps for a mark, each path in its paint.</summary>
        private string Drawn(MarkDrawing drawing)
        {
            var markup = new StringBuilder();
            foreach (var step in drawing.Steps)
            {
                var paint = step.Paint.Style == SKPaintStyle.Stroke ? svg.Stroke(step.Paint.Color, step.Paint.StrokeWidth) : svg.Fill(step.Paint.Color);
                markup.Append(svg.Shape(SvgPath.Of(step.Path), paint));
                step.Path.Dispose();
            }
            return markup.ToString();
        }
    }
}
