using ConvAnimations.Layout;
using ConvAnimations.Scenes;
using SkiaSharp;

namespace ConvAnimations.Rendering;

/// <summary>
/// Draws the frames of a <see cref="Scene"/> onto any canvas, in small ordered steps: each plane (its grid, cells,
/// borders and numbers), then the frame's marks on it (taps, window, lines to the next plane, output cells, numbers),
/// back to front.
/// <list type="bullet">
/// <item><see cref="DrawVector"/> draws everything as vectors, for SVG and PDF.</item>
/// <item><see cref="DrawRaster"/> and <see cref="Render"/> start from a background holding every plane, drawn once;
/// a frame's marks on a plane are then clipped by the planes in front of it, which the background already holds.</item>
/// </list>
/// </summary>
public sealed class SceneRenderer : IDisposable
{
    private readonly Scene _scene;
    private readonly Theme _theme;
    private readonly Projection _projection;
    private readonly SKPath[] _outlines;
    private readonly SKPath[][] _occluders;
    private readonly List<(SKPath Path, SKColor Colour, float Stroke)>[] _planes;
    private readonly List<(SKPath Path, SKColor Colour, float Stroke)> _annotations;
    private readonly List<int?> _annotationPlanes = [];
    private (string Key, SKBitmap Bitmap)? _background;
    private int _frame;
    private int _clips;
    private readonly SKPaint _fill = new() { IsAntialias = true, Style = SKPaintStyle.Fill };
    private readonly SKPaint _stroke = new() { IsAntialias = true, Style = SKPaintStyle.Stroke };
    private readonly SKPaint _text = new() { IsAntialias = true };
    private readonly SKFont _font;
    private (IntPtr Pixels, SKBitmap Bitmap, SKCanvas Canvas)? _target;

    public SceneRenderer(Scene scene)
    {
        _scene = scene;
        _theme = new Theme(scene.Scale, scene.Theme);
        _stroke.Color = _theme.Lines;
        _font = Fonts.SerifFont();
        _projection = Projection.For(scene, _theme, _font);
        _outlines = scene.Planes.Select((p, i) => _projection.Outline(i, p.Size)).ToArray();
        _occluders = _outlines.Select((_, i) => _outlines.Skip(i + 1).ToArray()).ToArray();
        _planes = scene.Planes.Select((_, i) => PlaneSteps(i)).ToArray();
        _annotations = AnnotationSteps();
    }

    /// <summary>The size of a scene's frames in pixels, known without drawing anything.</summary>
    public static SKSizeI SizeOf(Scene scene)
    {
        using var font = Fonts.SerifFont();
        return Projection.For(scene, new Theme(scene.Scale, scene.Theme), font).Size;
    }

    /// <summary>Where the captions and the legend's keys lie on the canvas (none in the guide's look).</summary>
    public IReadOnlyList<SKRect> AnnotationBounds => [.. _projection.Captions.Select(c => c.Bounds), .. _projection.Legend.Select(k => k.Bounds)];

    /// <summary>The bounds of every plane on the canvas.</summary>
    public IReadOnlyList<SKRect> PlaneBounds => _outlines.Select(o => o.Bounds).ToList();

    /// <summary>The colour the frames are drawn on.</summary>
    public SKColor Background => _theme.Background;

    public SKSizeI Size => _projection.Size;

    public int FrameCount => _scene.Frames.Count;

    /// <summary>Frames as BGRA, ffmpeg's native RGB32 on little-endian machines, which its filters take without a conversion.</summary>
    public SKImageInfo Info => new(Size.Width, Size.Height, SKColorType.Bgra8888, SKAlphaType.Premul);

    /// <summary>Draws frame <paramref name="index"/> with every element a vector (no bitmap).</summary>
    public void DrawVector(SKCanvas canvas, int index)
    {
        // A rectangle, not Clear: the canvas may hold other frames beside this one (panels).
        _fill.Color = _theme.Background;
        canvas.DrawRect(SKRect.Create(Size), _fill);
        var marks = _scene.Frames[index].Marks;
        _frame = index;
        for (var p = 0; p < _scene.Planes.Count; p++)
        {
            if (!_scene.Planes[p].VisibleOn(index)) continue;
            DrawPlane(canvas, p);
            foreach (var mark in marks.Where(m => m.Plane == p)) DrawMark(canvas, mark, clip: false);
        }
        DrawSteps(canvas, VisibleAnnotations(index));
    }

