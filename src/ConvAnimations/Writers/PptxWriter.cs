using System.Globalization;
using System.IO.Compression;
using System.Text;
using ConvAnimations.Layout;
using ConvAnimations.Rendering;
using ConvAnimations.Scenes;
using ConvAnimations.Spec;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using SkiaSharp;

namespace ConvAnimations.Writers;

/// <summary>
/// A PowerPoint deck of native shapes a lecturer edits: <c>DIR/NAME.pptx</c>, a slide per frame, each the frame's size,
/// consecutive slides joined by the Morph transition; the panels as <c>DIR/NAME.panels.pptx</c>, one slide.
/// </summary>
public sealed class PptxWriter : FormatWriter
{
    public override IEnumerable<Target> Files(Figure figure, OutputFormat format, string directory) =>
        [new PptxTarget(FigureOutputs.AnimationPath(directory, figure.Name, format), null)];

    public override IEnumerable<Target> PanelsFiles(Figure figure, Panels panels, OutputFormat format, string directory) =>
        [new PptxTarget(FigureOutputs.PanelsPath(directory, figure.Name, format), panels)];
}

/// <summary>The frames as slides, or the panels (when set) as one slide.</summary>
public sealed record PptxTarget(string Path, Panels? Panels) : DrawnTarget(Path)
{
    public override void Write(Stream stream, Drawing drawing)
    {
        var scene = new PlacedScene(drawing);
        var deck = new PowerPointDeck(scene, drawing.Figure.Name);
        if (Panels is { } panels)
        {
            var scale = drawing.Figure.Figure.Scale;
            deck.Write(stream, PanelLayout.Size(panels, scene.Size, scale),
                [panels.Frames.Select((frame, n) => (frame, PanelLayout.Origin(panels, n, scene.Size, scale))).ToList()]);
        }
        else
        {
            deck.Write(stream, scene.Size, Enumerable.Range(0, scene.Scene.Frames.Count).Select(f => (IReadOnlyList<(int, SKPointI)>)[(f, default)]).ToList());
        }
    }
}

/// <summary>
/// Writes a scene as a presentation: the theme's colours are the presentation's theme colours (so recolouring the
/// theme recolours the figure), every cell, line, number and label a shape or a text box in those colours, each map's
/// shapes a group named after the map. What a frame adds (the kernel's taps and window, the lines to the output cell,
/// the current output cell, its numbers) are shapes named alike on every slide ("!!kernel tap 1"), which is how
/// PowerPoint's Morph transition knows to move them from one slide to the next; applications without Morph fade.
/// </summary>
internal sealed class PowerPointDeck(PlacedScene scene, string name)
{
    private readonly PlacedScene _scene = scene;

    private const string Drawing = "http://schemas.openxmlformats.org/drawingml/2006/main";
    private const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string Presentation = "http://schemas.openxmlformats.org/presentationml/2006/main";
    private const string Namespaces = $"xmlns:a=\"{Drawing}\" xmlns:r=\"{Relationships}\" xmlns:p=\"{Presentation}\"";

    /// <summary>The smallest slide PowerPoint takes: one inch.</summary>
    private const long MinimumSlide = 914400;

    /// <summary>English Metric Units per pixel: a pixel of a frame is a point of the slide (12,700 EMU), more for a frame under an inch.</summary>
    private double _emu = 12700;

    /// <summary>Writes slides of <paramref name="size"/> pixels, each showing its frames at their origins.</summary>
    public void Write(Stream stream, SKSizeI size, IReadOnlyList<IReadOnlyList<(int Frame, SKPointI Origin)>> slides)
    {
        _emu = Math.Max(12700, Math.Ceiling((double)MinimumSlide / Math.Min(size.Width, size.Height)));
        using var package = new MemoryStream();
        using (var document = PresentationDocument.Create(package, PresentationDocumentType.Presentation))
        {
            // Stored, not deflated: the package is compressed once, when it is written again below.
            document.CompressionOption = System.IO.Packaging.CompressionOption.NotCompressed;
            // Every relationship named here: the library would draw random names, and the bytes would change.
            var presentation = document.AddNewPart<PresentationPart>("application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml", "rId1");
            var master = presentation.AddNewPart<SlideMasterPart>("rId1");
            var theme = presentation.AddNewPart<ThemePart>("rId2");
            Feed(theme, Theme());
            master.AddPart(theme, "rId2");
            var layout = master.AddNewPart<SlideLayoutPart>("rId1");
            Feed(layout, Layout());
            layout.AddPart(master, "rId1");
            Feed(master, Master());
            Feed(presentation.AddNewPart<PresentationPropertiesPart>("rId3"), $"<p:presentationPr {Namespaces}/>");
            for (var s = 0; s < slides.Count; s++)
            {
                var slide = presentation.AddNewPart<SlidePart>($"rId{s + 4}");
                slide.AddPart(layout, "rId1");
                Feed(slide, Slide(s, slides[s]));
            }
            Feed(presentation, PresentationXml(slides.Count, size));
        }
        Deterministic(package, stream);
    }

