using ConvAnimations.Layout;
using ConvAnimations.Scenes;
using SkiaSharp;

namespace ConvAnimations.Rendering;

/// <summary>
/// Draws the frames of a <see cref="Scene"/> onto any canvas as an ordered list of small render actions, back to
/// front: each plane's own steps (its blank, grid, cells, borders and numbers, computed once), the frame's marks on
/// it, then the captions and legend. <see cref="DrawVector"/> draws everything as vectors, for SVG and PDF;
/// <see cref="DrawRaster"/> and <see cref="Render"/> start from a background holding every plane, drawn once, and
/// draw a frame's marks over it, each clipped by the planes in front of its own. The renderer knows no views: only
/// planes, marks and annotations.
/// </summary>
public sealed class SceneRenderer : IDisposable
{
    private readonly Scene _scene;
    private readonly Theme _theme;
    private readonly Projection _projection;
    private readonly Paints _paints = new();
    private readonly Glyphs _glyphs;
    private readonly MarkSteps _marks;
    private readonly SKPath[] _outlines;
    private readonly IReadOnlyList<Step>[] _planes;
    private readonly IReadOnlyList<(Step Step, int? Plane)> _annotations;
    private (string Key, SKBitmap Bitmap)? _background;
    private (IntPtr Pixels, SKBitmap Bitmap, SKCanvas Canvas)? _target;

    public SceneRenderer(Scene scene) : this(scene, new Theme(scene.Scale, scene.Theme))
    {
    }

    /// <summary>A renderer with sizes of its own (<see cref="Theme.WithSizes"/>): a page for a paper.</summary>
    public SceneRenderer(Scene scene, Theme theme)
    {
        _scene = scene;
        _theme = theme;
        using (var font = Fonts.SerifFont()) _projection = Projection.For(scene, _theme, font);
        _glyphs = new Glyphs(_projection);
        _outlines = scene.Planes.Select((p, i) => _projection.Outline(i, p.Size)).ToArray();
        _marks = new MarkSteps(_projection, _outlines, _theme, _paints, _glyphs);
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

    /// <summary>Where each plane, caption and key lies on the canvas (writers of the scene itself place their shapes by it).</summary>
    public Projection Projection => _projection;

    /// <summary>The colours and sizes the frames are drawn in.</summary>
    public Theme Theme => _theme;

    /// <summary>The colour the frames are drawn on.</summary>
    public SKColor Background => _theme.Background;

    public SKSizeI Size => _projection.Size;

    public int FrameCount => _scene.Frames.Count;

    /// <summary>Frames as BGRA, ffmpeg's native RGB32 on little-endian machines, which its filters take without a conversion.</summary>
    public SKImageInfo Info => new(Size.Width, Size.Height, SKColorType.Bgra8888, SKAlphaType.Premul);

    // ---- The order of a frame: the one place that decides it ----

    /// <summary>Draws frame <paramref name="index"/> with every element a vector (no bitmap): plane by plane, each with its marks.</summary>
    public void DrawVector(SKCanvas canvas, int index)
    {
        var context = new RenderContext(canvas, index, Clip: false);
        PaintBackground(context);
        var marks = _scene.Frames[index].Marks;
        foreach (var plane in VisiblePlanes(index))
        {
            DrawPlane(context, plane);
            DrawMarks(context, marks.Where(m => m.Plane == plane));
        }
        DrawAnnotations(context);
    }

    /// <summary>Draws frame <paramref name="index"/> over the pre-drawn background, at the canvas's current origin.</summary>
    public void DrawRaster(SKCanvas canvas, int index)
    {
        canvas.DrawBitmap(Backdrop(index), 0, 0);
        DrawMarks(new RenderContext(canvas, index, Clip: true), _scene.Frames[index].Marks);
    }

    /// <summary>Renders frame <paramref name="index"/> into <paramref name="bgra"/>, laid out as <see cref="Info"/>.</summary>
    public unsafe void Render(Span<byte> bgra, int index)
    {
        var info = Info;
        if (bgra.Length != info.BytesSize) throw new ArgumentException($"a frame takes {info.BytesSize} bytes, the buffer has {bgra.Length}", nameof(bgra));
        Backdrop(index).GetPixelSpan().CopyTo(bgra);
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
            DrawMarks(new RenderContext(_target.Value.Canvas, index, Clip: true), _scene.Frames[index].Marks);
        }
    }

