using System.Globalization;
using ConvAnimations.Layout;
using SkiaSharp;

namespace ConvAnimations.Rendering;

/// <summary>
/// Draws the frames of one <see cref="Animation"/>, in the order the original figures were drawn: the dashed grid,
/// the input cells, the kernel taps and window, the lines to the output cell, the output plane, then the numbers.
/// </summary>
public sealed class FrameRenderer : IDisposable
{
    private readonly Animation _animation;
    private readonly Theme _theme;
    private readonly Projection _projection;
    private readonly SKPaint _fill = new() { IsAntialias = true, Style = SKPaintStyle.Fill };
    private readonly SKPaint _stroke = new() { IsAntialias = true, Style = SKPaintStyle.Stroke, Color = Theme.Lines };
    private readonly SKPaint _dashed;
    private readonly SKPaint _text = new() { IsAntialias = true, Color = Theme.Lines };
    private readonly SKFont _font;
    private readonly SKPath _paddingGrid;
    private readonly SKPath _inputGrid;
    private readonly SKPath _outputGrid;

    public FrameRenderer(Animation animation)
    {
        _animation = animation;
        _theme = new Theme(animation.Figure.Scale);
        _projection = Projection.For(animation.Figure.Style, animation.GridSize, animation.Output, _theme);
        _dashed = new SKPaint
        {
            IsAntialias = true, Style = SKPaintStyle.Stroke, Color = Theme.Lines, StrokeWidth = _theme.ThickLine,
            PathEffect = SKPathEffect.CreateDash(_theme.Dash, 0),
        };
        _font = new SKFont(_theme.Typeface, 1f) { Subpixel = true, Edging = SKFontEdging.Antialias, Hinting = SKFontHinting.None };
        _paddingGrid = FullGrid(_projection.InputPlane, animation.GridSize.Rows, animation.GridSize.Cols);
        _inputGrid = CellEdges(_projection.InputPlane, CellsOf(animation.Grid, CellKind.Input));
        _outputGrid = FullGrid(_projection.OutputPlane, animation.Output.Rows, animation.Output.Cols);
    }

    public SKSizeI Size => _projection.Size;

    public int FrameCount => _animation.Frames.Count;

    public void Draw(SKCanvas canvas, int index)
    {
        var frame = _animation.Frames[index];
        canvas.Clear(Theme.Background);
        canvas.DrawPath(_paddingGrid, _dashed);
        DrawInputCells(canvas);
        DrawWindow(canvas, frame);
        if (_animation.Values is { } values) DrawInputNumbers(canvas, frame, values);
        if (_projection.Connectors) DrawConnectors(canvas, frame);
        DrawOutputPlane(canvas, index);
        if (_animation.Values is { } computed) DrawOutputNumbers(canvas, index, computed);
    }

    /// <summary>Renders one frame into <paramref name="bitmap"/>, which must be <see cref="Size"/> in RGBA.</summary>
    public void Render(SKBitmap bitmap, int index)
    {
        using var canvas = new SKCanvas(bitmap);
        Draw(canvas, index);
    }

    public SKBitmap NewBitmap() => new(new SKImageInfo(Size.Width, Size.Height, SKColorType.Rgba8888, SKAlphaType.Premul));

    private void DrawInputCells(SKCanvas canvas)
    {
        _fill.Color = Theme.Input;
        foreach (var cell in CellsOf(_animation.Grid, CellKind.Input))
        {
            using var quad = Quad(_projection.InputPlane, cell.Row, cell.Col, 1, 1);
            canvas.DrawPath(quad, _fill);
        }
        Stroke(canvas, _inputGrid, _theme.ThickLine);
    }

    private void DrawWindow(SKCanvas canvas, Frame frame)
    {
        _fill.Color = Theme.Highlight;
        foreach (var tap in frame.Taps)
        {
            using var quad = Quad(_projection.InputPlane, tap.Row, tap.Col, 1, 1);
            canvas.DrawPath(quad, _fill);
        }
        var window = _animation.Window;
        using var grid = FullGrid(_projection.InputPlane, window.Rows, window.Cols, frame.Window.Row, frame.Window.Col);
        Stroke(canvas, grid, _theme.ThickLine);
    }

