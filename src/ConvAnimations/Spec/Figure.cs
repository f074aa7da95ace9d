using ConvAnimations.Arithmetic;

namespace ConvAnimations.Spec;

public enum FigureKind { Convolution, Transposed, MaxPooling, AveragePooling }

public enum FigureStyle { Isometric, Flat }

public enum OutputFormat { Gif, Mp4 }

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
    SourceLocation Location)
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
