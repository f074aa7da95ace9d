using ConvAnimations.Spec;

namespace ConvAnimations.Scenes;

/// <summary>
/// Scenes made of scenes: side by side, playing in step (a part that ends early holds its last frame), or one after
/// another on one canvas large enough for each. Each part keeps its own projection; its planes are moved into place
/// and its marks renumbered, so the renderer draws a composed scene like any other.
/// </summary>
public static class SceneComposer
{
    /// <summary>The gap between the parts of a figure side by side, in cells.</summary>
    public const float Gap = 2;

    /// <summary>The parts left to right, <paramref name="gap"/> cells apart, their middles on one line.</summary>
    public static Scene Beside(IReadOnlyList<Scene> parts, float gap, double scale, ThemeSpec theme)
    {
        var count = parts.Max(p => p.Frames.Count);
        var shifts = new List<Offset>();
        var cursor = 0f;
        foreach (var part in parts)
        {
            var (left, top, right, bottom) = PlaneMaps.Bounds(part);
            shifts.Add(new Offset(cursor - left, -(top + bottom) / 2));
            cursor += right - left + gap;
        }
        // A part's frame n is frame min(n, its last): it holds its last frame while the others play on.
        return Combine(parts, shifts, count, (part, n) => Math.Min(n, parts[part].Frames.Count - 1),
            (part, span) => span.First + span.Count == parts[part].Frames.Count ? span with { Count = count - span.First } : span, scale, theme);
    }

    /// <summary>The parts one after another, each centred on the same point.</summary>
    public static Scene Sequence(IReadOnlyList<Scene> parts, double scale, ThemeSpec theme)
    {
        var starts = new List<int>();
        var total = 0;
        foreach (var part in parts)
        {
            starts.Add(total);
            total += part.Frames.Count;
        }
        var shifts = parts.Select(p => PlaneMaps.Bounds(p)).Select(b => new Offset(-(b.Left + b.Right) / 2, -(b.Top + b.Bottom) / 2)).ToList();
        int PartOf(int n) => starts.FindLastIndex(s => s <= n);
        return Combine(parts, shifts, total, (part, n) => PartOf(n) == part ? n - starts[part] : -1,
            (part, span) => span with { First = starts[part] + span.First }, scale, theme);
    }

    /// <param name="local">A part's frame shown on composed frame n, or -1 when the part is not on show.</param>
    /// <param name="span">Where the frames a part's plane shows on fall in the composed scene.</param>
    private static Scene Combine(IReadOnlyList<Scene> parts, IReadOnlyList<Offset> shifts, int count, Func<int, int, int> local,
        Func<int, FrameSpan, FrameSpan> span, double scale, ThemeSpec theme)
    {
        var planes = new List<Plane>();
        var firstPlane = new List<int>();
        var links = new List<CellLinks>();
        var captions = new List<Caption>();
        var legend = new List<LegendEntry>();
        for (var k = 0; k < parts.Count; k++)
        {
            var part = parts[k];
            var offset = planes.Count;
            firstPlane.Add(offset);
            var whole = new FrameSpan(0, part.Frames.Count);
            foreach (var plane in part.Planes)
            {
                planes.Add(plane with
                {
                    Labels = plane.Labels.Select(l => l with { Plane = l.Plane + offset }).ToList(),
                    Style = plane.Style ?? part.Style,
                    Shift = new Offset(plane.Shift.X + shifts[k].X, plane.Shift.Y + shifts[k].Y),
                    Visible = span(k, plane.Visible ?? whole) is var s && s == new FrameSpan(0, count) ? null : s,
                });
            }
            var index = k;
            links.Add(part.Links.Moved(offset, s => span(index, s)));
            // A caption across a part's picture goes under (or over) its first plane.
            captions.AddRange(part.Annotations.Captions.Select(c => c with { Plane = (c.Plane ?? 0) + offset }));
            legend.AddRange(part.Annotations.Legend.Where(e => !legend.Contains(e)));
        }
        var frames = new OnDemand<SceneFrame>(count, n => new SceneFrame(parts
            .SelectMany((part, k) => local(k, n) is var m and >= 0 ? part.Frames[m].Marks.Select(mark => Renumbered(mark, firstPlane[k])) : [])
            .ToList()));
        return new Scene(parts[0].Style, planes, frames, scale, theme, new Annotations(captions, legend)) { Links = CellLinks.Concat(links) };
    }

    private static Mark Renumbered(Mark mark, int offset) => mark switch
    {
        Connector c => new Connector(c.From with { Plane = c.From.Plane + offset }, c.To with { Plane = c.To.Plane + offset }),
        _ => mark with { Plane = mark.Plane + offset },
    };
}
