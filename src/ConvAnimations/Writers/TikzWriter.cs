using System.Text;
using ConvAnimations.Rendering;
using ConvAnimations.Scenes;
using ConvAnimations.Spec;
using SkiaSharp;

namespace ConvAnimations.Writers;

/// <summary>
/// TikZ source of a figure, to edit in a paper: per frame <c>DIR/NAME/NAME_NN.tikz</c>, a bare <c>tikzpicture</c> to
/// <c>\input</c> in a document that loads TikZ, and <c>NAME_NN.tex</c>, a document of its own around the same picture
/// that <c>pdflatex</c> makes into a page of the frame's size; the panels as <c>DIR/NAME.panels.tikz</c> and <c>.tex</c>.
/// </summary>
public sealed class TikzWriter : FormatWriter
{
    public override IEnumerable<Target> Files(Figure figure, OutputFormat format, string directory) =>
        Enumerable.Range(0, figure.FrameCount).SelectMany(i =>
        {
            var tikz = FigureOutputs.FramePath(directory, figure.Name, format, i, figure.FrameCount);
            return new Target[] { new TikzFrameTarget(tikz, i, Document: false), new TikzFrameTarget(Path.ChangeExtension(tikz, ".tex"), i, Document: true) };
        });

    public override IEnumerable<Target> PanelsFiles(Figure figure, Panels panels, OutputFormat format, string directory)
    {
        var tikz = FigureOutputs.PanelsPath(directory, figure.Name, format);
        return [new TikzPanelsTarget(tikz, panels, Document: false), new TikzPanelsTarget(Path.ChangeExtension(tikz, ".tex"), panels, Document: true)];
    }

    public override DrawnTarget Frame(string path, int frame) => new TikzFrameTarget(path, frame, Document: false);
}

/// <summary>A frame as TikZ: the bare picture, or a document around it.</summary>
public sealed record TikzFrameTarget(string Path, int Frame, bool Document) : DrawnTarget(Path), IFrameFile
{
    public override void Write(Stream stream, Drawing drawing)
    {
        var scene = new PlacedScene(drawing);
        var picture = TikzPicture.Write(scene, drawing.Figure.Name, [(Frame, new SKPointI(0, 0))], scene.Size,
            $"frame {Frame} of {drawing.Figure.Figure.FrameCount}");
        TikzPicture.Save(stream, picture, Document);
    }
}

/// <summary>The panels as TikZ: every panel's frame in one picture, as the panels page lays them out.</summary>
public sealed record TikzPanelsTarget(string Path, Panels Panels, bool Document) : DrawnTarget(Path)
{
    public override void Write(Stream stream, Drawing drawing)
    {
        var scene = new PlacedScene(drawing);
        var scale = drawing.Figure.Figure.Scale;
        var panels = Panels.Frames.Select((frame, n) => (frame, PanelLayout.Origin(Panels, n, scene.Size, scale))).ToList();
        var picture = TikzPicture.Write(scene, drawing.Figure.Name, panels, PanelLayout.Size(Panels, scene.Size, scale),
            $"panels: frames {string.Join(", ", Panels.Frames)}");
        TikzPicture.Save(stream, picture, Document);
    }
}

/// <summary>
/// Writes a scene's frames as one <c>tikzpicture</c> a person can read and edit: the theme's colours as
/// <c>\definecolor</c>s and each part of the figure as a named style at the top, then a short command per cell, line
/// and label, in cells (one unit is a cell, y down from the frame's top-left corner) with each map's projection as a
/// named style (<c>map 0</c>: a <c>cm</c> transform, the guide's slant), a comment per part. Text is set in the
/// document's font, its mathematics in math mode. Drawn in the renderer's order, so the page matches the frames.
/// </summary>
internal sealed class TikzPicture : IMarkVisitor<string>
{
    /// <summary>\fontsize{10}: every font has that size, so no document warns of a size substituted; nodes are scaled from it.</summary>
    private const double BaseFontBp = 10 * 72 / 72.27;