    private static void Feed(OpenXmlPart part, string xml)
    {
        using var data = new MemoryStream(System.Text.Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" + xml));
        part.FeedData(data);
    }

    /// <summary>
    /// The package again with every entry dated 1980-01-01 (the packaging library dates them now), in the same order:
    /// the same figure gives the same bytes.
    /// </summary>
    private static void Deterministic(MemoryStream package, Stream stream)
    {
        package.Position = 0;
        using var source = new ZipArchive(package, ZipArchiveMode.Read);
        using var target = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var entry in source.Entries)
        {
            var copy = target.CreateEntry(entry.FullName, CompressionLevel.Fastest);
            copy.LastWriteTime = new DateTimeOffset(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);
            using var from = entry.Open();
            using var to = copy.Open();
            from.CopyTo(to);
        }
    }

    private long Emu(double pixels) => (long)Math.Round(pixels * _emu);

    private string PresentationXml(int slides, SKSizeI size)
    {
        var ids = string.Concat(Enumerable.Range(0, slides).Select(s => $"<p:sldId id=\"{256 + s}\" r:id=\"rId{s + 4}\"/>"));
        return $"<p:presentation {Namespaces} saveSubsetFonts=\"1\">" +
            "<p:sldMasterIdLst><p:sldMasterId id=\"2147483648\" r:id=\"rId1\"/></p:sldMasterIdLst>" +
            $"<p:sldIdLst>{ids}</p:sldIdLst>" +
            $"<p:sldSz cx=\"{Emu(size.Width)}\" cy=\"{Emu(size.Height)}\"/><p:notesSz cx=\"6858000\" cy=\"9144000\"/>" +
            "</p:presentation>";
    }

    private const string EmptyTree =
        "<p:nvGrpSpPr><p:cNvPr id=\"1\" name=\"\"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>" +
        "<p:grpSpPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"0\" cy=\"0\"/><a:chOff x=\"0\" y=\"0\"/><a:chExt cx=\"0\" cy=\"0\"/></a:xfrm></p:grpSpPr>";

    private static string Master() =>
        $"<p:sldMaster {Namespaces}><p:cSld>" +
        "<p:bg><p:bgPr><a:solidFill><a:schemeClr val=\"bg1\"/></a:solidFill><a:effectLst/></p:bgPr></p:bg>" +
        $"<p:spTree>{EmptyTree}</p:spTree></p:cSld>" +
        "<p:clrMap bg1=\"lt1\" tx1=\"dk1\" bg2=\"lt2\" tx2=\"dk2\" accent1=\"accent1\" accent2=\"accent2\" accent3=\"accent3\" accent4=\"accent4\" accent5=\"accent5\" accent6=\"accent6\" hlink=\"hlink\" folHlink=\"folHlink\"/>" +
        "<p:sldLayoutIdLst><p:sldLayoutId id=\"2147483649\" r:id=\"rId1\"/></p:sldLayoutIdLst>" +
        "</p:sldMaster>";

    private static string Layout() =>
        $"<p:sldLayout {Namespaces} type=\"blank\" preserve=\"1\"><p:cSld name=\"Figure\"><p:spTree>{EmptyTree}</p:spTree></p:cSld>" +
        "<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>";