    /// <summary>
    /// Every plane on show drawn once with the captions and legend, the background of every raster frame. The parts
    /// of a sequence take turns: when the planes on show change, it is drawn again (frames come in order, so once a
    /// part), and only one is kept, however many parts.
    /// </summary>
    private SKBitmap Backdrop(int index)
    {
        var key = string.Concat(_scene.Planes.Select(p => p.VisibleOn(index) ? '1' : '0'));
        if (_background is { } drawn && drawn.Key == key) return drawn.Bitmap;
        _background?.Bitmap.Dispose();
        var background = new SKBitmap(Info);
        using var canvas = new SKCanvas(background);
        canvas.Clear(_theme.Background);
        var context = new RenderContext(canvas, index, Clip: false);
        foreach (var plane in VisiblePlanes(index)) DrawPlane(context, plane);
        DrawAnnotations(context);
        _background = (key, background);
        return background;
    }

    // ---- The render actions ----

    /// <summary>The background colour over the whole frame: a rectangle, not Clear, since the canvas may hold other frames beside this one (panels).</summary>
    private void PaintBackground(RenderContext context) => context.Canvas.DrawRect(SKRect.Create(Size), _paints.Filling(_theme.Background));

    private IEnumerable<int> VisiblePlanes(int frame) => Enumerable.Range(0, _scene.Planes.Count).Where(p => _scene.Planes[p].VisibleOn(frame));

    private void DrawPlane(RenderContext context, int plane)
    {
        foreach (var step in _planes[plane]) step.Draw(context.Canvas);
    }

    /// <summary>The captions of the planes on show, and the legend.</summary>
    private void DrawAnnotations(RenderContext context)
    {
        foreach (var (step, plane) in _annotations)
        {
            if (plane is not { } p || _scene.Planes[p].VisibleOn(context.Frame)) step.Draw(context.Canvas);
        }
    }

    /// <summary>Marks in the order given (the scene lists them back to front by plane).</summary>
    private void DrawMarks(RenderContext context, IEnumerable<Mark> marks)
    {
        foreach (var mark in marks)
        {
            var drawing = mark.Accept(_marks);
            foreach (var step in drawing.Steps)
            {
                DrawClipped(context, mark.Plane, step, drawing.Hidden);
                step.Path.Dispose();
            }
        }
    }

    /// <summary>
    /// How many anti-aliased clips drawing frame <paramref name="index"/> over the background takes (the planes in front
    /// of a mark that it reaches under): what makes a frame of many stacked maps slow. Counted without drawing a pixel.
    /// </summary>
    public int Clips(int index)
    {
        var clips = 0;
        using var canvas = new SKNoDrawCanvas(Size.Width, Size.Height);
        DrawMarks(new RenderContext(canvas, index, Clip: true) { Clipped = () => clips++ }, _scene.Frames[index].Marks);
        return clips;
    }

    /// <summary>Draws a step of plane <paramref name="plane"/>, clipped by the planes in front of it when it reaches under them.</summary>
    private void DrawClipped(RenderContext context, int plane, Step step, bool hidden)
    {
        // Clipping costs more than all the rest of a frame, so only paths that may reach under a plane are clipped.
        var bounds = step.Path.Bounds;
        bounds.Inflate(_theme.ThickLine, _theme.ThickLine);
        var occluders = context.Clip && hidden ? Occluders(plane, bounds, context.Frame).ToList() : [];
        if (occluders.Count == 0)
        {
            step.Draw(context.Canvas);
            return;
        }
        context.Canvas.Save();
        foreach (var outline in occluders)
        {
            context.Canvas.ClipPath(outline, SKClipOperation.Difference, antialias: true);
            context.Clipped?.Invoke();
        }
        step.Draw(context.Canvas);
        context.Canvas.Restore();
    }

    /// <summary>The outlines of the planes on show in front of <paramref name="plane"/> that meet <paramref name="bounds"/>.</summary>
    private IEnumerable<SKPath> Occluders(int plane, SKRect bounds, int frame)
    {
        for (var p = plane + 1; p < _outlines.Length; p++)
        {
            if (_outlines[p].Bounds.IntersectsWith(bounds) && _scene.Planes[p].VisibleOn(frame)) yield return _outlines[p];
        }
    }

    // ---- The steps made once ----

