namespace ConvAnimations.Spec;

/// <summary>
/// The feature maps of a figure, with PyTorch's names: <see cref="In"/> input maps, <see cref="Out"/> output maps, and
/// <see cref="Groups"/> groups, each reading <c>In/Groups</c> input maps and writing <c>Out/Groups</c> output maps
/// (depthwise: groups = in). For a transposed figure they are ConvTranspose2d's; pooling keeps each map apart
/// (out = groups = in).
/// </summary>
public sealed record Channels(int In, int Out, int Groups)
{
    /// <summary>One map in, one out: the guide's figures, whose layout and JSON are those of a single channel.</summary>
    public static readonly Channels Single = new(1, 1, 1);

    public bool IsMulti => this != Single;

    public int InPerGroup => In / Groups;

    public int OutPerGroup => Out / Groups;

    public int GroupOf(int outputChannel) => outputChannel / OutPerGroup;

    /// <summary>The input maps output map <paramref name="outputChannel"/> reads: those of its group, in order.</summary>
    public IReadOnlyList<int> InputsOf(int outputChannel) => Enumerable.Range(GroupOf(outputChannel) * InPerGroup, InPerGroup).ToList();
}

/// <summary>
/// The numbers of a multi-channel figure as written: one input map per input channel (for a transposed figure, the
/// transposed input) and the weights in PyTorch's layout, <c>[C_out][C_in/g]</c> kernels for a convolution and
/// <c>[C_in][C_out/g]</c> for a transposed one (none for pooling).
/// </summary>
public sealed record ChannelValues(IReadOnlyList<double[,]> Input, IReadOnlyList<IReadOnlyList<double[,]>>? Weight);