    private readonly PlacedScene _scene;
    private readonly float _cell;
    private readonly Dictionary<string, double> _roleScales = [];
    private readonly StringBuilder _tex = new();
    private int? _scope;

    private TikzPicture(PlacedScene scene)
    {
        _scene = scene;
        _cell = scene.Theme.CellSize;
    }

    /// <summary>Whether a document around <paramref name="picture"/> is written, or the bare picture.</summary>
    public static void Save(Stream stream, string picture, bool document)
    {
        // The % after the picture: \input in a paragraph adds no space after it.
        var text = document ? Document(picture) : picture + "%\n";
        stream.Write(System.Text.Encoding.UTF8.GetBytes(text));
    }

    /// <summary>
    /// A LaTeX document of one page the picture's size: the picture boxed, the page set to the box (pdfTeX's page
    /// size and origin), and the box shipped out, with nothing but TikZ loaded.
    /// </summary>
    private static string Document(string picture) => $$"""
        % A document of its own around the picture below: pdflatex makes it a page of the picture's size.
        % To use the picture in a paper, \input the .tikz file of the same name (its preamble needs \usepackage{tikz}).
        \documentclass{article}
        \usepackage{tikz}
        \begin{document}
        \setbox0=\hbox{%
        {{picture}}%
        }
        \pdfpagewidth=\wd0 \pdfpageheight=\ht0 \pdfhorigin=0pt \pdfvorigin=0pt
        \shipout\box0
        \end{document}

        """;

    public static string Write(PlacedScene scene, string name, IReadOnlyList<(int Frame, SKPointI Origin)> panels, SKSizeI page, string what)
    {
        var picture = new TikzPicture(scene);
        picture.Picture(name, panels, page, what);
        return picture._tex.ToString();
    }

    private string N(double value) => TexText.Number(value);

    /// <summary>A length in pixels as cells.</summary>
    private string C(float pixels) => N(pixels / _cell);

    private string Bp(float pixels) => N(pixels) + "bp";

    private void Line(string text) => _tex.Append(text).Append('\n');

    private void Picture(string name, IReadOnlyList<(int Frame, SKPointI Origin)> panels, SKSizeI page, string what)
    {
        var theme = _scene.Theme;
        var scene = _scene.Scene;
        _hasEdges = panels.Any(p => scene.Frames[p.Frame].Marks.Any(m => m is Edge or Unit));
        Line($"% {TexText.Escape(name).Replace("\n", " ", StringComparison.Ordinal)}, {what}: written by ConvAnimations.");
        Line($"% One unit is a cell ({Bp(_cell)}), x to the right and y down from the top-left corner; each map's cells are placed by its");
        Line("% style map N (its projection). Edit the colours and the styles of the parts below; each draws one part of the figure.");
        Line($@"\begin{{tikzpicture}}[x={Bp(_cell)}, y=-{Bp(_cell)}]");
        Line($"% The theme's colours ({scene.Theme})");
        foreach (var (colour, value) in Colours(theme).Concat(_hasEdges ? TapColours(theme) : [])) Line($@"\definecolor{{{colour}}}{{HTML}}{{{Hex(value)}}}");
        Line("% The parts of the figure");
        Line(@"\tikzset{");
        foreach (var style in Styles(panels.Select(p => p.Frame))) Line($"  {style},");
        Line("}");
        Line("% The document's own changes, which survive a new render: \\tikzset{convanim/.style={input cell/.style={fill=red}}}");
        Line(@"\tikzset{convanim/.try}");
        Line("% The page");
        Line($@"\path[use as bounding box, fill=background] (0,0) rectangle ({C(page.Width)},{C(page.Height)});");
        foreach (var (frame, origin) in panels)
        {
            if (panels.Count > 1 || origin != default)
            {
                Line($"% Frame {frame}");
                Line($@"\begin{{scope}}[shift={{({C(origin.X)},{C(origin.Y)})}}]");
                Line($@"\path[fill=background] (0,0) rectangle ({C(_scene.Size.Width)},{C(_scene.Size.Height)});");
            }
            Frame(frame);
            if (panels.Count > 1 || origin != default) Line(@"\end{scope}");
        }
        _tex.Append(@"\end{tikzpicture}");
    }