    /// <summary>The four thin lines joining the window's corners to the output cell's corners.</summary>
    private void DrawConnectors(SKCanvas canvas, Frame frame)
    {
        var window = _animation.Window;
        using var lines = new SKPath();
        foreach (var (dr, dc) in new[] { (0, 0), (0, 1), (1, 0), (1, 1) })
        {
            lines.MoveTo(_projection.InputPlane.MapPoint(frame.Window.Col + dc * window.Cols, frame.Window.Row + dr * window.Rows));
            lines.LineTo(_projection.OutputPlane.MapPoint(frame.Output.Col + dc, frame.Output.Row + dr));
        }
        Stroke(canvas, lines, _theme.ThinLine);
    }

    private void DrawOutputPlane(SKCanvas canvas, int index)
    {
        var frame = _animation.Frames[index];
        var output = _animation.Output;
        // A numerical figure fills its output as it is computed; the others show the whole output map.
        var shown = _animation.Values is null ? output.Area : index + 1;
        _fill.Color = Theme.Output;
        if (shown == output.Area)
        {
            using var plane = Quad(_projection.OutputPlane, 0, 0, output.Rows, output.Cols);
            canvas.DrawPath(plane, _fill);
        }
        else
        {
            for (var n = 0; n < shown; n++)
            {
                using var quad = Quad(_projection.OutputPlane, n / output.Cols, n % output.Cols, 1, 1);
                canvas.DrawPath(quad, _fill);
            }
        }
        _fill.Color = Theme.Highlight;
        using (var current = Quad(_projection.OutputPlane, frame.Output.Row, frame.Output.Col, 1, 1))
        {
            canvas.DrawPath(current, _fill);
        }
        Stroke(canvas, _outputGrid, _theme.ThickLine);
    }

    private void DrawInputNumbers(SKCanvas canvas, Frame frame, AnimationValues values)
    {
        var grid = values.Grid;
        for (var r = 0; r < grid.GetLength(0); r++)
            for (var c = 0; c < grid.GetLength(1); c++)
                DrawText(canvas, _projection.InputPlane, FormatInput(grid[r, c]), c + 0.5f, r + 0.5f, 0.56f, SKTextAlign.Center);

        if (values.Kernel is not { } kernel) return;
        var columns = kernel.GetLength(1);
        for (var t = 0; t < frame.Taps.Count; t++)
        {
            var tap = frame.Taps[t];
            DrawText(canvas, _projection.InputPlane, FormatInput(kernel[t / columns, t % columns]), tap.Col + 0.95f, tap.Row + 0.82f, 0.34f, SKTextAlign.Right);
        }
    }

    private void DrawOutputNumbers(SKCanvas canvas, int index, AnimationValues values)
    {
        var columns = values.Output.GetLength(1);
        for (var n = 0; n <= index; n++)
        {
            var (r, c) = (n / columns, n % columns);
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
        var baseline = row + size * 0.35f;
        canvas.DrawText(text, col, baseline, align, _font, _text);
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

    private static IEnumerable<Cell> CellsOf(CellKind[,] grid, CellKind kind)
    {
        for (var r = 0; r < grid.GetLength(0); r++)
            for (var c = 0; c < grid.GetLength(1); c++)
                if (grid[r, c] == kind) yield return new Cell(r, c);
    }

    private static SKPath Quad(SKMatrix plane, int row, int col, int rows, int cols)
    {
        var path = new SKPath();
        path.MoveTo(plane.MapPoint(col, row));
        path.LineTo(plane.MapPoint(col + cols, row));
        path.LineTo(plane.MapPoint(col + cols, row + rows));
        path.LineTo(plane.MapPoint(col, row + rows));
        path.Close();
        return path;
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
        var edges = new HashSet<(int Row, int Col, bool Horizontal)>();
        foreach (var cell in cells)
        {
            edges.Add((cell.Row, cell.Col, true));
            edges.Add((cell.Row + 1, cell.Col, true));
            edges.Add((cell.Row, cell.Col, false));
            edges.Add((cell.Row, cell.Col + 1, false));
        }
        var path = new SKPath();
        foreach (var (row, col, horizontal) in edges.OrderBy(e => e))
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
        _dashed.Dispose();
        _text.Dispose();
        _font.Dispose();
        _paddingGrid.Dispose();
        _inputGrid.Dispose();
        _outputGrid.Dispose();
        _theme.Dispose();
    }
}