    /// <summary>Draws frame <paramref name="index"/> over the pre-drawn background, at the canvas's current origin.</summary>
    public void DrawRaster(SKCanvas canvas, int index)
    {
        canvas.DrawBitmap(PlanesDrawn(index), 0, 0);
        DrawMarks(canvas, index);
    }

    /// <summary>Renders frame <paramref name="index"/> into <paramref name="bgra"/>, laid out as <see cref="Info"/>.</summary>
    public unsafe void Render(Span<byte> bgra, int index)
    {
        var info = Info;
        if (bgra.Length != info.BytesSize) throw new ArgumentException($"a frame takes {info.BytesSize} bytes, the buffer has {bgra.Length}", nameof(bgra));
        PlanesDrawn(index).GetPixelSpan().CopyTo(bgra);
        fixed (byte* pixels = bgra)
        {
            // A buffer written frame after frame (pinned by its owner) keeps its bitmap and canvas.
            if (_target?.Pixels != (IntPtr)pixels)
            {
                DisposeTarget();
                var bitmap = new SKBitmap();
                if (!bitmap.InstallPixels(info, (IntPtr)pixels, info.RowBytes)) throw new InvalidOperationException($"SkiaSharp refused a {info.Width}x{info.Height} frame buffer");
                _target = ((IntPtr)pixels, bitmap, new SKCanvas(bitmap));
            }
            DrawMarks(_target.Value.Canvas, index);
        }
    }

    /// <summary>
    /// Every plane drawn once, the background of every raster frame. The parts of a sequence take turns: when the
    /// planes on show change, the background is drawn again (frames come in order, so once a part), and only one is
    /// kept, however many parts.
    /// </summary>
    private SKBitmap PlanesDrawn(int index)
    {
        var key = string.Concat(_scene.Planes.Select(p => p.VisibleOn(index) ? '1' : '0'));
        if (_background is { } drawn && drawn.Key == key) return drawn.Bitmap;
        _background?.Bitmap.Dispose();
        var background = new SKBitmap(Info);
        using var canvas = new SKCanvas(background);
        canvas.Clear(_theme.Background);
        for (var p = 0; p < _scene.Planes.Count; p++)
        {
            if (_scene.Planes[p].VisibleOn(index)) DrawPlane(canvas, p);
        }
        DrawSteps(canvas, VisibleAnnotations(index));
        _background = (key, background);
        return background;
    }

    /// <summary>The captions of the planes on show and the legend.</summary>
    private List<(SKPath Path, SKColor Colour, float Stroke)> VisibleAnnotations(int index) =>
        _annotations.Where((_, i) => _annotationPlanes[i] is not { } p || _scene.Planes[p].VisibleOn(index)).ToList();

    /// <summary>A frame's marks, listed back to front by plane (the scene's order).</summary>
    private void DrawMarks(SKCanvas canvas, int index)
    {
        _frame = index;
        foreach (var mark in _scene.Frames[index].Marks) DrawMark(canvas, mark, clip: true);
    }

    private void DrawPlane(SKCanvas canvas, int index) => DrawSteps(canvas, _planes[index]);

    private void DrawSteps(SKCanvas canvas, List<(SKPath Path, SKColor Colour, float Stroke)> steps)
    {
        foreach (var (path, colour, stroke) in steps)
        {
            var paint = stroke > 0 ? _stroke : _fill;
            paint.Color = colour;
            if (stroke > 0) paint.StrokeWidth = stroke;
            canvas.DrawPath(path, paint);
        }
        _stroke.Color = _theme.Lines;
    }

