using ConvAnimations.Arithmetic;
using ConvAnimations.Scenes;
using ConvAnimations.Spec;
using SkiaSharp;

namespace ConvAnimations.Rendering;

/// <summary>
/// Maps each plane of a scene, in cell units (column right, row down, from its top-left corner), to pixels, and
/// sizes the canvas to hold them all with the theme's margin. Both styles are affine, so a plane is one matrix:
/// points are mapped through it and drawn with uniform strokes, and text is drawn under it so it lies in the plane.
/// </summary>
public sealed record Projection(IReadOnlyList<SKMatrix> Planes, SKSizeI Size)
{
    public static Projection For(Scene scene, Theme theme)
    {
        var planes = scene.Planes.Select(p => scene.Style == FigureStyle.Isometric ? Slanted(p, theme.CellSize) : Flat(p, theme.CellSize)).ToList();
        var corners = scene.Planes.SelectMany((p, i) => Corners(planes[i], p.Size)).ToArray();
        var (minX, minY) = (corners.Min(p => p.X), corners.Min(p => p.Y));
        var (maxX, maxY) = (corners.Max(p => p.X), corners.Max(p => p.Y));
        // Even sizes: H.264 in yuv420p needs them, and one size serves every format.
        var width = Even((int)Math.Ceiling(maxX - minX + 2 * theme.Margin));
        var height = Even((int)Math.Ceiling(maxY - minY + 2 * theme.Margin));
        var shift = SKMatrix.CreateTranslation(theme.Margin - minX + (width - (maxX - minX + 2 * theme.Margin)) / 2, theme.Margin - minY + (height - (maxY - minY + 2 * theme.Margin)) / 2);
        return new Projection(planes.Select(shift.PreConcat).ToList(), new SKSizeI(width, height));
    }

    /// <summary>The outline of a plane on the canvas, as a closed path.</summary>
    public SKPath Outline(int plane, Size2 size)
    {
        var path = new SKPath();
        path.AddPoly(Corners(Planes[plane], size).ToArray());
        return path;
    }

    /// <summary>
    /// The guide's slant: world point (x, y, z), x right, y into the picture and z up, is drawn at
    /// (x - 0.7y, 0.5x + 0.65y + z) with screen y up; a plane's cell (row, col) is the world point
    /// (X + col, Y + rows - row, elevation), so its top-left cell is at its left corner.
    /// </summary>
    private static SKMatrix Slanted(Plane plane, float cell)
    {
        var (x, y, z, rows) = (plane.At.X, plane.At.Y, plane.At.Elevation, plane.Size.Rows);
        // With screen y pointing down:
        //   sx = cell * (x + col - 0.7 (y + rows - row))
        //   sy = -cell * (0.5 (x + col) + 0.65 (y + rows - row) + z)
        return new SKMatrix(
            cell, 0.7f * cell, cell * (x - 0.7f * (y + rows)),
            -0.5f * cell, 0.65f * cell, -cell * (0.5f * x + 0.65f * (y + rows) + z),
            0, 0, 1);
    }

    private static SKMatrix Flat(Plane plane, float cell) =>
        new(cell, 0, cell * plane.At.X, 0, cell, cell * plane.At.Y, 0, 0, 1);

    /// <summary>The corners of a plane in drawing order (top-left, top-right, bottom-right, bottom-left).</summary>
    private static IEnumerable<SKPoint> Corners(SKMatrix plane, Size2 size) =>
        new[] { new SKPoint(0, 0), new SKPoint(size.Cols, 0), new SKPoint(size.Cols, size.Rows), new SKPoint(0, size.Rows) }
            .Select(plane.MapPoint);

    private static int Even(int n) => n + (n & 1);
}
