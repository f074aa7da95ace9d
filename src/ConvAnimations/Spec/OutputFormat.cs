namespace ConvAnimations.Spec;

/// <summary>How a format's files are laid out: one file for the whole animation, or one file per frame.</summary>
public enum FileLayout
{
    /// <summary><c>DIR/NAME.EXT</c>.</summary>
    OnePerFigure,

    /// <summary><c>DIR/NAME/NAME_NN.EXT</c>, as the original's <c>pdf/NAME_00.pdf</c>.</summary>
    OnePerFrame,
}

/// <summary>How a format holds a figure's frames: encoded from their pixels into an animation, as pixels, as vectors.</summary>
public enum Medium { Animation, Raster, Vector }

/// <summary>
/// A file format a figure can be written in, as data: its name (what figures.yaml says, and the files' extension),
/// how its files are laid out, how it holds the frames, and whether it can hold the figure's panels. This is the one place that decides it;
/// the writers' table (ConvAnimations.Writers) gives each format its writer.
/// </summary>
public sealed class OutputFormat
{
    public static readonly OutputFormat Gif = new("gif", FileLayout.OnePerFigure, Medium.Animation, panels: false);
    public static readonly OutputFormat Mp4 = new("mp4", FileLayout.OnePerFigure, Medium.Animation, panels: false);
    public static readonly OutputFormat Webp = new("webp", FileLayout.OnePerFigure, Medium.Animation, panels: false);
    public static readonly OutputFormat Png = new("png", FileLayout.OnePerFrame, Medium.Raster, panels: true);
    public static readonly OutputFormat Svg = new("svg", FileLayout.OnePerFrame, Medium.Vector, panels: true);
    public static readonly OutputFormat Pdf = new("pdf", FileLayout.OnePerFrame, Medium.Vector, panels: true);

    /// <summary>TikZ source a paper edits: <c>NAME_NN.tikz</c> to <c>\input</c>, and <c>NAME_NN.tex</c> beside it that compiles alone.</summary>
    public static readonly OutputFormat Tikz = new("tikz", FileLayout.OnePerFrame, Medium.Vector, panels: true);

    /// <summary>A PowerPoint deck of native shapes, a slide per frame (the panels: one slide).</summary>
    public static readonly OutputFormat Pptx = new("pptx", FileLayout.OnePerFigure, Medium.Vector, panels: true);

    /// <summary>The interactive player: one self-contained page, <c>DIR/NAME.html</c>.</summary>
    public static readonly OutputFormat Html = new("html", FileLayout.OnePerFigure, Medium.Vector, panels: false);

    /// <summary>One SVG that plays by itself (CSS keyframes, no script): <c>DIR/NAME.animated.svg</c>.</summary>
    public static readonly OutputFormat AnimatedSvg = new("animated_svg", FileLayout.OnePerFigure, Medium.Vector, panels: false, extension: "animated.svg");

    /// <summary>Every format, in the order figures.yaml documents them.</summary>
    public static IReadOnlyList<OutputFormat> All { get; } = [Gif, Mp4, Webp, Png, Svg, Pdf, Tikz, Pptx, Html, AnimatedSvg];

    private OutputFormat(string name, FileLayout files, Medium medium, bool panels, string? extension = null) =>
        (Name, Files, Medium, HoldsPanels, Extension) = (name, files, medium, panels, extension ?? name);

    public string Name { get; }

    /// <summary>What its files' names end with, after the dot: its name, but for <c>animated.svg</c>.</summary>
    public string Extension { get; }

    public FileLayout Files { get; }

    public Medium Medium { get; }

    /// <summary>Whether <c>panels: {formats: [...]}</c> may name it: the panels are one picture of several frames.</summary>
    public bool HoldsPanels { get; }

    /// <summary>A picture per frame, drawn in-process (the formats <c>frame</c> writes).</summary>
    public bool IsStill => Files == FileLayout.OnePerFrame;

    public static IReadOnlyList<string> Names { get; } = All.Select(f => f.Name).ToList();

    public static IReadOnlyList<string> StillNames { get; } = All.Where(f => f.IsStill).Select(f => f.Name).ToList();

    public static IReadOnlyList<string> PanelNames { get; } = All.Where(f => f.HoldsPanels).Select(f => f.Name).ToList();

    public static OutputFormat? Parse(string name) => All.FirstOrDefault(f => f.Name == name);

    public override string ToString() => Name;
}