    /// <summary>
    /// What a plane draws on every frame, computed once: a dashed grid goes under its cells (padding shows it), a
    /// solid grid over them; then its numbers. A stroke width of 0 is a fill.
    /// </summary>
    private List<(SKPath Path, SKColor Colour, float Stroke)> PlaneSteps(int index)
    {
        var plane = _scene.Planes[index];
        var matrix = _projection.Planes[index];
        var steps = new List<(SKPath, SKColor, float)>();
        // Opaque even where its cells are blank, so it hides what lies behind it as the coloured planes do.
        if (!plane.Coloured || plane.Opaque) steps.Add((new SKPath(_outlines[index]), _theme.Background, 0));
        var coloured = plane.Coloured ? CellsOf(plane.Cells).Where(c => c.Kind is CellKind.Input or CellKind.Output).ToList() : [];
        var grid = FullGrid(matrix, new Cell(0, 0), plane.Size.Rows, plane.Size.Cols);
        if (plane.Grid == GridLine.Dashed) steps.Add((Dashes(grid, _theme.Dash), _theme.Lines, _theme.ThickLine));
        if (plane.Grid == GridLine.Faint) steps.Add((new SKPath(grid), _theme.Faint, _theme.ThinLine));
        foreach (var group in coloured.GroupBy(c => c.Kind))
        {
            steps.Add((Cells(matrix, group.Select(c => c.Cell)), _theme.ColourOf(group.Key == CellKind.Input ? plane.InputShade : Shade.Output), 0));
        }
        if (plane.Grid == GridLine.None)
        {
            grid.Dispose();
        }
        else if (plane.Grid is GridLine.Dashed or GridLine.Faint)
        {
            steps.Add((CellEdges(matrix, coloured.Select(c => c.Cell)), _theme.Lines, _theme.ThickLine));
            grid.Dispose();
        }
        else
        {
            steps.Add((grid, _theme.Lines, _theme.ThickLine));
        }
        steps.AddRange(plane.Labels.Select(label => (LabelPath(label), _theme.InkOn(label.On), 0f)));
        return steps;
    }

    private void DrawMark(SKCanvas canvas, Mark mark, bool clip)
    {
        var matrix = _projection.Planes[mark.Plane];
        switch (mark)
        {
            case CellFill fill:
                _fill.Color = _theme.ColourOf(fill.Shade);
                using (var cells = Cells(matrix, fill.Cells)) Draw(canvas, mark.Plane, cells, _fill, clip);
                break;
            case CellBorders borders:
                _stroke.StrokeWidth = _theme.ThickLine;
                using (var edges = CellEdges(matrix, borders.Cells)) Draw(canvas, mark.Plane, edges, _stroke, clip);
                break;
            case BlockLines block:
                _stroke.StrokeWidth = _theme.ThickLine;
                using (var lines = FullGrid(matrix, block.TopLeft, block.Size.Rows, block.Size.Cols))
                {
                    if (!block.Dashed) Draw(canvas, mark.Plane, lines, _stroke, clip);
                    else using (var dashes = Dashes(lines, _theme.Dash)) Draw(canvas, mark.Plane, dashes, _stroke, clip);
                }
                break;
            case Label label:
                _text.Color = _theme.InkOn(label.On);
                using (var glyphs = LabelPath(label)) Draw(canvas, mark.Plane, glyphs, _text, clip);
                break;
            case Connector line:
                DrawConnector(canvas, line);
                break;
            case BlockOutline outline:
                _stroke.StrokeWidth = _theme.ThickLine;
                using (var box = Cells(matrix, [outline.TopLeft], outline.Size)) Draw(canvas, mark.Plane, box, _stroke, clip);
                break;
            case Segment segment:
                DrawSegment(canvas, matrix, segment, clip);
                break;
            case Dot dot:
                _fill.Color = _theme.Lines;
                using (var path = new SKPath())
                {
                    var centre = matrix.MapPoint(dot.Col, dot.Row);
                    path.AddCircle(centre.X, centre.Y, _theme.ThickLine * 1.6f);
                    Draw(canvas, mark.Plane, path, _fill, clip);
                }
                break;
            case Ellipsis dots:
                _fill.Color = _theme.Lines;
                using (var path = EllipsisPath(matrix, dots)) Draw(canvas, mark.Plane, path, _fill, clip);
                break;
            default:
                throw new NotSupportedException($"no drawing step for {mark.GetType().Name}");
        }
    }

    /// <summary>Draws a path of plane <paramref name="plane"/>, clipped by the planes in front of it when it reaches under them.</summary>
    private void Draw(SKCanvas canvas, int plane, SKPath path, SKPaint paint, bool clip)
    {
        // Clipping costs more than all the rest of a frame, so only paths that may reach under a plane are clipped.
        var bounds = path.Bounds;
        bounds.Inflate(_theme.ThickLine, _theme.ThickLine);
        if (!clip || !Occluders(plane, bounds).Any())
        {
            canvas.DrawPath(path, paint);
            return;
        }
        ClipOccluders(canvas, plane, bounds);
        canvas.DrawPath(path, paint);
        canvas.Restore();
    }