    /// <summary>
    /// The theme: its colour scheme is the figure's theme (lt1 the background, dk1 the lines, dk2 and lt2 the inks,
    /// accent1 input, accent2 output, accent3 the highlight, accent4 and accent5 the second and third maps of a stack,
    /// accent6 the inserted zeros, hlink and folHlink the fourth and fifth maps: a stack's sixth to eighth maps are the
    /// only colours beyond the scheme's twelve), its font the guide's.
    /// </summary>
    private string Theme()
    {
        var t = _scene.Theme;
        static string Rgb(SKColor c) => $"<a:srgbClr val=\"{c.Red:X2}{c.Green:X2}{c.Blue:X2}\"/>";
        var colours = $"<a:dk1>{Rgb(t.Lines)}</a:dk1><a:lt1>{Rgb(t.Background)}</a:lt1><a:dk2>{Rgb(t.DarkInk)}</a:dk2><a:lt2>{Rgb(t.LightInk)}</a:lt2>" +
            $"<a:accent1>{Rgb(t.Input)}</a:accent1><a:accent2>{Rgb(t.Output)}</a:accent2><a:accent3>{Rgb(t.Highlight.WithAlpha(255))}</a:accent3>" +
            $"<a:accent4>{Rgb(t.SecondInput)}</a:accent4><a:accent5>{Rgb(t.ThirdInput)}</a:accent5><a:accent6>{Rgb(t.InsertedZeros)}</a:accent6>" +
            $"<a:hlink>{Rgb(t.InputMaps[3])}</a:hlink><a:folHlink>{Rgb(t.InputMaps[4])}</a:folHlink>";
        const string Font = "<a:latin typeface=\"CMU Serif\" panose=\"02000603000000000000\" pitchFamily=\"18\" charset=\"0\"/><a:ea typeface=\"\"/><a:cs typeface=\"\"/>";
        const string Fill = "<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>";
        const string Line = "<a:ln w=\"12700\"><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:ln>";
        const string Effect = "<a:effectStyle><a:effectLst/></a:effectStyle>";
        return $"<a:theme xmlns:a=\"{Drawing}\" name=\"ConvAnimations {Xml(_scene.Scene.Theme.ToString())}\"><a:themeElements>" +
            $"<a:clrScheme name=\"{Xml(_scene.Scene.Theme.ToString())}\">{colours}</a:clrScheme>" +
            $"<a:fontScheme name=\"Computer Modern\"><a:majorFont>{Font}</a:majorFont><a:minorFont>{Font}</a:minorFont></a:fontScheme>" +
            $"<a:fmtScheme name=\"Plain\"><a:fillStyleLst>{Fill}{Fill}{Fill}</a:fillStyleLst><a:lnStyleLst>{Line}{Line}{Line}</a:lnStyleLst>" +
            $"<a:effectStyleLst>{Effect}{Effect}{Effect}</a:effectStyleLst><a:bgFillStyleLst>{Fill}{Fill}{Fill}</a:bgFillStyleLst></a:fmtScheme>" +
            "</a:themeElements></a:theme>";
    }

    /// <summary>
    /// A slide: its frames' shapes back to front, then for every slide after the first the Morph transition, with the
    /// fade PowerPoint itself writes as the fallback for applications that do not know Morph.
    /// </summary>
    private string Slide(int index, IReadOnlyList<(int Frame, SKPointI Origin)> frames)
    {
        _nextId = 2;
        var shapes = new Shapes(this);
        foreach (var (frame, origin) in frames)
        {
            if (frames.Count > 1)
            {
                var panel = new Shapes(this);
                new SlideFrame(this, panel, frame, origin).Draw();
                shapes.Group($"frame {frame}", panel);
            }
            else
            {
                new SlideFrame(this, shapes, frame, origin).Draw();
            }
        }
        var transition = index == 0 ? "" :
            "<mc:AlternateContent xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\">" +
            "<mc:Choice xmlns:p159=\"http://schemas.microsoft.com/office/powerpoint/2015/09/main\" Requires=\"p159\">" +
            "<p:transition spd=\"slow\" xmlns:p14=\"http://schemas.microsoft.com/office/powerpoint/2010/main\" p14:dur=\"800\"><p159:morph option=\"byObject\"/></p:transition>" +
            "</mc:Choice><mc:Fallback><p:transition spd=\"slow\"><p:fade/></p:transition></mc:Fallback></mc:AlternateContent>";
        return $"<p:sld {Namespaces}><p:cSld name=\"{Xml(name)}, {(frames.Count > 1 ? "panels" : $"frame {frames[0].Frame}")}\">" +
            "<p:bg><p:bgPr><a:solidFill><a:schemeClr val=\"bg1\"/></a:solidFill><a:effectLst/></p:bgPr></p:bg>" +
            $"<p:spTree>{EmptyTree}{shapes.Xml}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr>{transition}</p:sld>";
    }

