using ConvAnimations.Layout;
using ConvAnimations.Scenes;
using ConvAnimations.Spec;
using SkiaSharp;

namespace ConvAnimations.Rendering;

/// <summary>
/// Panels as a page for a paper (<c>panels: {width: 120mm, text: 8pt, letters: true}</c>): the page exactly as wide
/// as asked, in points, so that included at its width every text is the stated size. The frames are drawn without
/// their captions and legend, scaled to share the width, with lines at print weights; under them the letters
/// (a), (b), ..., then once for the page the captions as a line (wrapped to the width) and the legend.
/// </summary>
public sealed class PaperPanels : IDisposable
{
    /// <summary>The resolution of a paper's page as pixels (PNG): print's.</summary>
    public const float Dpi = 300;

    /// <summary>Line weights in points: the thick lines of grids and windows, the thin connecting lines.</summary>
    public const float ThickLine = 0.5f, ThinLine = 0.25f;

    /// <summary>The gap between panels, in points.</summary>
    private const float Gap = 4;

    /// <summary>What a cell of the page scene is: one point (the guide's cell is 29.5 px at scale 1).</summary>
    private const double PointScale = 1 / 29.5;

    private readonly SceneRenderer _panel;
    private readonly SceneRenderer _page;
    private readonly Panels _panels;
    private readonly SKSizeI _frame;

    public PaperPanels(Scene scene, Panels panels)
    {
        var paper = panels.Paper ?? throw new ArgumentException("the panels are not a page for a paper", nameof(panels));
        _panels = panels;
        var text = (float)paper.Text;
        // PDF pages are whole points wide (Skia writes them so): at most half a point, 0.15 %, from the width asked.
        var width = (float)Math.Round(paper.Width);

        // The frames without their words, at the scale that fits their column (a point of slack for rounding).
        var bare = scene with { Annotations = Annotations.None };
        // The page's margin is a line of its text, so its words stand clear of the panels.
        var pageTheme = new Theme(PointScale, scene.Theme).WithSizes(text, ThickLine, ThinLine, margin: text);
        var block = width - 2 * pageTheme.Margin - 2;
        var slot = (block - (panels.Columns - 1) * Gap) / panels.Columns;
        var scale = scene.Scale * (slot - 1) / SceneRenderer.SizeOf(bare).Width;
        for (var i = 0; i < 4 && SceneRenderer.SizeOf(bare with { Scale = scale }).Width > slot; i++) scale *= 0.99;
        var panel = bare with { Scale = scale };
        _panel = new SceneRenderer(panel, new Theme(scale, scene.Theme).WithSizes(text, ThickLine, ThinLine));
        _frame = _panel.Size;
        Cell = new Theme(scale, scene.Theme).CellSize;

        // The page: a blank slot for each panel with its letter under it, the captions as a line, the legend.
        var letters = paper.Letters ? text * 1.5f : 0;
        var (slotWidth, slotHeight) = ((int)Math.Ceiling(slot), _frame.Height);
        var planes = new List<Plane>();
        for (var n = 0; n < panels.Frames.Count; n++)
        {
            var (row, col) = (n / panels.Columns, n % panels.Columns);
            IReadOnlyList<Label> letter = paper.Letters ? [new Label(n, slotWidth / 2f, slotHeight + text * 0.8f, $"({Letter(n)})", text, TextAlign.Center, Surface.Background)] : [];
            planes.Add(new Plane(new CellKind[slotHeight, slotWidth], new Placement(col * (slot + Gap), row * (slotHeight + letters + Gap), 0), GridLine.None, Coloured: false, letter));
        }
        var captions = Lines(string.Join("; ", Captions(scene.Annotations.Captions)), text, block).Select(line => new Caption(line, Band.Below, null)).ToList();
        var page = new Scene(FigureStyle.Flat, planes, [new SceneFrame([])], PointScale, scene.Theme, new Annotations(captions, scene.Annotations.Legend));
        _page = new SceneRenderer(page, pageTheme);
        Size = new SKSize(width, _page.Size.Height);
    }

    /// <summary>The page in points: the width asked for, the height the panels and words take.</summary>
    public SKSize Size { get; }

    /// <summary>The size of each panel's frame, in points.</summary>
    public SKSizeI Frame => _frame;

    /// <summary>A cell of the panels, in points.</summary>
    public float Cell { get; private set; }

    /// <summary>Draws the page at the canvas's origin, all vectors.</summary>
    public void Draw(SKCanvas canvas)
    {
        canvas.Save();
        // The page scene is a little narrower than the page (its size is whole and even): centred on it.
        canvas.Translate((Size.Width - _page.Size.Width) / 2, 0);
        _page.DrawVector(canvas, 0);
        var slots = _page.PlaneBounds;
        for (var n = 0; n < _panels.Frames.Count; n++)
        {
            canvas.Save();
            canvas.Translate(slots[n].Left + (slots[n].Width - _frame.Width) / 2, slots[n].Top);
            _panel.DrawVector(canvas, _panels.Frames[n]);
            canvas.Restore();
        }
        canvas.Restore();
    }

    /// <summary>(a) to (z), then (aa), (ab), ...</summary>
    public static string Letter(int n) => n < 26 ? ((char)('a' + n)).ToString() : Letter(n / 26 - 1) + Letter(n % 26);

    /// <summary>The captions as one text: a map's names joined by commas, the captions across the picture after a semicolon.</summary>
    private static IEnumerable<string> Captions(IReadOnlyList<Caption> captions)
    {
        var maps = string.Join(", ", captions.Where(c => c.Plane is not null).Select(c => c.Text));
        if (maps.Length > 0) yield return maps;
        foreach (var caption in captions.Where(c => c.Plane is null)) yield return caption.Text;
    }

    /// <summary>
    /// Text broken into lines no wider than <paramref name="width"/> at <paramref name="size"/>: after a comma or a
    /// semicolon, so that "s = 2" stays on one line (between words only within a part longer than a line).
    /// </summary>
    private static IEnumerable<string> Lines(string text, float size, float width)
    {
        if (text.Length == 0) yield break;
        using var font = Fonts.SerifFont();
        font.Size = size;
        var parts = System.Text.RegularExpressions.Regex.Split(text, "(?<=[,;]) ")
            .SelectMany(part => font.MeasureText(part) > width ? part.Split(' ') : [part]);
        var line = "";
        foreach (var word in parts)
        {
            var longer = line.Length == 0 ? word : $"{line} {word}";
            if (line.Length > 0 && font.MeasureText(longer) > width)
            {
                yield return line;
                line = word;
            }
            else
            {
                line = longer;
            }
        }
        yield return line;
    }

    public void Dispose()
    {
        _panel.Dispose();
        _page.Dispose();
    }
}
