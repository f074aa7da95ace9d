using ConvAnimations.Arithmetic;

namespace ConvAnimations.Spec;

public enum FigureKind { Convolution, Transposed, MaxPooling, AveragePooling }

public enum FigureStyle { Isometric, Flat }

/// <summary>
/// The file formats a figure can be written in. Animations (gif, mp4, webp) are one file each; still formats (png,
/// svg, pdf) are one file per frame and may also hold the figure's panels.
/// </summary>
public enum OutputFormat { Gif, Mp4, Webp, Png, Svg, Pdf }

/// <summary>
/// The words figures.yaml uses for an enum's members, each derived in this one place from the member's name in
/// snake_case (MaxPooling is "max_pooling"), so a name never exists twice.
/// </summary>
public static class Words<T> where T : struct, Enum
{
    private static readonly Dictionary<string, T> ByName = Enum.GetValues<T>().ToDictionary(NameOf);

    public static IReadOnlyList<string> Names { get; } = Enum.GetValues<T>().Select(NameOf).ToList();

    public static string NameOf(T member) =>
        string.Concat(member.ToString().Select((c, i) => char.IsUpper(c) ? (i > 0 ? "_" : "") + char.ToLowerInvariant(c) : c.ToString()));

    public static T? Parse(string name) => ByName.TryGetValue(name, out var member) ? member : null;
}

/// <summary>A count and its noun, singular for one: "1 frame", "9 frames".</summary>
public static class Plural
{
    public static string Of(long count, string noun) => count == 1 ? $"1 {noun}" : $"{count.ToString(System.Globalization.CultureInfo.InvariantCulture)} {noun}s";
}

/// <summary>The formats' names (what figures.yaml says, and the files' extension), and which are still pictures.</summary>
public static class OutputFormats
{
    public static IReadOnlyList<string> Names => Words<OutputFormat>.Names;

    public static IReadOnlyList<string> StillNames { get; } = Enum.GetValues<OutputFormat>().Where(IsStill).Select(NameOf).ToList();

    public static string NameOf(OutputFormat format) => Words<OutputFormat>.NameOf(format);

    public static OutputFormat? Parse(string name) => Words<OutputFormat>.Parse(name);

    /// <summary>A still format holds one frame a file (or the panels of several).</summary>
    public static bool IsStill(OutputFormat format) => format is OutputFormat.Png or OutputFormat.Svg or OutputFormat.Pdf;
}

/// <summary>
/// The padding words: valid is no padding, full is d(k-1) (every window that touches the input), same and half are
/// d(k-1) split in two (the output keeps the input's size at stride 1; an odd d(k-1) puts the extra cell at the
/// bottom/right, as TensorFlow does), causal is d(k-1) on the left only (Keras, for 1-D figures).
/// </summary>
public enum PaddingWord { Valid, Same, Half, Full, Causal }

/// <summary>A static figure of several frames side by side, like the paper's: which frames, how many a row, which formats.</summary>
public sealed record Panels(IReadOnlyList<int> Frames, int Columns, IReadOnlyList<OutputFormat> Formats)
{
    public int Rows => (Frames.Count + Columns - 1) / Columns;
}

/// <summary>
/// How a figure shows its operation: the sliding kernel (the guide's animations), the kernel beside the matrix C (or
/// its transpose) of section 4.1, or one of the paper's two diagrams: the hops of the kernel counted, strides as
/// subsampling.
/// </summary>
public enum View { Kernel, Matrix, Hops, Subsampling }

/// <summary>How a composed figure plays its parts: one after another, or side by side in step.</summary>
public enum CompositionKind { Sequence, Beside }

/// <summary>A figure made of other figures of the file, resolved (so a part's change changes this record too).</summary>
public sealed record Composition(CompositionKind Kind, IReadOnlyList<Figure> Parts)
{
    /// <summary>A sequence plays every part's frames in turn; side by side, the longest part sets the length.</summary>
    public int FrameCount => Kind == CompositionKind.Sequence ? Parts.Sum(p => p.FrameCount) : Parts.Max(p => p.FrameCount);
}

/// <summary>Where a figure or a value was written: reported with every error.</summary>
public sealed record SourceLocation(string File, int Line, int Column)
{
    /// <summary>A problem of the file as a whole (missing, a directory, unreadable): no line to point at.</summary>
    public static SourceLocation WholeFile(string file) => new(file, 0, 0);

    public bool IsWholeFile => Line == 0;

    public override string ToString() => IsWholeFile ? File : $"{File}:{Line}:{Column}";
}

/// <summary>
/// The numbers of a numerical figure, as written by the user (or drawn from a seed): the input map of the direct
/// operation's point of view described in the issue (for a transposed figure, the transposed input) and the kernel
/// (none for pooling).
/// </summary>
public sealed record FigureValues(double[,] Input, double[,]? Kernel)
{
    /// <summary>A multi-channel figure's numbers (<see cref="Input"/> and <see cref="Kernel"/> are then its first map and kernel).</summary>
    public ChannelValues? Channels { get; init; }
}

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
    /// <summary>How it is drawn beyond its arithmetic: theme, labels, legend, numbers (the guide's look by default).</summary>
    public Look Look { get; init; } = Look.Guide;

    /// <summary>How the operation is shown (the sliding kernel by default).</summary>
    public View View { get; init; } = View.Kernel;

    /// <summary>For a composed figure (sequence, beside), its parts; its own kind and geometry are its first part's.</summary>
    public Composition? Compose { get; init; }

    /// <summary>Its feature maps: how many in and out, in how many groups (one of each by default).</summary>
    public Channels Channels { get; init; } = Channels.Single;

    public bool IsTransposed => Kind == FigureKind.Transposed;
    public bool IsPooling => IsPoolingKind(Kind);

    /// <summary>The map the figure animates as input: for a transposed figure, the direct output.</summary>
    public Size2 AnimatedInput => AnimatedInputOf(Kind, Geometry);

    /// <summary>The map the figure fills frame by frame: for a transposed figure, the direct input.</summary>
    public Size2 AnimatedOutput => AnimatedOutputOf(Kind, Geometry);

    /// <summary>One frame per output cell (of every output map, the maps outermost); a composed figure plays its parts'.</summary>
    public int FrameCount => Compose?.FrameCount ?? FrameCountOf(Kind, Geometry, View) * Channels.Out;

    /// <summary>One frame per output cell of one map; the paper's two diagrams are one picture.</summary>
    public static int FrameCountOf(FigureKind kind, Geometry geometry, View view) =>
        view is View.Hops or View.Subsampling ? 1 : AnimatedOutputOf(kind, geometry).Area;

    public static bool IsPoolingKind(FigureKind kind) => kind is FigureKind.MaxPooling or FigureKind.AveragePooling;

    public static Size2 AnimatedInputOf(FigureKind kind, Geometry geometry) => kind == FigureKind.Transposed ? geometry.Output : geometry.Input;

    public static Size2 AnimatedOutputOf(FigureKind kind, Geometry geometry) => kind == FigureKind.Transposed ? geometry.Input : geometry.Output;

    public static string KindName(FigureKind kind) => Words<FigureKind>.NameOf(kind);
}