    /// <summary>Text for XML: the five characters escaped, characters XML cannot hold left out.</summary>
    internal static string Xml(string text)
    {
        var xml = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\t' or '\n' or '\r' || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF && !char.IsSurrogate(c)))
            {
                xml.Append(c switch { '&' => "&amp;", '<' => "&lt;", '>' => "&gt;", '"' => "&quot;", '\'' => "&apos;", _ => c.ToString() });
            }
        }
        return xml.ToString();
    }

    /// <summary>A colour of the theme: its slot, translucent when <paramref name="alpha"/> is under 1.</summary>
    private static string Colour(string slot, double alpha = 1) =>
        alpha >= 1 ? $"<a:schemeClr val=\"{slot}\"/>" : $"<a:schemeClr val=\"{slot}\"><a:alpha val=\"{(int)Math.Round(alpha * 100000)}\"/></a:schemeClr>";

    private static string Solid(string colour) => $"<a:solidFill>{colour}</a:solidFill>";

    /// <summary>The shapes of a slide or of a group, in drawing order, and the box they take (for a group's frame).</summary>
    private sealed class Shapes(PowerPointDeck deck)
    {
        private readonly StringBuilder _xml = new();
        private (long Left, long Top, long Right, long Bottom)? _box;

        public string Xml => _xml.ToString();

        private int NextId() => deck._nextId++;

        private void Cover(long left, long top, long right, long bottom) =>
            _box = _box is { } b ? (Math.Min(b.Left, left), Math.Min(b.Top, top), Math.Max(b.Right, right), Math.Max(b.Bottom, bottom)) : (left, top, right, bottom);

        private static string Name(int id, string name) => $"<p:cNvPr id=\"{id}\" name=\"{PowerPointDeck.Xml(name)}\"/>";

        /// <summary>A closed polygon (a cell, a block): a rectangle when it is one, else a shape of its own geometry.</summary>
        public void Polygon(string name, IReadOnlyList<SKPoint> corners, string? fill, string? line)
        {
            var points = corners.Select(p => (X: deck.Emu(p.X), Y: deck.Emu(p.Y))).ToList();
            var (left, top) = (points.Min(p => p.X), points.Min(p => p.Y));
            var (right, bottom) = (points.Max(p => p.X), points.Max(p => p.Y));
            var rectangle = points.Count == 4 && points.All(p => (p.X == left || p.X == right) && (p.Y == top || p.Y == bottom));
            string geometry;
            if (rectangle)
            {
                geometry = "<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom>";
            }
            else
            {
                var path = new StringBuilder($"<a:path w=\"{right - left}\" h=\"{bottom - top}\">");
                for (var i = 0; i < points.Count; i++)
                {
                    var tag = i == 0 ? "moveTo" : "lnTo";
                    path.Append($"<a:{tag}><a:pt x=\"{points[i].X - left}\" y=\"{points[i].Y - top}\"/></a:{tag}>");
                }
                path.Append("<a:close/></a:path>");
                geometry = $"<a:custGeom><a:avLst/><a:gdLst/><a:ahLst/><a:cxnLst/><a:rect l=\"l\" t=\"t\" r=\"r\" b=\"b\"/><a:pathLst>{path}</a:pathLst></a:custGeom>";
            }
            Shape(name, left, top, right, bottom, geometry, fill, line);
        }

        public void Ellipse(string name, SKPoint centre, float radius, string? fill, string? line = null)
        {
            var (left, top, right, bottom) = (deck.Emu(centre.X - radius), deck.Emu(centre.Y - radius), deck.Emu(centre.X + radius), deck.Emu(centre.Y + radius));
            Shape(name, left, top, right, bottom, "<a:prstGeom prst=\"ellipse\"><a:avLst/></a:prstGeom>", fill, line);
        }

        private void Shape(string name, long left, long top, long right, long bottom, string geometry, string? fill, string? line)
        {
            Cover(left, top, right, bottom);
            _xml.Append($"<p:sp><p:nvSpPr>{Name(NextId(), name)}<p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr>")
                .Append($"<a:xfrm><a:off x=\"{left}\" y=\"{top}\"/><a:ext cx=\"{right - left}\" cy=\"{bottom - top}\"/></a:xfrm>{geometry}")
                .Append(fill is null ? "<a:noFill/>" : Solid(fill))
                .Append(line ?? "<a:ln><a:noFill/></a:ln>")
                .Append("</p:spPr></p:sp>");
        }

        /// <summary>A straight line from <paramref name="from"/> to <paramref name="to"/> in <paramref name="line"/>'s look.</summary>
        public void Line(string name, SKPoint from, SKPoint to, string line)
        {
            var (x1, y1, x2, y2) = (deck.Emu(from.X), deck.Emu(from.Y), deck.Emu(to.X), deck.Emu(to.Y));
            var (left, top, right, bottom) = (Math.Min(x1, x2), Math.Min(y1, y2), Math.Max(x1, x2), Math.Max(y1, y2));
            Cover(left, top, right, bottom);
            var flips = (x2 < x1 ? " flipH=\"1\"" : "") + (y2 < y1 ? " flipV=\"1\"" : "");
            _xml.Append($"<p:cxnSp><p:nvCxnSpPr>{Name(NextId(), name)}<p:cNvCxnSpPr/><p:nvPr/></p:nvCxnSpPr><p:spPr>")
                .Append($"<a:xfrm{flips}><a:off x=\"{left}\" y=\"{top}\"/><a:ext cx=\"{right - left}\" cy=\"{bottom - top}\"/></a:xfrm>")
                .Append("<a:prstGeom prst=\"line\"><a:avLst/></a:prstGeom>").Append(line).Append("</p:spPr></p:cxnSp>");
        }

        /// <summary>
        /// A text box, upright, its line's middle on <paramref name="at"/> (its left or right end there when aligned so),
        /// in the theme's font at <paramref name="size"/> pixels.
        /// </summary>
        public void Text(string name, string text, SKPoint at, TextAlign align, float size, string colour)
        {
            var width = size * (0.62f * text.Length + 1f);
            var left = align switch { TextAlign.Left => at.X, TextAlign.Right => at.X - width, _ => at.X - width / 2 };
            var (x, y, cx, cy) = (deck.Emu(left), deck.Emu(at.Y - size * 0.75f), deck.Emu(width), deck.Emu(size * 1.5f));
            Cover(x, y, x + cx, y + cy);
            var alignment = align switch { TextAlign.Left => "l", TextAlign.Right => "r", _ => "ctr" };
            var points = (int)Math.Round(size * deck._emu / 12700 * 100);
            _xml.Append($"<p:sp><p:nvSpPr>{Name(NextId(), name)}<p:cNvSpPr txBox=\"1\"/><p:nvPr/></p:nvSpPr><p:spPr>")
                .Append($"<a:xfrm><a:off x=\"{x}\" y=\"{y}\"/><a:ext cx=\"{cx}\" cy=\"{cy}\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom><a:noFill/></p:spPr>")
                .Append("<p:txBody><a:bodyPr wrap=\"none\" lIns=\"0\" tIns=\"0\" rIns=\"0\" bIns=\"0\" anchor=\"ctr\"><a:noAutofit/></a:bodyPr><a:lstStyle/>")
                .Append($"<a:p><a:pPr algn=\"{alignment}\"/><a:r><a:rPr lang=\"en-US\" sz=\"{points}\" dirty=\"0\">{Solid(colour)}<a:latin typeface=\"+mn-lt\"/></a:rPr>")
                .Append($"<a:t>{PowerPointDeck.Xml(text)}</a:t></a:r></a:p></p:txBody></p:sp>");
        }

        /// <summary>The shapes of <paramref name="members"/> as one group named <paramref name="name"/>.</summary>
        public void Group(string name, Shapes members)
        {
            if (members._box is not { } b) return;
            Cover(b.Left, b.Top, b.Right, b.Bottom);
            var frame = $"<a:off x=\"{b.Left}\" y=\"{b.Top}\"/><a:ext cx=\"{b.Right - b.Left}\" cy=\"{b.Bottom - b.Top}\"/>";
            _xml.Append($"<p:grpSp><p:nvGrpSpPr>{Name(NextId(), name)}<p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>")
                .Append($"<p:grpSpPr><a:xfrm>{frame}<a:chOff x=\"{b.Left}\" y=\"{b.Top}\"/><a:chExt cx=\"{b.Right - b.Left}\" cy=\"{b.Bottom - b.Top}\"/></a:xfrm></p:grpSpPr>")
                .Append(members._xml).Append("</p:grpSp>");
        }
    }

    /// <summary>The id of the next shape of the slide being written (1 is the slide's tree).</summary>
    private int _nextId = 2;

    /// <summary>One frame's shapes on a slide: each map as a group, what the frame adds after it, then the captions and legend.</summary>
    private sealed class SlideFrame(PowerPointDeck deck, Shapes slide, int frame, SKPointI origin) : IMarkVisitor<bool>
    {
        private readonly PlacedScene _scene = deck._scene;
        private readonly Dictionary<string, int> _counts = [];
        private readonly Shapes _slide = slide;
        private Shapes _shapes = slide;

        private Theme Theme => _scene.Theme;

        private string Thick => Stroke(Colour("tx1"), Theme.ThickLine);

        private string Thin => Stroke(Colour("tx1"), Theme.ThinLine);

        private string Stroke(string colour, float width, string extra = "") =>
            $"<a:ln w=\"{deck.Emu(width)}\" cap=\"flat\">{Solid(colour)}{extra}</a:ln>";

        private string Dashed(float[] pattern) => Stroke(Colour("tx1"), Theme.ThickLine,
            $"<a:custDash><a:ds d=\"{(int)Math.Round(pattern[0] / Theme.ThickLine * 100000)}\" sp=\"{(int)Math.Round(pattern[1] / Theme.ThickLine * 100000)}\"/></a:custDash>");

        private SKPoint At(int plane, float col, float row)
        {
            var p = _scene.Pixel(plane, col, row);
            return new SKPoint(p.X + origin.X, p.Y + origin.Y);
        }

        private SKPoint[] Corners(int plane, Cell cell, int rows = 1, int cols = 1) =>
            [At(plane, cell.Col, cell.Row), At(plane, cell.Col + cols, cell.Row), At(plane, cell.Col + cols, cell.Row + rows), At(plane, cell.Col, cell.Row + rows)];

        /// <summary>A name shared by the same mark on every slide, which Morph pairs: "!!kernel tap 3".</summary>
        private string Moving(string what)
        {
            _counts[what] = _counts.GetValueOrDefault(what) + 1;
            return $"!!{what} {_counts[what]}";
        }

        public void Draw()
        {
            foreach (var (plane, marks) in _scene.Layers(frame))
            {
                var map = new Shapes(deck);
                _shapes = map;
                PlaneShapes(plane);
                _slide.Group(_scene.Describe(plane), map);
                _shapes = _slide;
                foreach (var mark in marks) mark.Accept(this);
            }
            Annotations();
        }

        /// <summary>The theme colour a shade is, or null for the colours beyond the theme's slots (a stack's sixth map on).</summary>
        private static string? CellSlot(Shade shade) => shade switch
        {
            Shade.Input => "accent1",
            Shade.Output => "accent2",
            Shade.SecondInput => "accent4",
            Shade.ThirdInput => "accent5",
            Shade.Background => "bg1",
            Shade.Highlight => "accent3",
            Shade.InsertedZero => "accent6",
            Shade.FourthInput => "hlink",
            Shade.FifthInput => "folHlink",
            _ => null,
        };

        private string Fill(Shade shade, double alpha = 1) => CellSlot(shade) is { } slot
            ? Colour(slot, alpha * (shade == Shade.Highlight ? Theme.Highlight.Alpha / 255.0 : 1))
            : Rgb(Theme.ColourOf(shade), alpha);

        /// <summary>A colour outside the theme's slots (a stack's sixth map on, a kernel tap's edges).</summary>
        private static string Rgb(SKColor c, double alpha = 1) => alpha >= 1
            ? $"<a:srgbClr val=\"{c.Red:X2}{c.Green:X2}{c.Blue:X2}\"/>"
            : $"<a:srgbClr val=\"{c.Red:X2}{c.Green:X2}{c.Blue:X2}\"><a:alpha val=\"{(int)Math.Round(alpha * 100000)}\"/></a:srgbClr>";

        private static string CellName(Shade shade) => shade switch
        {
            Shade.Output => "output cell",
            Shade.Input => "input cell",
            Shade.InsertedZero => "inserted zero",
            _ => "input cell behind",
        };

        /// <summary>What a plane shows on every frame, in the renderer's order (see SceneRenderer.PlaneSteps).</summary>
        private void PlaneShapes(int index)
        {
            var plane = _scene.Scene.Planes[index];
            var (rows, cols) = (plane.Size.Rows, plane.Size.Cols);
            if (rows == 0 || cols == 0) return;
            if (!plane.Coloured || plane.Opaque) _shapes.Polygon("blank", Corners(index, new Cell(0, 0), rows, cols), Colour("bg1"), null);
            // Inserted zeros are filled under the dashed grid: blank cells still, apart from padding.
            var zeros = plane.Coloured ? PlacedScene.CellsOf(plane).Where(c => c.Kind == CellKind.InsertedZero).ToList() : [];
            foreach (var (cell, _) in zeros) _shapes.Polygon($"inserted zero ({cell.Row}, {cell.Col})", Corners(index, cell), Fill(Shade.InsertedZero), null);
            if (plane.Grid == GridLine.Dashed) GridLines(index, new Cell(0, 0), rows, cols, "grid line", Dashed(Theme.Dash));
            if (plane.Grid == GridLine.Faint) GridLines(index, new Cell(0, 0), rows, cols, "grid line", Stroke(Colour("tx1", Theme.Faint.Alpha / 255.0), Theme.ThinLine));
            var coloured = plane.Coloured ? PlacedScene.CellsOf(plane).Where(c => c.Kind is CellKind.Input or CellKind.Output).ToList() : [];
            var border = plane.Grid is GridLine.Dashed or GridLine.Faint ? Thick : null;
            foreach (var group in coloured.GroupBy(c => c.Kind))
            {
                var shade = group.Key == CellKind.Output ? Shade.Output : plane.InputShade;
                foreach (var (cell, _) in group) _shapes.Polygon($"{CellName(shade)} ({cell.Row}, {cell.Col})", Corners(index, cell), Fill(shade), border);
            }
            if (plane.Grid == GridLine.Solid) GridLines(index, new Cell(0, 0), rows, cols, "grid line", Thick);
            foreach (var label in plane.Labels) Text(label, $"number ({(int)label.Row}, {(int)label.Col})");
        }

        private void GridLines(int plane, Cell topLeft, int rows, int cols, string name, string line, bool moving = false)
        {
            for (var r = 0; r <= rows; r++) _shapes.Line(moving ? Moving(name) : name, At(plane, topLeft.Col, topLeft.Row + r), At(plane, topLeft.Col + cols, topLeft.Row + r), line);
            for (var c = 0; c <= cols; c++) _shapes.Line(moving ? Moving(name) : name, At(plane, topLeft.Col + c, topLeft.Row), At(plane, topLeft.Col + c, topLeft.Row + rows), line);
        }

        private void Text(Label label, string name)
        {
            var centre = _scene.Pixel(label.Plane, label.Col, label.Row);
            var ink = _scene.LightInk(label.On) ? "bg2" : "tx2";
            _shapes.Text(name, label.Text, new SKPoint(centre.X + origin.X, centre.Y + origin.Y), label.Align, label.Size * Theme.CellSize, Colour(ink));
        }

        public bool Visit(CellFill fill)
        {
            var plane = _scene.Scene.Planes[fill.Plane];
            foreach (var cell in fill.Cells)
            {
                var name = fill.Shade != Shade.Highlight ? CellName(fill.Shade)
                    : plane.Coloured && cell.Row < plane.Size.Rows && cell.Col < plane.Size.Cols && plane.Cells[cell.Row, cell.Col] == CellKind.Output ? "current output"
                    : plane.Coloured ? "kernel tap" : "highlight";
                _shapes.Polygon(Moving(name), Corners(fill.Plane, cell), Fill(fill.Shade), null);
            }
            return true;
        }

        public bool Visit(CellBorders borders)
        {
            foreach (var cell in borders.Cells) _shapes.Polygon(Moving("cell border"), Corners(borders.Plane, cell), null, Thick);
            return true;
        }

        public bool Visit(BlockLines block)
        {
            GridLines(block.Plane, block.TopLeft, block.Size.Rows, block.Size.Cols, block.Dashed ? "grid line" : "window line", block.Dashed ? Dashed(Theme.Dash) : Thick, moving: true);
            return true;
        }

        public bool Visit(Label label)
        {
            var what = label.On.Fill == Shade.Output ? "output number" : label.Align == TextAlign.Right ? "weight" : "number";
            Text(label, Moving(what));
            return true;
        }

        public bool Visit(Connector connector)
        {
            var (col, row) = _scene.ConnectorEnd(connector);
            _shapes.Line(Moving("connector"), At(connector.From.Plane, connector.From.Col, connector.From.Row), At(connector.To.Plane, col, row), Thin);
            return true;
        }

        public bool Visit(Segment segment)
        {
            var width = segment.Weight == Weight.Thick ? Theme.ThickLine : Theme.ThinLine;
            var arrow = segment.Arrowhead ? "<a:tailEnd type=\"triangle\" w=\"med\" len=\"med\"/>" : "";
            _shapes.Line(Moving(segment.Arrowhead ? "arrow" : "line"), At(segment.Plane, segment.FromCol, segment.FromRow), At(segment.Plane, segment.ToCol, segment.ToRow),
                Stroke(Colour("tx1"), width, arrow));
            return true;
        }

        public bool Visit(Ellipsis dots)
        {
            for (var i = -1; i <= 1; i++)
            {
                var centre = At(dots.Plane, dots.Col + (dots.Vertical ? 0 : i * 0.25f), dots.Row + (dots.Vertical ? i * 0.25f : 0));
                _shapes.Ellipse(Moving("dot"), centre, Theme.ThickLine * 0.9f, Colour("tx1"));
            }
            return true;
        }

        public bool Visit(BlockOutline outline)
        {
            _shapes.Polygon(Moving("outline"), Corners(outline.Plane, outline.TopLeft, outline.Size.Rows, outline.Size.Cols), null, Thick);
            return true;
        }

        public bool Visit(Dot dot)
        {
            _shapes.Ellipse(Moving("position"), At(dot.Plane, dot.Col, dot.Row), Theme.ThickLine * 1.6f, Colour("tx1"));
            return true;
        }

        /// <summary>A unit (view: connectivity): a circle in its shade, the highlight over it, its outline dashed for a zero unit.</summary>
        public bool Visit(Unit unit)
        {
            var centre = At(unit.Plane, unit.Col, unit.Row);
            var radius = At(unit.Plane, unit.Col + unit.Radius, unit.Row).X - centre.X;
            var outline = unit.Dashed ? Dashed(Theme.Dash) : Thick;
            var fill = unit.Fill is { } shade ? Fill(shade) : Colour("bg1");
            if (!unit.Highlighted)
            {
                _shapes.Ellipse(Moving(unit.Dashed ? "zero unit" : "unit"), centre, radius, fill, outline);
                return true;
            }
            _shapes.Ellipse(Moving("unit"), centre, radius, fill);
            _shapes.Ellipse(Moving("highlighted unit"), centre, radius, Fill(Shade.Highlight), outline);
            return true;
        }

        /// <summary>An edge in its kernel tap's colour and dash (the lines' colour when it carries no shared weight), in its tone.</summary>
        public bool Visit(Edge edge)
        {
            var width = edge.Weight == Weight.Thick ? Theme.ThickLine * 1.3f : edge.Tone == EdgeTone.Hairline ? Theme.ThinLine : Theme.ThinLine * 1.4f;
            var alpha = edge.Tone switch { EdgeTone.Faint => 0.28, EdgeTone.Hairline => 0.14, _ => 1 };
            var style = edge.Tap is { } tap ? Theme.Tap(tap) : new TapStyle(Theme.Lines, null);
            var colour = edge.Tap is null ? Colour("tx1", alpha) : Rgb(style.Colour, alpha);
            var dash = style.Dash is { } d ? $"<a:custDash><a:ds d=\"{(int)Math.Round(d[0] * 100000)}\" sp=\"{(int)Math.Round(d[1] * 100000)}\"/></a:custDash>" : "";
            var name = edge.Tap is { } t ? $"edge of tap {t}" : "edge";
            _shapes.Line(Moving(edge.Weight == Weight.Thick ? $"frame's {name}" : name), At(edge.Plane, edge.FromCol, edge.FromRow), At(edge.Plane, edge.ToCol, edge.ToRow),
                Stroke(colour, width, dash));
            return true;
        }

        /// <summary>Cells washed with a shade in proportion to a count (the scatter's overlap).</summary>
        public bool Visit(Tint tint)
        {
            foreach (var cell in tint.Cells) _shapes.Polygon(Moving("overlap"), Corners(tint.Plane, cell), Fill(tint.Shade, Math.Clamp(tint.Level, 0, 1)), null);
            return true;
        }

        /// <summary>The captions (as groups' names say, text boxes) and the legend: each key's swatch in its cells' colour and its name.</summary>
        private void Annotations()
        {
            var ink = _scene.LightInk(Surface.Background) ? "bg2" : "tx2";
            SKPoint Shift(float x, float y) => new(x + origin.X, y + origin.Y);
            var captions = new Shapes(deck);
            foreach (var caption in _scene.Captions(frame))
            {
                captions.Text("caption", caption.Text, Shift(caption.Bounds.MidX, caption.Bounds.MidY), TextAlign.Center, Theme.TextSize, Colour(ink));
            }
            _slide.Group("captions", captions);
            var legend = new Shapes(deck);
            foreach (var key in _scene.Projection.Legend)
            {
                var s = key.Swatch;
                SKPoint[] box = [Shift(s.Left, s.Top), Shift(s.Right, s.Top), Shift(s.Right, s.Bottom), Shift(s.Left, s.Bottom)];
                if (key.Entry.Fill == Shade.Highlight) legend.Polygon("key", box, Colour("bg1"), null);
                var fill = key.Entry.Fill is { } f ? Fill(f) : Colour("bg1");
                legend.Polygon($"key: {key.Entry.Text}", box, fill, key.Entry.Dashed ? Dashed([Theme.Dash[0] / 2, Theme.Dash[1] / 2]) : Thick);
                legend.Text($"legend: {key.Entry.Text}", key.Text.Text, Shift(key.Text.Origin.X, key.Text.Bounds.MidY), TextAlign.Left, Theme.TextSize, Colour(ink));
            }
            _slide.Group("legend", legend);
        }
    }
}
