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
public sealed record Projection(IReadOnlyList<SKMatrix> Planes, SKSizeI Size, IReadOnlyList<PlacedText> Captions, IReadOnlyList<PlacedKey> Legend)
{
    public static Projection For(Scene scene, Theme theme, SKFont font)
    {
        var planes = scene.Planes.Select(p => Matrix(PlaneMaps.Of(p, scene.Style, theme.CellSize))).ToList();
        var corners = scene.Planes.SelectMany((p, i) => Corners(planes[i], p.Size)).ToArray();
        var maps = new SKRect(corners.Min(p => p.X), corners.Min(p => p.Y), corners.Max(p => p.X), corners.Max(p => p.Y));
        maps = OutsideLabels(scene, planes, font).Aggregate(maps, (a, b) => SKRect.Union(a, b));
        var (captions, legend) = Annotate(scene, planes, maps, theme, font);
        var all = captions.Select(c => c.Bounds).Concat(legend.Select(k => k.Bounds)).Aggregate(maps, (a, b) => SKRect.Union(a, b));
        // Even sizes: H.264 in yuv420p needs them, and one size serves every format.
        var width = Even((int)Math.Ceiling(all.Width + 2 * theme.Margin));
        var height = Even((int)Math.Ceiling(all.Height + 2 * theme.Margin));
        var (dx, dy) = (theme.Margin - all.Left + (width - (all.Width + 2 * theme.Margin)) / 2, theme.Margin - all.Top + (height - (all.Height + 2 * theme.Margin)) / 2);
        var shift = SKMatrix.CreateTranslation(dx, dy);
        return new Projection(planes.Select(shift.PreConcat).ToList(), new SKSizeI(width, height),
            captions.Select(c => c with { Origin = new SKPoint(c.Origin.X + dx, c.Origin.Y + dy), Bounds = Offset(c.Bounds, dx, dy) }).ToList(),
            legend.Select(k => k with { Swatch = Offset(k.Swatch, dx, dy), Text = k.Text with { Origin = new SKPoint(k.Text.Origin.X + dx, k.Text.Origin.Y + dy), Bounds = Offset(k.Text.Bounds, dx, dy) }, Bounds = Offset(k.Bounds, dx, dy) }).ToList());
    }

    /// <summary>
    /// The boxes of a plane's own text written outside its cells (the symbols of an equation beside a matrix): the
    /// picture grows to hold them. Text inside the cells is inside the plane already.
    /// </summary>
    private static IEnumerable<SKRect> OutsideLabels(Scene scene, List<SKMatrix> planes, SKFont font)
    {
        for (var i = 0; i < scene.Planes.Count; i++)
        {
            var size = scene.Planes[i].Size;
            foreach (var label in scene.Planes[i].Labels.Where(l => l.Col < 0 || l.Row < 0 || l.Col > size.Cols || l.Row > size.Rows))
            {
                font.Size = label.Size;
                var width = font.MeasureText(label.Text);
                var left = label.Align switch { TextAlign.Left => label.Col, TextAlign.Center => label.Col - width / 2, _ => label.Col - width };
                var box = planes[i].MapRect(new SKRect(left, label.Row - label.Size * 0.7f, left + width, label.Row + label.Size * 0.5f));
                yield return box;
            }
        }
    }

    private static SKRect Offset(SKRect r, float dx, float dy) => new(r.Left + dx, r.Top + dy, r.Right + dx, r.Bottom + dy);

