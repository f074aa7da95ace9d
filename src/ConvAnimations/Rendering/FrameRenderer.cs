using System.Globalization;
using ConvAnimations.Layout;
using SkiaSharp;

namespace ConvAnimations.Rendering;

/// <summary>
/// Draws the frames of one <see cref="Animation"/> in the original figures' order: the dashed grid, the input cells,
/// the kernel taps and window, the lines to the output cell, the output plane, then the numbers.
/// What no frame changes (grid, input, output plane, input numbers) is drawn once into a background; a frame is that
/// background plus its window, drawn outside the output plane so the plane still hides what lies behind it.
/// </summary>
public sealed class FrameRenderer : IDisposable
{
    private readonly Animation _animation;
    private readonly Theme _theme;
    private readonly Projection _projection;
    private readonly SKPaint _fill = new() { IsAntialias = true, Style = SKPaintStyle.Fill };
    private readonly SKPaint _stroke = new() { IsAntialias = true, Style = SKPaintStyle.Stroke, Color = Theme.Lines };
    private readonly SKPaint _text = new() { IsAntialias = true, Color = Theme.Lines };
    private readonly SKTypeface _typeface = Fonts.Serif();
    private readonly SKFont _font;
    private readonly SKPath _outputGrid;
    private readonly SKPath _outputOutline;
    private readonly SKPoint[] _outputCorners;
    private readonly SKBitmap _background;

    public FrameRenderer(Animation animation)
    {
        _animation = animation;
        _theme = new Theme(animation.Figure.Scale);
        _projection = ProjectionOf(animation, _theme);
        _font = new SKFont(_typeface, 1f) { Subpixel = true, Edging = SKFontEdging.Antialias, Hinting = SKFontHinting.None };
        _outputGrid = FullGrid(_projection.OutputPlane, animation.Output.Rows, animation.Output.Cols);
        _outputOutline = Quad(_projection.OutputPlane, 0, 0, animation.Output.Rows, animation.Output.Cols);
        _outputCorners = _outputOutline.Points;
        _background = NewBitmap();
        using var canvas = new SKCanvas(_background);
        DrawBackground(canvas);
    }

    public SKSizeI Size => _projection.Size;

    public int FrameCount => _animation.Frames.Count;

    /// <summary>The bytes of all frames: what streaming them into ffmpeg moves.</summary>
    public long FrameBytes => BytesOf(Size, FrameCount);

    /// <summary>The bytes of all frames of an animation, known without drawing anything.</summary>
    public static long FrameBytesOf(Animation animation) =>
        BytesOf(ProjectionOf(animation, new Theme(animation.Figure.Scale)).Size, animation.Frames.Count);

    private static long BytesOf(SKSizeI size, int frames) => (long)size.Width * size.Height * 4 * frames;

    /// <summary>
    /// Whether the frames carry numbers. A numerical figure fills its output as it is computed (the others show the
    /// whole output map), and the edges of its glyphs need more colours in a GIF palette.
    /// </summary>
    public bool IsNumerical => _animation.Values is not null;

    private static Projection ProjectionOf(Animation animation, Theme theme) =>
        Projection.For(animation.Figure.Style, animation.GridSize, animation.Output, theme);

    /// <summary>
    /// Frames are BGRA, ffmpeg's native RGB32 on little-endian machines, which its palette filters take without a
    /// conversion.
    /// </summary>
    public const SKColorType ColorType = SKColorType.Bgra8888;

    /// <summary>The ffmpeg pixel format of <see cref="ColorType"/>.</summary>
    public const string FfmpegPixelFormat = "bgra";

    /// <summary>The pixel layout of a frame.</summary>
    public SKImageInfo Info => new(Size.Width, Size.Height, ColorType, SKAlphaType.Premul);

    public SKBitmap NewBitmap() => new(Info);

    /// <summary>Renders one frame into <paramref name="bitmap"/>, which has the pixel layout <see cref="Info"/>.</summary>
    public void Render(SKBitmap bitmap, int index)
    {
        _background.GetPixelSpan().CopyTo(bitmap.GetPixelSpan());
        using var canvas = new SKCanvas(bitmap);
        DrawFrame(canvas, index);
    }

    /// <summary>Draws one frame onto any canvas (a contact sheet, say), at the canvas's current origin.</summary>
    public void Draw(SKCanvas canvas, int index)
    {
        canvas.DrawBitmap(_background, 0, 0);
        DrawFrame(canvas, index);
    }