    private static IEnumerable<(string Name, SKColor Colour)> Colours(Theme theme) =>
    [
        ("background", theme.Background), ("lines", theme.Lines), ("input", theme.Input), ("output", theme.Output),
        ("secondinput", theme.SecondInput), ("thirdinput", theme.ThirdInput), .. theme.InputMaps.Skip(3).Select((c, i) => ($"inputmap{i + 4}", c)),
        ("zeros", theme.InsertedZeros), ("highlight", theme.Highlight.WithAlpha(255)), ("darkink", theme.DarkInk), ("lightink", theme.LightInk),
    ];

    /// <summary>The kernel taps' colours, one per colour of the theme's tap palette (view: connectivity's edges).</summary>
    private static IEnumerable<(string Name, SKColor Colour)> TapColours(Theme theme) =>
        theme.Taps.Select(t => t.Colour).Distinct().Select((c, i) => ($"tap{i}", c));

    private static string Hex(SKColor c) => $"{c.Red:X2}{c.Green:X2}{c.Blue:X2}";

    /// <summary>The named styles: one per part of the figure, then each map's projection.</summary>
    private IEnumerable<string> Styles(IEnumerable<int> frames)
    {
        var theme = _scene.Theme;
        var (thick, thin) = (Bp(theme.ThickLine), Bp(theme.ThinLine));
        var highlight = N(theme.Highlight.Alpha / 255.0);
        var ink = _scene.LightInk(Surface.Background) ? "lightink" : "darkink";
        yield return $"thick line/.style={{line width={thick}}}";
        yield return $"thin line/.style={{line width={thin}}}";
        yield return "input cell/.style={fill=input, draw=lines, thick line}";
        yield return "second input cell/.style={input cell, fill=secondinput}";
        yield return "third input cell/.style={input cell, fill=thirdinput}";
        for (var n = 4; n <= theme.InputMaps.Count; n++) yield return $"input map {n} cell/.style={{input cell, fill=inputmap{n}}}";
        yield return "output cell/.style={fill=output, draw=lines, thick line}";
        yield return "padding cell/.style={}";
        yield return "inserted zero/.style={fill=zeros}";
        yield return "blank/.style={fill=background}";
        yield return $"dashed grid/.style={{draw=lines, thick line, dash pattern=on {Bp(theme.Dash[0])} off {Bp(theme.Dash[1])}}}";
        yield return "solid grid/.style={draw=lines, thick line}";
        yield return "faint grid/.style={draw=lines, draw opacity=0.25, thin line}";
        yield return "cell border/.style={draw=lines, thick line}";
        yield return $"highlight/.style={{fill=highlight, fill opacity={highlight}}}";
        yield return "kernel tap/.style={highlight}";
        yield return "current output/.style={highlight}";
        yield return "window/.style={draw=lines, thick line}";
        yield return "connector/.style={draw=lines, thin line}";
        yield return "outline/.style={draw=lines, thick line}";
        yield return "segment/.style={draw=lines}";
        yield return "arrow/.style={-latex}";
        yield return $"dot/.style={{circle, fill=lines, inner sep=0pt, minimum size={Bp(theme.ThickLine * 3.2f)}}}";
        yield return $"ellipsis dot/.style={{dot, minimum size={Bp(theme.ThickLine * 1.8f)}}}";
        yield return $"dashed key/.style={{dashed grid, dash pattern=on {Bp(theme.Dash[0] / 2)} off {Bp(theme.Dash[1] / 2)}}}";
        yield return $@"label/.style={{font=\fontsize{{10}}{{12}}\selectfont, text={ink}, inner sep=0pt, transform shape}}";
        if (_hasEdges)
        {
            yield return $"unit/.style={{draw=lines, thick line}}";
            yield return $"zero unit/.style={{unit, dash pattern=on {Bp(theme.Dash[0])} off {Bp(theme.Dash[1])}}}";
            yield return $"edge/.style={{draw=lines, line width={Bp(theme.ThinLine * 1.4f)}}}";
            yield return $"frame edge/.style={{edge, line width={Bp(theme.ThickLine * 1.3f)}}}";
            yield return "faint edge/.style={edge, draw opacity=0.28}";
            yield return $"hairline edge/.style={{edge, line width={thin}, draw opacity=0.14}}";
            var colours = TapColours(theme).ToDictionary(c => c.Colour, c => c.Name);
            foreach (var (style, tap) in theme.Taps.Select((t, i) => (t, i)))
            {
                var dash = style.Dash is { } d ? $@", dash pattern=on {N(d[0])}\pgflinewidth off {N(d[1])}\pgflinewidth" : "";
                yield return $"tap {tap}/.style={{draw={colours[style.Colour]}{dash}}}";
            }
        }
        yield return "light ink/.style={text=lightink}";
        yield return "dark ink/.style={text=darkink}";
        foreach (var (role, scale) in RoleScales(frames)) yield return $"{role}/.style={{label, scale={N(scale)}}}";
        yield return $"caption/.style={{label, scale={N(theme.TextSize / BaseFontBp)}}}";
        yield return "legend/.style={caption}";
        foreach (var plane in Enumerable.Range(0, _scene.Scene.Planes.Count)) yield return $"map {plane}/.style={{{Projection(plane)}}}";
    }

