using ConvAnimations.Arithmetic;
using ConvAnimations.Spec;

namespace ConvAnimations.Layout;

/// <summary>What a cell of the grid the kernel slides over holds.</summary>
public enum CellKind : byte
{
    /// <summary>Zero padding around the input (drawn as a dashed, empty cell).</summary>
    Padding,

    /// <summary>A cell of the input map.</summary>
    Input,

    /// <summary>A zero inserted between input cells by a transposed convolution's stride.</summary>
    InsertedZero,

    /// <summary>A cell of the output map.</summary>
    Output,
}

/// <summary>A cell position, zero-based from the top-left.</summary>
public readonly record struct Cell(int Row, int Col);

/// <summary>One frame: the output cell it computes, the window's top-left corner and the grid cells under the kernel taps.</summary>
public sealed record Frame(Cell Output, Cell Window, IReadOnlyList<Cell> Taps);

/// <summary>The numbers of a numerical figure, exactly as the frames apply them.</summary>
public sealed record AnimationValues(double[,] Grid, double[,]? Kernel, double[,] Output);

/// <summary>
/// A figure laid out: the grid the kernel slides over, one frame per output cell in animation order, and the
/// numbers for a numerical figure. Pure data: what <c>explain --json</c> prints and what the scenes draw.
/// </summary>
public sealed record Animation(Figure Figure, CellKind[,] Grid, IReadOnlyList<Frame> Frames, AnimationValues? Values)
{
    /// <summary>A multi-channel figure's maps, frames over every output map and numbers (null for a single channel).</summary>
    public ChannelAnimation? Channels { get; init; }

    /// <summary>A chain's layers laid out, with the receptive cells of its frames (null for a single operation).</summary>
    public ChainLayout? Layers { get; init; }

    public Size2 GridSize => new(Grid.GetLength(0), Grid.GetLength(1));

    /// <summary>The map it animates as input (for a transposed figure, the transposed input).</summary>
    public Size2 Input => Figure.AnimatedInput;

    /// <summary>The map it fills frame by frame.</summary>
    public Size2 Output => Figure.AnimatedOutput;

    public Size2 Kernel => Figure.Geometry.Kernel;

    /// <summary>The span of the window on the grid: d(k-1)+1 per axis.</summary>
    public Size2 Window => Figure.Geometry.EffectiveKernel;
}
