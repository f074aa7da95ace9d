using ConvAnimations.Scenes;
using SkiaSharp;

namespace ConvAnimations.Rendering;

/// <summary>The steps a mark is drawn in, and whether the planes in front of its own may hide them.</summary>
internal sealed record MarkDrawing(IReadOnlyList<Step> Steps, bool Hidden = true);

/// <summary>
/// Turns each kind of mark into its drawing steps, in the projection's pixels and the theme's colours: one method a
/// mark type, so a new mark cannot be left undrawn.
/// </summary>
internal sealed class MarkSteps(Projection projection, SKPath[] outlines, Theme theme, Paints paints, Glyphs glyphs) : IMarkVisitor<MarkDrawing>
{
    public MarkDrawing Visit(CellFill fill) =>
        new([paints.Fill(Paths.Cells(Plane(fill), fill.Cells), theme.ColourOf(fill.Shade))]);

    public MarkDrawing Visit(CellBorders borders) =>
        new([paints.Stroke(Paths.CellEdges(Plane(borders), borders.Cells), theme.Lines, theme.ThickLine)]);

    public MarkDrawing Visit(BlockLines block)
    {
        var lines = Paths.FullGrid(Plane(block), block.TopLeft, block.Size.Rows, block.Size.Cols);
        if (!block.Dashed) return new([paints.Stroke(lines, theme.Lines, theme.ThickLine)]);
        using (lines) return new([paints.Stroke(Paths.Dashes(lines, theme.Dash), theme.Lines, theme.ThickLine)]);
    }

    public MarkDrawing Visit(Label label) => new([paints.Fill(glyphs.Path(label), theme.InkOn(label.On))]);

    /// <summary>A connector, drawn up to where it passes behind the plane it leads to (it rises from below, so the plane hides the rest).</summary>
    public MarkDrawing Visit(Connector connector)
    {
        var from = projection.Planes[connector.From.Plane].MapPoint(connector.From.Col, connector.From.Row);
        var to = projection.Planes[connector.To.Plane].MapPoint(connector.To.Col, connector.To.Row);
        var visible = Paths.Entry(from, to, outlines[connector.To.Plane].Points);
        var path = new SKPath();
        path.MoveTo(from);
        path.LineTo(from.X + (to.X - from.X) * visible, from.Y + (to.Y - from.Y) * visible);
        return new([paints.Stroke(path, theme.Lines, theme.ThinLine)], Hidden: false);
    }

    /// <summary>A line in a plane, with a filled arrowhead at its end when asked, pointing along the line on the picture.</summary>
    public MarkDrawing Visit(Segment segment)
    {
        var plane = Plane(segment);
        var from = plane.MapPoint(segment.FromCol, segment.FromRow);
        var to = plane.MapPoint(segment.ToCol, segment.ToRow);
        var width = segment.Weight == Weight.Thick ? theme.ThickLine : theme.ThinLine;
        var length = SKPoint.Distance(from, to);
        var head = Math.Min(width * 5, length * 0.6f);
        var direction = length > 0 ? new SKPoint((to.X - from.X) / length, (to.Y - from.Y) / length) : new SKPoint(1, 0);
        // The shaft stops where the head begins, so the head keeps its sharp point.
        var shaftEnd = segment.Arrowhead ? to - new SKPoint(direction.X * head * 0.8f, direction.Y * head * 0.8f) : to;
        var shaft = new SKPath();
        shaft.MoveTo(from);
        shaft.LineTo(shaftEnd);
        if (!segment.Arrowhead) return new([paints.Stroke(shaft, theme.Lines, width)]);
        var normal = new SKPoint(-direction.Y, direction.X);
        var back = to - new SKPoint(direction.X * head, direction.Y * head);
        var arrow = new SKPath();
        arrow.MoveTo(to);
        arrow.LineTo(back + new SKPoint(normal.X * head * 0.45f, normal.Y * head * 0.45f));
        arrow.LineTo(back - new SKPoint(normal.X * head * 0.45f, normal.Y * head * 0.45f));
        arrow.Close();
        return new([paints.Stroke(shaft, theme.Lines, width), paints.Fill(arrow, theme.Lines)]);
    }

