using ConvAnimations.Spec;

namespace ConvAnimations.Scenes;

/// <summary>An affine map of the picture, (x, y) to (ScaleX x + SkewX y + TransX, SkewY x + ScaleY y + TransY).</summary>
internal readonly record struct Affine(float ScaleX, float SkewX, float TransX, float SkewY, float ScaleY, float TransY)
{
    public (float X, float Y) Map(float x, float y) => (ScaleX * x + SkewX * y + TransX, SkewY * x + ScaleY * y + TransY);
}

/// <summary>
/// Where each plane's cells fall on the picture, in cells (x right, y down): the one place the guide's slant is
/// written. The renderer scales these maps to pixels; composed scenes measure their parts with them.
/// </summary>
internal static class PlaneMaps
{
    /// <summary>The map of <paramref name="plane"/> with a cell of <paramref name="cell"/> units, in a scene of <paramref name="style"/>.</summary>
    public static Affine Of(Plane plane, FigureStyle style, float cell = 1)
    {
        var (dx, dy) = (plane.Shift.X * cell, plane.Shift.Y * cell);
        var map = (plane.Style ?? style) == FigureStyle.Isometric ? Slanted(plane, cell) : Flat(plane, cell);
        return map with { TransX = map.TransX + dx, TransY = map.TransY + dy };
    }

    /// <summary>
    /// The guide's slant: world point (x, y, z), x right, y into the picture and z up, is drawn at
    /// (x - 0.7y, 0.5x + 0.65y + z) with screen y up; a plane's cell (row, col) is the world point
    /// (X + col, Y + rows - row, elevation), so its top-left cell is at its left corner.
    /// </summary>
    private static Affine Slanted(Plane plane, float cell)
    {
        var (x, y, z, rows) = (plane.At.X, plane.At.Y, plane.At.Elevation, plane.Size.Rows);
        // With screen y pointing down:
        //   sx = cell * (x + col - 0.7 (y + rows - row))
        //   sy = -cell * (0.5 (x + col) + 0.65 (y + rows - row) + z)
        return new Affine(
            cell, 0.7f * cell, cell * (x - 0.7f * (y + rows)),
            -0.5f * cell, 0.65f * cell, -cell * (0.5f * x + 0.65f * (y + rows) + z));
    }

    /// <summary>
    /// A flat plane: its top-left corner at (X, Y), y down, its cells <see cref="Plane.Unit"/> long on each axis. The top
    /// and side faces of a block recede up and to the right at 45 degrees, shortened to <see cref="Recedes"/> (a cabinet
    /// projection): a top face's rows run from its back edge to its front edge, whose left end is at (X, Y); a side
    /// face's columns from its front edge, whose top end is at (X, Y), to its back edge.
    /// </summary>
    private static Affine Flat(Plane plane, float cell)
    {
        var (x, y, ur, uc) = (cell * plane.At.X, cell * plane.At.Y, cell * plane.Unit.Rows, cell * plane.Unit.Cols);
        var depth = plane.Size.Rows * ur * Recedes;
        return plane.Face switch
        {
            Face.Top => new Affine(uc, -ur * Recedes, x + depth, 0, ur * Recedes, y - depth),
            Face.Side => new Affine(uc * Recedes, 0, x, -uc * Recedes, ur, y),
            _ => new Affine(uc, 0, x, 0, ur, y),
        };
    }

    /// <summary>How far a block's depth recedes on a flat picture, per cell of depth, right and up: half a cell along the diagonal.</summary>
    public const float Recedes = 0.3535534f;

    /// <summary>The corners of a plane on the picture in drawing order (top-left, top-right, bottom-right, bottom-left).</summary>
    private static IEnumerable<(float X, float Y)> Corners(Affine map, Arithmetic.Size2 size) =>
        new[] { (0f, 0f), (size.Cols, 0f), (size.Cols, size.Rows), (0f, (float)size.Rows) }.Select(p => map.Map(p.Item1, p.Item2));

    /// <summary>The box of a scene's planes on the picture, in cells: left, top, right, bottom.</summary>
    public static (float Left, float Top, float Right, float Bottom) Bounds(Scene scene)
    {
        var corners = scene.Planes.SelectMany(p => Corners(Of(p, scene.Style), p.Size)).ToList();
        return (corners.Min(c => c.X), corners.Min(c => c.Y), corners.Max(c => c.X), corners.Max(c => c.Y));
    }
}
