using ConvAnimations.Arithmetic;

namespace ConvAnimations.Spec;

public enum FigureKind { Convolution, Transposed, MaxPooling, AveragePooling }

public enum FigureStyle { Isometric, Flat }

/// <summary>
/// The file formats a figure can be written in. Animations (gif, mp4, webp) are one file each; still formats (png,
/// svg, pdf) are one file per frame and may also hold the figure's panels.
/// </summary>
public enum OutputFormat { Gif, Mp4, Webp, Png, Svg, Pdf }

/// <summary>The one place each format's name lives: what figures.yaml says, and the files' extension.</summary>
public static class OutputFormats
{
    private static readonly Dictionary<string, OutputFormat> ByName = Enum.GetValues<OutputFormat>().ToDictionary(NameOf);

    public static IReadOnlyList<string> Names { get; } = Enum.GetValues<OutputFormat>().Select(NameOf).ToList();

    public static IReadOnlyList<string> StillNames { get; } = Enum.GetValues<OutputFormat>().Where(IsStill).Select(NameOf).ToList();

    public static string NameOf(OutputFormat format) => format.ToString().ToLowerInvariant();

    public static OutputFormat? Parse(string name) => ByName.TryGetValue(name, out var format) ? format : null;

    /// <summary>A still format holds one frame a file (or the panels of several).</summary>
    public static bool IsStill(OutputFormat format) => format is OutputFormat.Png or OutputFormat.Svg or OutputFormat.Pdf;
}

/// <summary>A static figure of several frames side by side, like the paper's: which frames, how many a row, which formats.</summary>
public sealed record Panels(IReadOnlyList<int> Frames, int Columns, IReadOnlyList<OutputFormat> Formats)
{
    public int Rows => (Frames.Count + Columns - 1) / Columns;
}

/// <summary>Where a figure or a value was written: reported with every error.</summary>
public sealed record SourceLocation(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}

/// <summary>
/// The numbers of a numerical figure, as written by the user (or drawn from a seed): the input map of the direct
/// operation's point of view described in the issue (for a transposed figure, the transposed input) and the kernel
/// (none for pooling).
/// </summary>
public sealed record FigureValues(double[,] Input, double[,]? Kernel);

/// <summary>One validated figure of figures.yaml. Nothing downstream ever sees an invalid one.</summary>
public sealed record Figure(
    string Name,
    string Title,
    FigureKind Kind,
    Geometry Geometry,
    int FrameMs,
    IReadOnlyList<OutputFormat> Formats,
    double Scale,
    FigureStyle Style,
    FigureValues? Values,
    SourceLocation Location,
    Panels? Panels = null)
{
    public bool IsTransposed => Kind == FigureKind.Transposed;
    public bool IsPooling => Kind is FigureKind.MaxPooling or FigureKind.AveragePooling;

    /// <summary>The map the figure animates as input: for a transposed figure, the direct output.</summary>
    public Size2 AnimatedInput => IsTransposed ? Geometry.Output : Geometry.Input;

    /// <summary>The map the figure fills frame by frame: for a transposed figure, the direct input.</summary>
    public Size2 AnimatedOutput => IsTransposed ? Geometry.Input : Geometry.Output;

    public int FrameCount => AnimatedOutput.Area;

    public static string KindName(FigureKind kind) => kind switch
    {
        FigureKind.Convolution => "convolution",
        FigureKind.Transposed => "transposed",
        FigureKind.MaxPooling => "max_pooling",
        FigureKind.AveragePooling => "average_pooling",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
