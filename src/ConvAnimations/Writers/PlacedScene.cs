using ConvAnimations.Layout;
using ConvAnimations.Rendering;
using ConvAnimations.Scenes;
using SkiaSharp;

namespace ConvAnimations.Writers;

/// <summary>
/// A scene placed on its frame exactly as the renderer places it, for the writers that write the scene itself rather
/// than its pixels (TikZ, PowerPoint): each plane's map from its cells to the frame's pixels, the captions and the
/// legend where the frames show them, the theme's colours and lines, and what each frame draws in which order.
/// </summary>
internal sealed class PlacedScene
{
    private readonly SKPoint[][] _outlines;

    /// <summary>The drawing's scene, placed by the drawing's own renderer (its theme and projection).</summary>
    public PlacedScene(Drawing drawing)
    {
        var scene = Scene = drawing.Figure.Scene;
        Theme = drawing.Renderer.Theme;
        Projection = drawing.Renderer.Projection;
        _outlines = scene.Planes.Select((p, i) =>
        {
            using var outline = Projection.Outline(i, p.Size);
            return outline.Points;
        }).ToArray();
    }

    public Scene Scene { get; }

    public Theme Theme { get; }

    /// <summary>Each plane's matrix from its cells to pixels, the frame's size, the captions and the legend in pixels.</summary>
    public Projection Projection { get; }

    public SKSizeI Size => Projection.Size;

    /// <summary>The planes frame <paramref name="frame"/> shows, back to front.</summary>
    public IEnumerable<int> VisiblePlanes(int frame) => Enumerable.Range(0, Scene.Planes.Count).Where(p => Scene.Planes[p].VisibleOn(frame));

    /// <summary>What frame <paramref name="frame"/> draws, back to front: each plane on show and the frame's marks on it.</summary>
    public IEnumerable<(int Plane, IReadOnlyList<Mark> Marks)> Layers(int frame)
    {
        var marks = Scene.Frames[frame].Marks;
        return VisiblePlanes(frame).Select(p => (p, (IReadOnlyList<Mark>)marks.Where(m => m.Plane == p).ToList()));
    }

    /// <summary>The captions frame <paramref name="frame"/> shows (those of planes it hides are left out).</summary>
    public IEnumerable<PlacedText> Captions(int frame) => Projection.Captions.Where(c => c.Plane is not { } p || Scene.Planes[p].VisibleOn(frame));

    /// <summary>A point of a plane in pixels.</summary>
    public SKPoint Pixel(int plane, float col, float row) => Projection.Planes[plane].MapPoint(col, row);

    /// <summary>
    /// Where a connector stops, as a point of the plane it leads to: where it passes behind that plane (it rises from
    /// below, so the plane hides the rest), as the renderer draws it.
    /// </summary>
    public (float Col, float Row) ConnectorEnd(Connector connector)
    {
        var from = Pixel(connector.From.Plane, connector.From.Col, connector.From.Row);
        var to = Pixel(connector.To.Plane, connector.To.Col, connector.To.Row);
        var visible = Paths.Entry(from, to, _outlines[connector.To.Plane]);
        if (visible >= 1) return (connector.To.Col, connector.To.Row);
        var end = new SKPoint(from.X + (to.X - from.X) * visible, from.Y + (to.Y - from.Y) * visible);
        Projection.Planes[connector.To.Plane].TryInvert(out var inverse);
        var cell = inverse.MapPoint(end);
        return (cell.X, cell.Y);
    }

    /// <summary>The cells of a plane that have a colour on every frame (a map's input and output cells), by kind.</summary>
    public static IEnumerable<(Cell Cell, CellKind Kind)> CellsOf(Plane plane)
    {
        for (var r = 0; r < plane.Size.Rows; r++)
            for (var c = 0; c < plane.Size.Cols; c++)
                yield return (new Cell(r, c), plane.Cells[r, c]);
    }

    /// <summary>Whether text on <paramref name="surface"/> takes the light ink (else the dark one).</summary>
    public bool LightInk(Surface surface) => Theme.InkOn(surface) == Theme.LightInk && Theme.LightInk != Theme.DarkInk;

    /// <summary>
    /// What a plane is, in a few words, for names and comments: the map of a figure's grid (input, padding, inserted
    /// zeros), an output map, or room for text and matrices.
    /// </summary>
    public string Describe(int plane)
    {
        var p = Scene.Planes[plane];
        var size = $"{p.Size.Rows}x{p.Size.Cols}";
        if (!p.Coloured) return $"plane {plane} ({size})";
        var kinds = CellsOf(p).Select(c => c.Kind).ToHashSet();
        var what = kinds.Contains(CellKind.Output) && !kinds.Contains(CellKind.Input) ? "output"
            : p.InputShade == Shade.Input ? "input" : "input behind";
        var extra = string.Concat(kinds.Contains(CellKind.Padding) && kinds.Contains(CellKind.Input) ? ", with padding" : "",
            kinds.Contains(CellKind.InsertedZero) ? ", with inserted zeros" : "");
        return $"{what} {size}{extra}";
    }
}
