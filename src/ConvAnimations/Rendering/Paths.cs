using ConvAnimations.Layout;
using SkiaSharp;

namespace ConvAnimations.Rendering;

/// <summary>The paths every drawing step is made of, mapped from a plane's cell units to pixels by its matrix.</summary>
internal static class Paths
{
    /// <summary>One closed quadrilateral per cell (or per block of <paramref name="size"/> cells).</summary>
    public static SKPath Cells(SKMatrix plane, IEnumerable<Cell> cells, Arithmetic.Size2? size = null)
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
    public static SKPath FullGrid(SKMatrix plane, Cell topLeft, int rows, int cols)
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
    public static SKPath Dashes(SKPath lines, float[] pattern)
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
    public static SKPath CellEdges(SKMatrix plane, IEnumerable<Cell> cells)
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

    /// <summary>The four sides of a rectangle as separate lines (so dashes start at each corner).</summary>
    public static SKPath Sides(SKRect r)
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
    /// The fraction of the segment from <paramref name="from"/> to <paramref name="to"/> before it enters the convex
    /// polygon <paramref name="corners"/>: Cyrus-Beck clipping against each edge's inner half-plane.
    /// </summary>
    public static float Entry(SKPoint from, SKPoint to, SKPoint[] corners)
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
}