    private void DrawBackground(SKCanvas canvas)
    {
        canvas.Clear(Theme.Background);
        using (var dashed = new SKPaint())
        {
            dashed.IsAntialias = true;
            dashed.Style = SKPaintStyle.Stroke;
            dashed.Color = Theme.Lines;
            dashed.StrokeWidth = _theme.ThickLine;
            dashed.PathEffect = SKPathEffect.CreateDash(_theme.Dash, 0);
            using var paddingGrid = FullGrid(_projection.InputPlane, _animation.GridSize.Rows, _animation.GridSize.Cols);
            canvas.DrawPath(paddingGrid, dashed);
        }

        var inputs = CellsOf(_animation.Grid, CellKind.Input).ToList();
        _fill.Color = Theme.Input;
        foreach (var cell in inputs) FillCell(canvas, _projection.InputPlane, cell.Row, cell.Col);
        using (var inputGrid = CellEdges(_projection.InputPlane, inputs)) Stroke(canvas, inputGrid, _theme.ThickLine);

        if (_animation.Values is { } values)
        {
            for (var r = 0; r < values.Grid.GetLength(0); r++)
                for (var c = 0; c < values.Grid.GetLength(1); c++)
                    DrawText(canvas, _projection.InputPlane, FormatInput(values.Grid[r, c]), c + 0.5f, r + 0.5f, 0.56f, SKTextAlign.Center);
        }

        if (!IsNumerical)
        {
            _fill.Color = Theme.Output;
            canvas.DrawPath(_outputOutline, _fill);
        }
        Stroke(canvas, _outputGrid, _theme.ThickLine);
    }

    private void DrawFrame(SKCanvas canvas, int index)
    {
        var frame = _animation.Frames[index];
        // The output plane hides what lies behind it. Clipping to it costs more than all the rest of a frame, so
        // the window is clipped only when it may reach under the plane, and the connectors are cut analytically.
        var window = _animation.Window;
        using (var outline = Quad(_projection.InputPlane, frame.Window.Row, frame.Window.Col, window.Rows, window.Cols))
        {
            var clip = outline.Bounds.IntersectsWith(_outputOutline.Bounds);
            canvas.Save();
            if (clip) canvas.ClipPath(_outputOutline, SKClipOperation.Difference, antialias: true);
            DrawWindow(canvas, frame);
            canvas.Restore();
        }
        if (_projection.Connectors) DrawConnectors(canvas, frame);
        DrawOutput(canvas, index);
    }

    private void DrawWindow(SKCanvas canvas, Frame frame)
    {
        _fill.Color = Theme.Highlight;
        using (var taps = new SKPath())
        {
            foreach (var tap in frame.Taps) AddQuad(taps, _projection.InputPlane, tap.Row, tap.Col, 1, 1);
            canvas.DrawPath(taps, _fill);
        }
        var window = _animation.Window;
        using (var grid = FullGrid(_projection.InputPlane, window.Rows, window.Cols, frame.Window.Row, frame.Window.Col))
        {
            Stroke(canvas, grid, _theme.ThickLine);
        }

        if (_animation.Values?.Kernel is not { } kernel) return;
        var columns = kernel.GetLength(1);
        for (var t = 0; t < frame.Taps.Count; t++)
        {
            var tap = frame.Taps[t];
            DrawText(canvas, _projection.InputPlane, FormatInput(kernel[t / columns, t % columns]), tap.Col + 0.95f, tap.Row + 0.82f, 0.34f, SKTextAlign.Right);
        }
    }

    /// <summary>
    /// The four thin lines joining the window's corners to the output cell's corners, each drawn up to where it
    /// passes under the output plane (the lines rise from below it, so the plane hides the rest).
    /// </summary>
    private void DrawConnectors(SKCanvas canvas, Frame frame)
    {
        var window = _animation.Window;
        using var lines = new SKPath();
        foreach (var (dr, dc) in new[] { (0, 0), (0, 1), (1, 0), (1, 1) })
        {
            var from = _projection.InputPlane.MapPoint(frame.Window.Col + dc * window.Cols, frame.Window.Row + dr * window.Rows);
            var to = _projection.OutputPlane.MapPoint(frame.Output.Col + dc, frame.Output.Row + dr);
            lines.MoveTo(from);
            var visible = Entry(from, to);
            lines.LineTo(from.X + (to.X - from.X) * visible, from.Y + (to.Y - from.Y) * visible);
        }
        Stroke(canvas, lines, _theme.ThinLine);
    }