    /// <summary>Whether the picture's frames draw units and edges (view: connectivity), whose styles and tap colours are written only then.</summary>
    private bool _hasEdges;

    /// <summary>The scale of each kind of number, from the first of its kind (plane labels, then the frames' marks).</summary>
    private IEnumerable<(string Role, double Scale)> RoleScales(IEnumerable<int> frames)
    {
        var labels = _scene.Scene.Planes.SelectMany(p => p.Labels).Concat(frames.SelectMany(f => _scene.Scene.Frames[f].Marks.OfType<Label>()));
        foreach (var label in labels)
        {
            var role = Role(label);
            if (role != "label") _roleScales.TryAdd(role, Scale(label));
        }
        return _roleScales.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => (r.Key, r.Value));
    }

    private double Scale(Label label) => label.Size * _cell / BaseFontBp;

    /// <summary>What a label is: a number of the input (or of a matrix), a kernel weight, an output number, or other text.</summary>
    private static string Role(Label label)
    {
        if (!double.TryParse(label.Text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)) return "label";
        if (label.On.Fill == Shade.Output) return "output number";
        return label.Align == TextAlign.Right ? "weight" : "input number";
    }

    /// <summary>A map's projection in cells: a shift when it lies flat, else the guide's slant as a cm transform.</summary>
    private string Projection(int plane)
    {
        var m = _scene.Projection.Planes[plane];
        var shift = $"({C(m.TransX)},{C(m.TransY)})";
        if (Math.Abs(m.ScaleX - _cell) < 1e-3 && Math.Abs(m.ScaleY - _cell) < 1e-3 && m.SkewX == 0 && m.SkewY == 0) return $"shift={{{shift}}}";
        return $"cm={{{N(m.ScaleX / _cell)},{N(-m.SkewY / _cell)},{N(-m.SkewX / _cell)},{N(m.ScaleY / _cell)},{shift}}}";
    }

    /// <summary>A frame: each plane on show with its marks, then the captions and the legend.</summary>
    private void Frame(int frame)
    {
        foreach (var (plane, marks) in _scene.Layers(frame))
        {
            Line($"% Map {plane}: {_scene.Describe(plane)}");
            PlaneLines(plane);
            var part = "";
            foreach (var mark in marks)
            {
                // A connector joins two maps, so it is drawn outside both: each end names its own.
                InMap(mark is Connector ? null : plane);
                var kind = PartOf(mark);
                if (kind != part)
                {
                    Line($"% {kind}");
                    part = kind;
                }
                _tex.Append(mark.Accept(this));
            }
            InMap(null);
        }
        Annotations(frame);
    }

    /// <summary>Opens the scope of map <paramref name="plane"/>'s projection (closing another's), or closes it for null.</summary>
    private void InMap(int? plane)
    {
        if (_scope == plane) return;
        if (_scope is not null) Line(@"\end{scope}");
        if (plane is { } p) Line($@"\begin{{scope}}[map {p}]");
        _scope = plane;
    }

    private static string PartOf(Mark mark) => mark switch
    {
        CellFill { Shade: Shade.Highlight } => "The frame's highlighted cells",
        CellFill => "The cells the frame fills",
        CellBorders => "The borders of the cells computed",
        BlockLines => "The window",
        Label => "The frame's numbers and text",
        Connector => "The lines from the window to its output cell",
        Segment => "Lines",
        Ellipsis => "Lines left out",
        BlockOutline => "The line computed",
        Dot => "Positions",
        Unit => "Units",
        Edge => "Edges, in their kernel tap's style",
        Tint => "The overlap counts, as depth of colour",
        _ => "Marks",
    };

    /// <summary>What a plane draws on every frame, in the renderer's order (see SceneRenderer.PlaneSteps).</summary>
    private void PlaneLines(int index)
    {
        var plane = _scene.Scene.Planes[index];
        var (rows, cols) = (plane.Size.Rows, plane.Size.Cols);
        if (rows == 0 || cols == 0) return;
        void Open() => InMap(index);
        if (!plane.Coloured || plane.Opaque)
        {
            Open();
            Line($@"\path[blank] (0,0) rectangle ({cols},{rows});");
        }
        var cells = plane.Coloured ? PlacedScene.CellsOf(plane).ToList() : [];
        if (cells.Any(c => c.Kind is Layout.CellKind.Padding or Layout.CellKind.InsertedZero))
        {
            Open();
            Line("% Padding (blank: the dashed grid shows it) and inserted zeros (a fill of their own)");
            foreach (var (cell, kind) in cells.Where(c => c.Kind is Layout.CellKind.Padding or Layout.CellKind.InsertedZero))
            {
                Line($@"\path[{(kind == Layout.CellKind.Padding ? "padding cell" : "inserted zero")}] ({cell.Col},{cell.Row}) rectangle +(1,1);");
            }
        }
        if (plane.Grid is GridLine.Dashed or GridLine.Faint)
        {
            Open();
            Line(plane.Grid == GridLine.Dashed ? "% The dashed grid" : "% The faint grid");
            _tex.Append(GridLines(plane.Grid == GridLine.Dashed ? "dashed grid" : "faint grid", 0, 0, rows, cols));
        }
        var coloured = cells.Where(c => c.Kind is Layout.CellKind.Input or Layout.CellKind.Output).ToList();
        foreach (var group in coloured.GroupBy(c => c.Kind))
        {
            Open();
            var style = group.Key == Layout.CellKind.Output ? "output cell" : CellStyle(plane.InputShade);
            Line($"% {char.ToUpperInvariant(style[0])}{style[1..]}s");
            var borderless = plane.Grid == GridLine.None ? ", draw=none" : "";
            foreach (var (cell, _) in group) Line($@"\path[{style}{borderless}] ({cell.Col},{cell.Row}) rectangle +(1,1);");
        }
        if (plane.Grid == GridLine.Solid)
        {
            Open();
            Line("% The grid");
            _tex.Append(GridLines("solid grid", 0, 0, rows, cols));
        }
        if (plane.Labels.Count > 0)
        {
            Open();
            Line("% The numbers");
            foreach (var label in plane.Labels) _tex.Append(Visit(label));
        }
    }

    private static string CellStyle(Shade shade) => shade switch
    {
        Shade.Output => "output cell",
        Shade.SecondInput => "second input cell",
        Shade.ThirdInput => "third input cell",
        Shade.FourthInput or Shade.FifthInput or Shade.SixthInput or Shade.SeventhInput or Shade.EighthInput => $"input map {Shades.InputMaps.ToList().IndexOf(shade) + 1} cell",
        Shade.InsertedZero => "inserted zero",
        Shade.Background => "blank",
        _ => "input cell",
    };

    /// <summary>Every line of a block of cells, each from end to end (rows left to right, then columns top to bottom, as the renderer draws them, so dashes fall alike).</summary>
    private string GridLines(string style, float top, float left, int rows, int cols)
    {
        var text = new StringBuilder();
        for (var r = 0; r <= rows; r++) text.Append($@"\draw[{style}] ({N(left)},{N(top + r)}) -- ({N(left + cols)},{N(top + r)});").Append('\n');
        for (var c = 0; c <= cols; c++) text.Append($@"\draw[{style}] ({N(left + c)},{N(top)}) -- ({N(left + c)},{N(top + rows)});").Append('\n');
        return text.ToString();
    }

    public string Visit(CellFill fill)
    {
        var plane = _scene.Scene.Planes[fill.Plane];
        var text = new StringBuilder();
        foreach (var cell in fill.Cells)
        {
            var style = fill.Shade != Shade.Highlight ? CellStyle(fill.Shade) + ", draw=none"
                : !plane.Coloured ? "highlight"
                : cell.Row < plane.Size.Rows && cell.Col < plane.Size.Cols && plane.Cells[cell.Row, cell.Col] == Layout.CellKind.Output ? "current output" : "kernel tap";
            text.Append($@"\path[{style}] ({cell.Col},{cell.Row}) rectangle +(1,1);").Append('\n');
        }
        return text.ToString();
    }

    public string Visit(CellBorders borders) =>
        string.Concat(borders.Cells.Select(c => $@"\draw[cell border] ({c.Col},{c.Row}) rectangle +(1,1);" + "\n"));

    public string Visit(BlockLines block) =>
        GridLines(block.Dashed ? "dashed grid" : "window", block.TopLeft.Row, block.TopLeft.Col, block.Size.Rows, block.Size.Cols);

    public string Visit(Label label)
    {
        var role = Role(label);
        var style = _roleScales.TryGetValue(role, out var scale) && Math.Abs(scale - Scale(label)) < 1e-6 ? role : $"label, scale={N(Scale(label))}";
        var lightInk = _scene.LightInk(label.On);
        if (lightInk != _scene.LightInk(Surface.Background)) style += lightInk ? ", light ink" : ", dark ink";
        var anchor = label.Align switch { TextAlign.Left => "base west", TextAlign.Right => "base east", _ => "base" };
        // The renderer centres the digits' height on the point: their baseline is 0.35 of the font's size below it.
        return $@"\node[{style}, anchor={anchor}] at ({N(label.Col)},{N(label.Row + label.Size * 0.35f)}) {{{TexText.Of(label.Text)}}};" + "\n";
    }

    public string Visit(Connector connector)
    {
        var (col, row) = _scene.ConnectorEnd(connector);
        return $@"\draw[connector] ([map {connector.From.Plane}]{N(connector.From.Col)},{N(connector.From.Row)}) -- ([map {connector.To.Plane}]{N(col)},{N(row)});" + "\n";
    }

    public string Visit(Segment segment)
    {
        var style = "segment, " + (segment.Weight == Weight.Thick ? "thick line" : "thin line") + (segment.Arrowhead ? ", arrow" : "");
        return $@"\draw[{style}] ({N(segment.FromCol)},{N(segment.FromRow)}) -- ({N(segment.ToCol)},{N(segment.ToRow)});" + "\n";
    }

    public string Visit(Ellipsis dots) => string.Concat(Enumerable.Range(-1, 3).Select(i =>
        $@"\node[ellipsis dot] at ({N(dots.Col + (dots.Vertical ? 0 : i * 0.25f))},{N(dots.Row + (dots.Vertical ? i * 0.25f : 0))}) {{}};" + "\n"));

    public string Visit(BlockOutline outline) =>
        $@"\draw[outline] ({outline.TopLeft.Col},{outline.TopLeft.Row}) rectangle +({outline.Size.Cols},{outline.Size.Rows});" + "\n";

    public string Visit(Unit unit)
    {
        var circle = $"({N(unit.Col)},{N(unit.Row)}) circle[radius={N(unit.Radius)}]";
        var fill = unit.Fill is { } shade ? CellStyle(shade) + ", draw=none" : "blank";
        var text = new StringBuilder($@"\path[{fill}] {circle};" + "\n");
        if (unit.Highlighted) text.Append($@"\path[highlight] {circle};" + "\n");
        return text.Append($@"\draw[{(unit.Dashed ? "zero unit" : "unit")}] {circle};" + "\n").ToString();
    }

    public string Visit(Edge edge)
    {
        var style = edge.Weight == Weight.Thick ? "frame edge" : edge.Tone switch { EdgeTone.Faint => "faint edge", EdgeTone.Hairline => "hairline edge", _ => "edge" };
        if (edge.Tap is { } tap) style += $", tap {tap % _scene.Theme.Taps.Count}";
        return $@"\draw[{style}] ({N(edge.FromCol)},{N(edge.FromRow)}) -- ({N(edge.ToCol)},{N(edge.ToRow)});" + "\n";
    }

    public string Visit(Tint tint) => string.Concat(tint.Cells.Select(c =>
        $@"\path[{CellStyle(tint.Shade)}, draw=none, fill opacity={N(Math.Clamp(tint.Level, 0, 1))}] ({c.Col},{c.Row}) rectangle +(1,1);" + "\n"));

    public string Visit(Dot dot) => $@"\node[dot] at ({N(dot.Col)},{N(dot.Row)}) {{}};" + "\n";

    /// <summary>The captions and the legend, upright, where the frames show them.</summary>
    private void Annotations(int frame)
    {
        var captions = _scene.Captions(frame).ToList();
        var legend = _scene.Projection.Legend;
        if (captions.Count > 0) Line("% Captions");
        foreach (var caption in captions)
        {
            Line($@"\node[caption, anchor=base] at ({C(caption.Bounds.MidX)},{C(caption.Origin.Y)}) {{{TexText.Of(caption.Text)}}};");
        }
        if (legend.Count > 0) Line("% The legend");
        foreach (var key in legend)
        {
            var box = $"({C(key.Swatch.Left)},{C(key.Swatch.Top)}) rectangle +({C(key.Swatch.Width)},{C(key.Swatch.Height)})";
            if (key.Entry.Fill == Shade.Highlight)
            {
                Line($@"\path[blank] {box};");
                Line($@"\path[kernel tap, cell border] {box};");
            }
            else if (key.Entry.Dashed)
            {
                var s = key.Swatch;
                Line($@"\path[{(key.Entry.Fill is { } f ? CellStyle(f) + ", draw=none" : "blank")}] {box};");
                // Each side on its own, so its dashes start at its corner.
                (string X, string Y)[] corners = [(C(s.Left), C(s.Top)), (C(s.Right), C(s.Top)), (C(s.Right), C(s.Bottom)), (C(s.Left), C(s.Bottom))];
                for (var i = 0; i < 4; i++) Line($@"\draw[dashed key] ({corners[i].X},{corners[i].Y}) -- ({corners[(i + 1) % 4].X},{corners[(i + 1) % 4].Y});");
            }
            else
            {
                Line($@"\path[{(key.Entry.Fill is { } f ? CellStyle(f) : "blank, cell border")}] {box};");
            }
            Line($@"\node[legend, anchor=base west] at ({C(key.Text.Origin.X)},{C(key.Text.Origin.Y)}) {{{TexText.Of(key.Text.Text)}}};");
        }
    }
}