    private IEnumerable<SKPath> Occluders(int plane, SKRect bounds) =>
        _occluders[plane].Where((o, i) => o.Bounds.IntersectsWith(bounds) && _scene.Planes[plane + 1 + i].VisibleOn(_frame));

    /// <summary>A line in a plane, with a filled arrowhead at its end when asked, pointing along the line on the picture.</summary>
    private void DrawSegment(SKCanvas canvas, SKMatrix plane, Segment segment, bool clip)
    {
        var from = plane.MapPoint(segment.FromCol, segment.FromRow);
        var to = plane.MapPoint(segment.ToCol, segment.ToRow);
        var width = segment.Weight == Weight.Thick ? _theme.ThickLine : _theme.ThinLine;
        using var path = new SKPath();
        var length = SKPoint.Distance(from, to);
        var head = Math.Min(width * 5, length * 0.6f);
        var direction = length > 0 ? new SKPoint((to.X - from.X) / length, (to.Y - from.Y) / length) : new SKPoint(1, 0);
        // The shaft stops where the head begins, so the head keeps its sharp point.
        var shaftEnd = segment.Arrowhead ? to - new SKPoint(direction.X * head * 0.8f, direction.Y * head * 0.8f) : to;
        path.MoveTo(from);
        path.LineTo(shaftEnd);
        _stroke.StrokeWidth = width;
        Draw(canvas, segment.Plane, path, _stroke, clip);
        if (!segment.Arrowhead) return;
        var normal = new SKPoint(-direction.Y, direction.X);
        var back = to - new SKPoint(direction.X * head, direction.Y * head);
        using var arrow = new SKPath();
        arrow.MoveTo(to);
        arrow.LineTo(back + new SKPoint(normal.X * head * 0.45f, normal.Y * head * 0.45f));
        arrow.LineTo(back - new SKPoint(normal.X * head * 0.45f, normal.Y * head * 0.45f));
        arrow.Close();
        _fill.Color = _theme.Lines;
        Draw(canvas, segment.Plane, arrow, _fill, clip);
    }

    /// <summary>Three round dots a quarter cell apart, across or down.</summary>
    private SKPath EllipsisPath(SKMatrix plane, Ellipsis dots)
    {
        var path = new SKPath();
        for (var i = -1; i <= 1; i++)
        {
            var centre = plane.MapPoint(dots.Col + (dots.Vertical ? 0 : i * 0.25f), dots.Row + (dots.Vertical ? i * 0.25f : 0));
            path.AddCircle(centre.X, centre.Y, _theme.ThickLine * 0.9f);
        }
        return path;
    }

    private void ClipOccluders(SKCanvas canvas, int plane, SKRect bounds)
    {
        canvas.Save();
        foreach (var outline in Occluders(plane, bounds))
        {
            _clips++;
            canvas.ClipPath(outline, SKClipOperation.Difference, antialias: true);
        }
    }

    /// <summary>
    /// How many anti-aliased clips frame <paramref name="index"/>'s marks need (one for each plane in front that a mark
    /// reaches under), found without drawing a pixel. Each costs about as much as the frame has rows, and together
    /// they are most of the time a frame of stacked feature maps takes (the budget estimates a render by them).
    /// </summary>
    public int Clips(int index)
    {
        using var canvas = new SKNoDrawCanvas(Size.Width, Size.Height);
        _clips = 0;
        DrawMarks(canvas, index);
        return _clips;
    }

    /// <summary>A connector, drawn up to where it passes behind the plane it leads to (it rises from below, so the plane hides the rest).</summary>
    private void DrawConnector(SKCanvas canvas, Connector line)
    {
        var from = _projection.Planes[line.From.Plane].MapPoint(line.From.Col, line.From.Row);
        var to = _projection.Planes[line.To.Plane].MapPoint(line.To.Col, line.To.Row);
        var visible = Entry(from, to, _outlines[line.To.Plane].Points);
        using var path = new SKPath();
        path.MoveTo(from);
        path.LineTo(from.X + (to.X - from.X) * visible, from.Y + (to.Y - from.Y) * visible);
        Stroke(canvas, path, _theme.ThinLine);
    }