    /// <summary>
    /// The fraction of the segment from <paramref name="from"/> to <paramref name="to"/> before it enters the output
    /// plane (a convex quadrilateral): Cyrus-Beck clipping against each edge's inner half-plane.
    /// </summary>
    private float Entry(SKPoint from, SKPoint to)
    {
        var corners = _outputCorners;
        var centre = new SKPoint(corners.Average(p => p.X), corners.Average(p => p.Y));
        var (enter, leave) = (0f, 1f);
        var direction = to - from;
        for (var i = 0; i < corners.Length; i++)
        {
            var (a, b) = (corners[i], corners[(i + 1) % corners.Length]);
            // The inner normal of edge a-b, whichever way round the quadrilateral turns.
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

    private void DrawOutput(SKCanvas canvas, int index)
    {
        var columns = _animation.Output.Cols;
        var current = _animation.Frames[index].Output;
        var filled = IsNumerical ? Enumerable.Range(0, index + 1).Select(n => new Cell(n / columns, n % columns)).ToList() : [current];
        if (IsNumerical)
        {
            _fill.Color = Theme.Output;
            foreach (var cell in filled) FillCell(canvas, _projection.OutputPlane, cell.Row, cell.Col);
        }
        _fill.Color = Theme.Highlight;
        FillCell(canvas, _projection.OutputPlane, current.Row, current.Col);
        // Only the borders of the cells filled over the background need drawing again.
        using (var borders = CellEdges(_projection.OutputPlane, filled)) Stroke(canvas, borders, _theme.ThickLine);

        if (_animation.Values is not { } values) return;
        foreach (var (r, c) in filled)
        {
            DrawText(canvas, _projection.OutputPlane, values.Output[r, c].ToString("0.0", CultureInfo.InvariantCulture), c + 0.5f, r + 0.5f, 0.36f, SKTextAlign.Center);
        }
    }

    /// <summary>Text in a plane, centred vertically on (col, row) in cell units, <paramref name="size"/> cells high.</summary>
    private void DrawText(SKCanvas canvas, SKMatrix plane, string text, float col, float row, float size, SKTextAlign align)
    {
        canvas.Save();
        canvas.Concat(plane);
        _font.Size = size;
        // Centre on the height of a digit, not of the whole line.
        canvas.DrawText(text, col, row + size * 0.35f, align, _font, _text);
        canvas.Restore();
    }

    /// <summary>Input numbers as written: whole numbers without decimals, others with up to two.</summary>
    internal static string FormatInput(double value) =>
        (value == 0 ? 0 : value).ToString(value == Math.Round(value) ? "0" : "0.##", CultureInfo.InvariantCulture);

    private void Stroke(SKCanvas canvas, SKPath path, float width)
    {
        _stroke.StrokeWidth = width;
        canvas.DrawPath(path, _stroke);
    }

    private void FillCell(SKCanvas canvas, SKMatrix plane, int row, int col)
    {
        using var quad = Quad(plane, row, col, 1, 1);
        canvas.DrawPath(quad, _fill);
    }

    private static IEnumerable<Cell> CellsOf(CellKind[,] grid, CellKind kind)
    {
        for (var r = 0; r < grid.GetLength(0); r++)
            for (var c = 0; c < grid.GetLength(1); c++)
                if (grid[r, c] == kind) yield return new Cell(r, c);
    }

    private static SKPath Quad(SKMatrix plane, int row, int col, int rows, int cols)
    {
        var path = new SKPath();
        AddQuad(path, plane, row, col, rows, cols);
        return path;
    }

    private static void AddQuad(SKPath path, SKMatrix plane, int row, int col, int rows, int cols)
    {
        path.MoveTo(plane.MapPoint(col, row));
        path.LineTo(plane.MapPoint(col + cols, row));
        path.LineTo(plane.MapPoint(col + cols, row + rows));
        path.LineTo(plane.MapPoint(col, row + rows));
        path.Close();
    }

    /// <summary>Every line of a rows x cols block of cells, each drawn once from end to end (so dashes run on).</summary>
    private static SKPath FullGrid(SKMatrix plane, int rows, int cols, int top = 0, int left = 0)
    {
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

    public void Dispose()
    {
        _fill.Dispose();
        _stroke.Dispose();
        _text.Dispose();
        _font.Dispose();
        _outputGrid.Dispose();
        _outputOutline.Dispose();
        _background.Dispose();
        _typeface.Dispose();
    }
}
