namespace ConvAnimations.Spec;

/// <summary>
/// What to say to a request the figure language does not have by that name: a 3-D operation, a framework's name for a
/// kind, a layer it draws through other keys. Said instead of the nearest word, which would mislead (convolution3d
/// is not convolution).
/// </summary>
internal static class Unsupported
{
    private static readonly (string[] Parts, string Hint)[] Kinds =
    [
        (["3d"], "3-D operations are not drawn: figures are 2-D maps (rows x cols); the depth of a tensor is its feature maps (in_channels, out_channels)"),
        (["1d"], "a 1-D figure is a 2-D one of a single row: input: [1, n], kernel: [1, k] (padding: causal pads its left only)"),
        (["depthwise", "separable"], "a depthwise convolution is kind: convolution with in_channels = out_channels = groups (a separable one adds a 1x1 convolution: a second figure, or sequence: [depthwise, pointwise])"),
        (["group"], "a grouped convolution is kind: convolution with groups: g"),
        (["dilat", "atrous"], "a dilated convolution is kind: convolution with dilation: d"),
        (["deconv", "upconv", "upsampl", "fractional", "convtranspose"], "kind: transposed draws a transposed convolution (what frameworks call ConvTranspose2d or Conv2DTranspose)"),
        (["global"], "global pooling is kind: average_pooling (or max_pooling) with kernel equal to input"),
        (["maxpool"], "kind: max_pooling"),
        (["avgpool", "averagepool", "meanpool"], "kind: average_pooling"),
        (["pool"], "the pooling kinds drawn are max_pooling and average_pooling"),
        (["conv"], "kind: convolution (2-D, as Conv2d)"),
    ];

    /// <summary>What to use instead of <paramref name="word"/> as a kind, or null when nothing specific is known.</summary>
    public static string? Kind(string word)
    {
        var plain = new string(word.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).ToArray());
        return Kinds.FirstOrDefault(k => k.Parts.Any(plain.Contains)).Hint;
    }
}