    /// <summary>
    /// Captions in lines above and below the maps (which hold every connecting line too), centred on their plane;
    /// one that would touch another on its line moves down a line. The legend's keys follow in rows below.
    /// </summary>
    private static (List<PlacedText> Captions, List<PlacedKey> Legend) Annotate(Scene scene, List<SKMatrix> planes, SKRect maps, Theme theme, SKFont font)
    {
        font.Size = theme.TextSize;
        var metrics = font.Metrics;
        var line = (metrics.Descent - metrics.Ascent) * 1.25f;
        var gap = theme.Margin / 2;
        var placed = new List<PlacedText>();
        foreach (var band in new[] { Band.Above, Band.Below })
        {
            var lines = new List<List<SKRect>>();
            foreach (var caption in scene.Annotations.Captions.Where(c => c.Band == band))
            {
                var width = font.MeasureText(caption.Text);
                var centre = caption.Plane is { } p ? Centre(Corners(planes[p], scene.Planes[p].Size)) : maps.MidX;
                var (left, right) = (centre - width / 2, centre + width / 2);
                var spacing = theme.TextSize;
                var at = caption.Plane is null ? lines.Count : lines.FindIndex(l => l.All(r => right + spacing <= r.Left || left - spacing >= r.Right));
                if (at < 0) at = lines.Count;
                if (at == lines.Count) lines.Add([]);
                // Line n's baseline, counted away from the maps.
                var baseline = band == Band.Below ? maps.Bottom + gap + at * line - metrics.Ascent : maps.Top - gap - at * line - metrics.Descent;
                var bounds = new SKRect(left, baseline + metrics.Ascent, right, baseline + metrics.Descent);
                lines[at].Add(bounds);
                placed.Add(new PlacedText(caption.Text, new SKPoint(left, baseline), bounds) { Plane = caption.Plane });
            }
        }

        var keys = new List<PlacedKey>();
        var entries = scene.Annotations.Legend;
        if (entries.Count == 0) return (placed, keys);
        var top = placed.Where(c => c.Bounds.Top >= maps.Bottom).Select(c => c.Bounds.Bottom).DefaultIfEmpty(maps.Bottom).Max() + gap;
        var swatch = theme.TextSize;
        var widths = entries.Select(e => swatch * 1.4f + font.MeasureText(e.Text)).ToList();
        var available = Math.Max(maps.Width, widths.Max());
        var rows = new List<List<int>> { new() };
        foreach (var (w, i) in widths.Select((w, i) => (w, i)))
        {
            var used = rows[^1].Sum(j => widths[j] + swatch);
            if (rows[^1].Count > 0 && used + w > available) rows.Add([]);
            rows[^1].Add(i);
        }
        for (var r = 0; r < rows.Count; r++)
        {
            var x = maps.MidX - (rows[r].Sum(j => widths[j]) + swatch * (rows[r].Count - 1)) / 2;
            var baseline = top + r * line - metrics.Ascent;
            foreach (var i in rows[r])
            {
                var box = SKRect.Create(x, baseline - swatch * 0.85f, swatch, swatch);
                var textLeft = x + swatch * 1.4f;
                var text = new PlacedText(entries[i].Text, new SKPoint(textLeft, baseline),
                    new SKRect(textLeft, baseline + metrics.Ascent, x + widths[i], baseline + metrics.Descent));
                keys.Add(new PlacedKey(entries[i], box, text, SKRect.Union(box, text.Bounds)));
                x += widths[i] + swatch;
            }
        }
        return (placed, keys);
    }

    private static float Centre(IEnumerable<SKPoint> corners)
    {
        var xs = corners.Select(p => p.X).ToList();
        return (xs.Min() + xs.Max()) / 2;
    }

    /// <summary>The outline of a plane on the canvas, as a closed path.</summary>
    public SKPath Outline(int plane, Size2 size)
    {
        var path = new SKPath();
        path.AddPoly(Corners(Planes[plane], size).ToArray());
        return path;
    }

    private static SKMatrix Matrix(Affine map) => new(map.ScaleX, map.SkewX, map.TransX, map.SkewY, map.ScaleY, map.TransY, 0, 0, 1);

    /// <summary>The corners of a plane in drawing order (top-left, top-right, bottom-right, bottom-left).</summary>
    private static IEnumerable<SKPoint> Corners(SKMatrix plane, Size2 size) =>
        new[] { new SKPoint(0, 0), new SKPoint(size.Cols, 0), new SKPoint(size.Cols, size.Rows), new SKPoint(0, size.Rows) }
            .Select(plane.MapPoint);

    private static int Even(int n) => n + (n & 1);
}

/// <summary>Upright text on the canvas: its baseline's left end and the box its line takes.</summary>
public sealed record PlacedText(string Text, SKPoint Origin, SKRect Bounds)
{
    /// <summary>The plane it names, shown only when that plane is (null: always).</summary>
    public int? Plane { get; init; }
}

/// <summary>A key of the legend on the canvas: its swatch, its text, and the box of both.</summary>
public sealed record PlacedKey(LegendEntry Entry, SKRect Swatch, PlacedText Text, SKRect Bounds);