    /// <summary>
    /// The fraction of the segment from <paramref name="from"/> to <paramref name="to"/> before it enters the convex
    /// polygon <paramref name="corners"/>: Cyrus-Beck clipping against each edge's inner half-plane.
    /// </summary>
    internal static float Entry(SKPoint from, SKPoint to, SKPoint[] corners)
    {
        var centre = new SKPoint(corners.Average(p => p.X), corners.Average(p => p.Y));
        var (enter, leave) = (0f, 1f);
        var direction = to - from;
        for (var i = 0; i < corners.Length; i++)
        {
            var (a, b) = (corners[i], corners[(i + 1) % corners.Length]);
            // The inner normal of edge a-b, whichever way round the polygon turns.
            var normal = new SKPoint(-(b.Y - a.Y), b.X - a.X);
            if (Dot(normal, centre - a) < 0) normal = new SKPoint(-normal.X, -normal.Y);
            var (distance, rate) = (Dot(normal, from - a), Dot(normal, direction));
            if (Math.Abs(rate) < 1e-6f)
            {
                if (distance < 0) return 1; // parallel to the edge and outside: never enters
                continue;
            }
            var t = -distance / rate;
            if (rate > 0) enter = Math.Max(enter, t);
            else leave = Math.Min(leave, t);
        }
        return enter <= leave ? Math.Clamp(enter, 0, 1) : 1;
    }

    private static float Dot(SKPoint a, SKPoint b) => a.X * b.X + a.Y * b.Y;

    /// <summary>Captions and the legend: upright text in the ink that reads on the background, swatches drawn like their cells.</summary>
    private List<(SKPath Path, SKColor Colour, float Stroke)> AnnotationSteps()
    {
        var steps = new List<(SKPath, SKColor, float)>();
        var ink = _theme.InkOn(Surface.Background);
        _font.Size = _theme.TextSize;
        foreach (var text in _projection.Captions.Concat(_projection.Legend.Select(k => k.Text)))
        {
            steps.Add((_font.GetTextPath(text.Text, text.Origin), ink, 0));
            _annotationPlanes.Add(text.Plane);
        }
        foreach (var key in _projection.Legend)
        {
            var box = new SKPath();
            box.AddRect(key.Swatch);
            if (key.Entry.Fill == Shade.Highlight) steps.Add((new SKPath(box), _theme.Background, 0));
            steps.Add((new SKPath(box), key.Entry.Fill is { } fill ? _theme.ColourOf(fill) : _theme.Background, 0));
            if (key.Entry.Dashed)
            {
                using var sides = Sides(key.Swatch);
                steps.Add((Dashes(sides, [_theme.Dash[0] / 2, _theme.Dash[1] / 2]), _theme.Lines, _theme.ThickLine));
                box.Dispose();
            }
            else
            {
                steps.Add((box, _theme.Lines, _theme.ThickLine));
            }
        }
        // The legend's keys show on every frame.
        while (_annotationPlanes.Count < steps.Count) _annotationPlanes.Add(null);
        return steps;
    }

    /// <summary>The four sides of a rectangle as separate lines (so dashes start at each corner).</summary>
    private static SKPath Sides(SKRect r)
    {
        var path = new SKPath();
        SKPoint[] corners = [new(r.Left, r.Top), new(r.Right, r.Top), new(r.Right, r.Bottom), new(r.Left, r.Bottom)];
        for (var i = 0; i < 4; i++)
        {
            path.MoveTo(corners[i]);
            path.LineTo(corners[(i + 1) % 4]);
        }
        return path;
    }

    /// <summary>
    /// Text lying in its plane, centred vertically on the height of a digit (not of the whole line), as outlines in
    /// every format: vectors need no font on the reader's machine, and pixels match them.
    /// </summary>
    private SKPath LabelPath(Label label)
    {
        _font.Size = label.Size;
        var baseline = label.Row + label.Size * 0.35f;
        var width = _font.MeasureText(label.Text);
        var left = label.Align switch { TextAlign.Left => label.Col, TextAlign.Center => label.Col - width / 2, _ => label.Col - width };
        var glyphs = _font.GetTextPath(label.Text, new SKPoint(left, baseline));
        glyphs.Transform(_projection.Planes[label.Plane]);
        return glyphs;
    }