    /// <summary>Three round dots a quarter cell apart, across or down.</summary>
    public MarkDrawing Visit(Ellipsis dots)
    {
        var plane = Plane(dots);
        var path = new SKPath();
        for (var i = -1; i <= 1; i++)
        {
            var centre = plane.MapPoint(dots.Col + (dots.Vertical ? 0 : i * 0.25f), dots.Row + (dots.Vertical ? i * 0.25f : 0));
            path.AddCircle(centre.X, centre.Y, theme.ThickLine * 0.9f);
        }
        return new([paints.Fill(path, theme.Lines)]);
    }

    public MarkDrawing Visit(BlockOutline outline) =>
        new([paints.Stroke(Paths.Cells(Plane(outline), [outline.TopLeft], outline.Size), theme.Lines, theme.ThickLine)]);

    public MarkDrawing Visit(Dot dot)
    {
        var centre = Plane(dot).MapPoint(dot.Col, dot.Row);
        var path = new SKPath();
        path.AddCircle(centre.X, centre.Y, theme.ThickLine * 1.6f);
        return new([paints.Fill(path, theme.Lines)]);
    }

    /// <summary>A circle in its plane: filled, under the highlight when asked, outlined solid or in dashes (a zero unit).</summary>
    public MarkDrawing Visit(Unit unit)
    {
        var plane = Plane(unit);
        SKPath Circle()
        {
            var path = new SKPath();
            path.AddCircle(unit.Col, unit.Row, unit.Radius);
            path.Transform(plane);
            return path;
        }
        var steps = new List<Step> { paints.Fill(Circle(), unit.Fill is { } fill ? theme.ColourOf(fill) : theme.Background) };
        if (unit.Highlighted) steps.Add(paints.Fill(Circle(), theme.Highlight));
        steps.Add(paints.Stroke(unit.Dashed ? DashedCircle(plane, unit) : Circle(), theme.Lines, theme.ThickLine));
        return new(steps);
    }

    /// <summary>The outline of a zero unit as arcs: as many dashes as the guide's dash pattern fits around it, evenly spread.</summary>
    private SKPath DashedCircle(SKMatrix plane, Unit unit)
    {
        var circumference = 2 * MathF.PI * unit.Radius * theme.CellSize;
        var period = theme.Dash[0] + theme.Dash[1];
        var count = Math.Max(4, (int)MathF.Round(circumference / period));
        var sweep = 360f / count * theme.Dash[0] / period;
        var path = new SKPath();
        var box = new SKRect(unit.Col - unit.Radius, unit.Row - unit.Radius, unit.Col + unit.Radius, unit.Row + unit.Radius);
        for (var i = 0; i < count; i++) path.AddArc(box, -90 + i * 360f / count, sweep);
        path.Transform(plane);
        return path;
    }

    /// <summary>A straight edge in its tap's colour (and dash), thick or thin, in its tone: full, faint, or a light hairline.</summary>
    public MarkDrawing Visit(Edge edge)
    {
        var plane = Plane(edge);
        var width = edge.Weight == Weight.Thick ? theme.ThickLine * 1.3f : edge.Tone == EdgeTone.Hairline ? theme.ThinLine : theme.ThinLine * 1.4f;
        var style = edge.Tap is { } tap ? theme.Tap(tap) : new TapStyle(theme.Lines, null);
        var line = new SKPath();
        line.MoveTo(plane.MapPoint(edge.FromCol, edge.FromRow));
        line.LineTo(plane.MapPoint(edge.ToCol, edge.ToRow));
        var colour = edge.Tone switch { EdgeTone.Faint => Translucent(style.Colour, 0.28f), EdgeTone.Hairline => Translucent(style.Colour, 0.14f), _ => style.Colour };
        if (style.Dash is not { } dash) return new([paints.Stroke(line, colour, width)]);
        using (line) return new([paints.Stroke(Paths.Dashes(line, [dash[0] * width, dash[1] * width]), colour, width)]);
    }

    public MarkDrawing Visit(Tint tint) =>
        new([paints.Fill(Paths.Cells(Plane(tint), tint.Cells), Translucent(theme.ColourOf(tint.Shade), Math.Clamp(tint.Level, 0, 1)))]);

    /// <summary>
    /// A colour at <paramref name="opacity"/>. SkiaSharp's SVG writer drops the opacity of pure black (it leaves out
    /// both attributes), so black becomes #010101, which looks the same and stays translucent.
    /// </summary>
    private static SKColor Translucent(SKColor colour, float opacity) =>
        (colour == SKColors.Black ? new SKColor(1, 1, 1) : colour).WithAlpha((byte)MathF.Round(opacity * 255));

    private SKMatrix Plane(Mark mark) => projection.Planes[mark.Plane];
}
