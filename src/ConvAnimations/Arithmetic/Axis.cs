namespace ConvAnimations.Arithmetic;

/// <summary>
/// The direct convolution along one axis, in the guide's notation: input size i, kernel size k, stride s,
/// zero padding p (before the input, and <see cref="PaddingEnd"/> after it: TensorFlow's SAME with an even kernel and
/// causal convolutions pad unevenly) and dilation d. Every size formula of the project lives here, so validation,
/// layout and <c>explain</c> can never disagree.
/// </summary>
public readonly record struct Axis(int Input, int Kernel, int Stride, int Padding, int Dilation, int PaddingEnd)
{
    /// <summary>The same padding on both sides, as the guide draws it.</summary>
    public Axis(int input, int kernel, int stride, int padding, int dilation)
        : this(input, kernel, stride, padding, dilation, padding)
    {
    }

    public bool IsSymmetric => Padding == PaddingEnd;

    /// <summary>The span a dilated kernel covers: d(k-1)+1.</summary>
    public int EffectiveKernel => Dilation * (Kernel - 1) + 1;

    /// <summary>The zero-padded input: i+2p (i + p + p_end when the sides differ).</summary>
    public int PaddedInput => Input + Padding + PaddingEnd;

    /// <summary>o = floor((i + 2p - d(k-1) - 1) / s) + 1 (the guide's relationship 15; PyTorch's Conv2d).</summary>
    public int Output => (PaddedInput - EffectiveKernel) / Stride + 1;

    /// <summary>a = (i + 2p - d(k-1) - 1) mod s: the cells the last window leaves out, the transpose's extra padding.</summary>
    public int OutputPadding => (PaddedInput - EffectiveKernel) % Stride;

    /// <summary>p' = d(k-1) - p: the padding of the transpose's equivalent stride-1 convolution.</summary>
    public int TransposedPadding => Dilation * (Kernel - 1) - Padding;

    /// <summary>The transposed input o with s-1 zeros inserted between neighbours: (o-1)s+1.</summary>
    public int StretchedOutput => (Output - 1) * Stride + 1;

    /// <summary>The grid the transpose's kernel slides over: p' + (o-1)s+1 + p' + a.</summary>
    public int TransposedGrid => StretchedOutput + 2 * TransposedPadding + OutputPadding;

    /// <summary>
    /// The first output whose window's taps all fall in the padding (a dilated window can step over the input), or
    /// null when every window has a tap on the input: tap t of output n lies at n·s + t·d - p of the input.
    /// </summary>
    public int? FirstWindowOutsideInput()
    {
        for (var n = 0; n < Output; n++)
        {
            var inside = false;
            for (var t = 0; t < Kernel && !inside; t++)
            {
                var at = n * Stride + t * Dilation - Padding;
                inside = at >= 0 && at < Input;
            }
            if (!inside) return n;
        }
        return null;
    }

    /// <summary>True when at least one window fits in the padded input.</summary>
    public bool KernelFits => PaddedInput >= EffectiveKernel;

    /// <summary>
    /// TensorFlow's SAME padding: the output is ceil(i/s), the padding the least that gives it,
    /// total = max((ceil(i/s) - 1)s + d(k-1) + 1 - i, 0), total/2 before and the odd cell after.
    /// </summary>
    public static (int Before, int After) SamePadding(int input, int kernel, int stride, int dilation)
    {
        var output = (input + stride - 1) / stride;
        var total = Math.Max((output - 1) * stride + dilation * (kernel - 1) + 1 - input, 0);
        return (total / 2, total - total / 2);
    }

    /// <summary>The guide's half padding: d(k-1) split in two, the odd cell after (the output keeps the input's size at stride 1).</summary>
    public static (int Before, int After) HalfPadding(int kernel, int dilation)
    {
        var total = dilation * (kernel - 1);
        return (total / 2, total - total / 2);
    }

    /// <summary>
    /// PyTorch's ConvTranspose2d size: (i'-1)s - 2p + d(k-1) + output_padding + 1, which is the direct input size i
    /// of the convolution whose transpose has input i'.
    /// </summary>
    public static int TransposedOutputSize(int transposedInput, int kernel, int stride, int padding, int dilation, int outputPadding) =>
        (transposedInput - 1) * stride - 2 * padding + dilation * (kernel - 1) + outputPadding + 1;
}