    private void Stroke(SKCanvas canvas, SKPath path, float width)
    {
        _stroke.StrokeWidth = width;
        canvas.DrawPath(path, _stroke);
    }

    private static IEnumerable<(Cell Cell, CellKind Kind)> CellsOf(CellKind[,] cells)
    {
        for (var r = 0; r < cells.GetLength(0); r++)
            for (var c = 0; c < cells.GetLength(1); c++)
                yield return (new Cell(r, c), cells[r, c]);
    }

    /// <summary>One closed quadrilateral per cell (or per block of <paramref name="size"/> cells).</summary>
    private static SKPath Cells(SKMatrix plane, IEnumerable<Cell> cells, Arithmetic.Size2? size = null)
    {
        var (rows, cols) = size is { } s ? (s.Rows, s.Cols) : (1, 1);
        var path = new SKPath();
        foreach (var (row, col) in cells)
        {
            path.MoveTo(plane.MapPoint(col, row));
            path.LineTo(plane.MapPoint(col + cols, row));
            path.LineTo(plane.MapPoint(col + cols, row + rows));
            path.LineTo(plane.MapPoint(col, row + rows));
            path.Close();
        }
        return path;
    }

    /// <summary>Every line of a rows x cols block of cells, each drawn once from end to end (so dashes run on).</summary>
    private static SKPath FullGrid(SKMatrix plane, Cell topLeft, int rows, int cols)
    {
        var (top, left) = topLeft;
        var path = new SKPath();
        for (var r = 0; r <= rows; r++)
        {
            path.MoveTo(plane.MapPoint(left, top + r));
            path.LineTo(plane.MapPoint(left + cols, top + r));
        }
        for (var c = 0; c <= cols; c++)
        {
            path.MoveTo(plane.MapPoint(left + c, top));
            path.LineTo(plane.MapPoint(left + c, top + rows));
        }
        return path;
    }

    /// <summary>
    /// The dashes of a path of straight lines, each line starting with a dash as a dash path effect does: as plain
    /// segments, so SVG and PDF get short lines rather than the outline of every dash.
    /// </summary>
    private static SKPath Dashes(SKPath lines, float[] pattern)
    {
        var dashes = new SKPath();
        var points = lines.Points;
        for (var i = 0; i + 1 < points.Length; i += 2)
        {
            var (from, to) = (points[i], points[i + 1]);
            var length = SKPoint.Distance(from, to);
            var direction = new SKPoint((to.X - from.X) / length, (to.Y - from.Y) / length);
            for (float at = 0; at < length; at += pattern[0] + pattern[1])
            {
                var end = Math.Min(at + pattern[0], length);
                dashes.MoveTo(from.X + direction.X * at, from.Y + direction.Y * at);
                dashes.LineTo(from.X + direction.X * end, from.Y + direction.Y * end);
            }
        }
        return dashes;
    }

    /// <summary>The borders of a set of cells, each shared edge once so anti-aliasing does not darken it.</summary>
    private static SKPath CellEdges(SKMatrix plane, IEnumerable<Cell> cells)
    {
        var edges = new SortedSet<(int Row, int Col, bool Horizontal)>();
        foreach (var cell in cells)
        {
            edges.Add((cell.Row, cell.Col, true));
            edges.Add((cell.Row + 1, cell.Col, true));
            edges.Add((cell.Row, cell.Col, false));
            edges.Add((cell.Row, cell.Col + 1, false));
        }
        var path = new SKPath();
        foreach (var (row, col, horizontal) in edges)
        {
            path.MoveTo(plane.MapPoint(col, row));
            path.LineTo(horizontal ? plane.MapPoint(col + 1, row) : plane.MapPoint(col, row + 1));
        }
        return path;
    }

    private void DisposeTarget()
    {
        _target?.Canvas.Dispose();
        _target?.Bitmap.Dispose();
        _target = null;
    }

    public void Dispose()
    {
        DisposeTarget();
        foreach (var outline in _outlines) outline.Dispose();
        foreach (var (path, _, _) in _planes.SelectMany(p => p).Concat(_annotations)) path.Dispose();
        _fill.Dispose();
        _stroke.Dispose();
        _text.Dispose();
        _font.Dispose();
        _background?.Bitmap.Dispose();
    }
}
