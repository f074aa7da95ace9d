using ConvAnimations.Arithmetic;
using ConvAnimations.Spec;
using SkiaSharp;

namespace ConvAnimations.Rendering;

/// <summary>
/// Maps the two planes of a figure, in cell units (column right, row down, from the top-left corner), to pixels.
/// Both projections are affine, so a plane is one matrix: points are mapped through it and drawn with uniform
/// strokes, and numbers are drawn under it so they lie in the plane.
/// </summary>
public sealed record Projection(SKMatrix InputPlane, SKMatrix OutputPlane, SKSizeI Size, bool Connectors)
{
    /// <param name="grid">The grid the kernel slides over (the input plane).</param>
    /// <param name="output">The output map.</param>
    public static Projection For(FigureStyle style, Size2 grid, Size2 output, Theme theme)
    {
        var (input, top) = style == FigureStyle.Isometric
            ? (Slanted(grid, 0, theme.CellSize), Slanted(output, Math.Max(grid.Rows, grid.Cols) + 1, theme.CellSize))
            : (Flat(0, 0, theme.CellSize), Flat(grid.Cols + 1, (grid.Rows - output.Rows) / 2f, theme.CellSize));

        var corners = Corners(input, grid).Concat(Corners(top, output)).ToArray();
        var (minX, minY) = (corners.Min(p => p.X), corners.Min(p => p.Y));
        var (maxX, maxY) = (corners.Max(p => p.X), corners.Max(p => p.Y));
        // Even sizes: H.264 in yuv420p needs them, and one size serves every format.
        var width = Even((int)Math.Ceiling(maxX - minX + 2 * theme.Margin));
        var height = Even((int)Math.Ceiling(maxY - minY + 2 * theme.Margin));
        var shift = SKMatrix.CreateTranslation(theme.Margin - minX + (width - (maxX - minX + 2 * theme.Margin)) / 2, theme.Margin - minY + (height - (maxY - minY + 2 * theme.Margin)) / 2);
        return new Projection(shift.PreConcat(input), shift.PreConcat(top), new SKSizeI(width, height), style == FigureStyle.Isometric);
    }

    /// <summary>
    /// The guide's slant: grid point (x, y), x right and y up, is drawn at (x - 0.7y, 0.5x + 0.65y) with y up, the
    /// matrix's top-left cell at the left corner; a plane is raised by <paramref name="elevation"/> cells.
    /// </summary>
    private static SKMatrix Slanted(Size2 plane, float elevation, float cell)
    {
        // With x = col and y = rows - row, and screen y pointing down:
        //   sx = cell * (col + 0.7 row - 0.7 rows)
        //   sy = cell * (-0.5 col + 0.65 row - 0.65 rows - elevation)
        return new SKMatrix(
            cell, 0.7f * cell, -0.7f * cell * plane.Rows,
            -0.5f * cell, 0.65f * cell, -cell * (0.65f * plane.Rows + elevation),
            0, 0, 1);
    }

    private static SKMatrix Flat(float col, float row, float cell) =>
        new(cell, 0, cell * col, 0, cell, cell * row, 0, 0, 1);

    private static IEnumerable<SKPoint> Corners(SKMatrix plane, Size2 size) =>
        new[] { new SKPoint(0, 0), new SKPoint(size.Cols, 0), new SKPoint(0, size.Rows), new SKPoint(size.Cols, size.Rows) }
            .Select(plane.MapPoint);

    private static int Even(int n) => n + (n & 1);
}