    /// <summary>
    /// What a plane draws on every frame: blank when it hides what lies behind it, a dashed grid under its cells
    /// (padding shows it) or a solid grid over them, its coloured cells, their borders, then its numbers.
    /// </summary>
    private IReadOnlyList<Step> PlaneSteps(int index)
    {
        var plane = _scene.Planes[index];
        var matrix = _projection.Planes[index];
        var steps = new List<Step>();
        // Opaque even where its cells are blank, so it hides what lies behind it as the coloured planes do.
        if (!plane.Coloured || plane.Opaque) steps.Add(_paints.Fill(new SKPath(_outlines[index]), _theme.Background));
        var coloured = plane.Coloured ? CellsOf(plane.Cells).Where(c => c.Kind is CellKind.Input or CellKind.Output).ToList() : [];
        // Inserted zeros are filled under the dashed grid: blank cells still, apart from padding.
        var zeros = plane.Coloured ? CellsOf(plane.Cells).Where(c => c.Kind == CellKind.InsertedZero).Select(c => c.Cell).ToList() : [];
        if (zeros.Count > 0) steps.Add(_paints.Fill(Paths.Cells(matrix, zeros), _theme.InsertedZeros));
        var grid = Paths.FullGrid(matrix, new Cell(0, 0), plane.Size.Rows, plane.Size.Cols);
        if (plane.Grid == GridLine.Dashed) steps.Add(_paints.Stroke(Paths.Dashes(grid, _theme.Dash), _theme.Lines, _theme.ThickLine));
        if (plane.Grid == GridLine.Faint) steps.Add(_paints.Stroke(new SKPath(grid), _theme.Faint, _theme.ThinLine));
        foreach (var group in coloured.GroupBy(c => c.Kind))
        {
            steps.Add(_paints.Fill(Paths.Cells(matrix, group.Select(c => c.Cell)), _theme.ColourOf(group.Key == CellKind.Input ? plane.InputShade : Shade.Output)));
        }
        if (plane.Grid == GridLine.Solid)
        {
            steps.Add(_paints.Stroke(grid, _theme.Lines, _theme.ThickLine));
        }
        else
        {
            if (plane.Grid != GridLine.None) steps.Add(_paints.Stroke(Paths.CellEdges(matrix, coloured.Select(c => c.Cell)), _theme.Lines, _theme.ThickLine));
            grid.Dispose();
        }
        steps.AddRange(plane.Labels.Select(label => _paints.Fill(_glyphs.Path(label), _theme.InkOn(label.On))));
        return steps;
    }

    /// <summary>Captions and the legend: upright text in the ink that reads on the background, swatches drawn like their cells.</summary>
    private List<(Step, int?)> AnnotationSteps()
    {
        var steps = new List<(Step, int?)>();
        var ink = _theme.InkOn(Surface.Background);
        foreach (var text in _projection.Captions.Concat(_projection.Legend.Select(k => k.Text)))
        {
            steps.Add((_paints.Fill(_glyphs.Path(text.Text, text.Origin, _theme.TextSize), ink), text.Plane));
        }
        foreach (var key in _projection.Legend)
        {
            var box = new SKPath();
            box.AddRect(key.Swatch);
            if (key.Entry.Fill == Shade.Highlight) steps.Add((_paints.Fill(new SKPath(box), _theme.Background), null));
            steps.Add((_paints.Fill(new SKPath(box), key.Entry.Fill is { } fill ? _theme.ColourOf(fill) : _theme.Background), null));
            if (key.Entry.Dashed)
            {
                using var sides = Paths.Sides(key.Swatch);
                steps.Add((_paints.Stroke(Paths.Dashes(sides, [_theme.Dash[0] / 2, _theme.Dash[1] / 2]), _theme.Lines, _theme.ThickLine), null));
                box.Dispose();
            }
            else
            {
                steps.Add((_paints.Stroke(box, _theme.Lines, _theme.ThickLine), null));
            }
        }
        return steps;
    }

    private static IEnumerable<(Cell Cell, CellKind Kind)> CellsOf(CellKind[,] cells)
    {
        for (var r = 0; r < cells.GetLength(0); r++)
            for (var c = 0; c < cells.GetLength(1); c++)
                yield return (new Cell(r, c), cells[r, c]);
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
        foreach (var step in _planes.SelectMany(p => p).Concat(_annotations.Select(a => a.Step))) step.Path.Dispose();
        _paints.Dispose();
        _glyphs.Dispose();
        _background?.Bitmap.Dispose();
    }
}
