using ConvAnimations.Arithmetic;

namespace ConvAnimations.Spec;

public enum FigureStyle { Isometric, Flat }

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

/// <summary>
/// The padding words: valid is no padding, full is d(k-1) (every window that touches the input), same is
/// TensorFlow's SAME for any stride (the output is ceil(i/s); the least padding that gives it, the odd cell at the
/// bottom/right), half is the guide's d(k-1) split in two (the same as same at stride 1), causal is d(k-1) on the left
/// only (Keras, for 1-D figures).
/// </summary>
public enum PaddingWord { Valid, Same, Half, Full, Causal }

/// <summary>The padding words a figure was written with, per axis (null where it gave a number).</summary>
public readonly record struct PaddingWords(PaddingWord? Rows, PaddingWord? Cols);

/// <summary>A static figure of several frames side by side, like the paper's: which frames, how many a row, which formats.</summary>
public sealed record Panels(IReadOnlyList<int> Frames, int Columns, IReadOnlyList<OutputFormat> Formats)
{
    /// <summary>A page for a paper: its width, its text size and letters under the panels (null: frames at their own scale).</summary>
    public PanelPaper? Paper { get; init; }

    public int Rows => (Frames.Count + Columns - 1) / Columns;
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
/// The numbers of a numerical figure, as written by the user (or drawn from a seed): the map it animates as input (for
/// a transposed figure, the transposed input) and the direct kernel (none for pooling).
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
    Kind Kind,
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

    /// <summary>How the operation is shown: the view the reader chose for it from its keys.</summary>
    public required ViewRules View { get; init; }

    /// <summary>What its view read of the keys it adds (null when it adds none).</summary>
    public ViewOptions? Options { get; init; }

    /// <summary>
    /// A composed figure's parts, or a chain's layers (<c>layers:</c>), each a figure of its own; the figure's own kind
    /// and geometry are its first part's. Empty for any other.
    /// </summary>
    public IReadOnlyList<Figure> Parts { get; init; } = [];

    /// <summary>Its alt text as written (<c>alt:</c>); null: the description its view writes (PreparedFigure.Alt).</summary>
    public string? Alt { get; init; }

    /// <summary>The padding words it was written with (same, half, ...), which <c>explain</c> spells out.</summary>
    public PaddingWords PaddingWords { get; init; }

    /// <summary>Its feature maps: how many in and out, in how many groups (one of each by default).</summary>
    public Channels Channels { get; init; } = Channels.Single;

    /// <summary>A fully connected figure's output units m (its n input units are its input's cells); 0 for any other kind.</summary>
    public int OutputUnits { get; init; }

    public bool IsTransposed => Kind.IsTransposed;

    public bool IsPooling => Kind.IsPooling;

    /// <summary>The map the figure animates as input: for a transposed figure, the direct output.</summary>
    public Size2 AnimatedInput => Kind.AnimatedInput(Geometry);

    /// <summary>The map the figure fills frame by frame: for a transposed figure, the direct input.</summary>
    public Size2 AnimatedOutput => Kind.IsDense ? new Size2(1, OutputUnits) : Kind.AnimatedOutput(Geometry);

    /// <summary>The frames it shows when <c>play:</c> chooses some (null: every frame its view plays).</summary>
    public Play? Play { get; init; }

    /// <summary>How many frames it shows: those <c>play:</c> chose, or every frame its view plays.</summary>
    public int FrameCount => Play?.Frames.Count ?? View.FrameCount(this);
}
