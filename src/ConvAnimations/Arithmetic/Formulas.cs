namespace ConvAnimations.Arithmetic;

/// <summary>
/// The size formulas of one axis written out with their numbers, and the guide's relationship (sections 2 to 5) that
/// an axis is an instance of: the text of the arithmetic that <see cref="Axis"/> computes.
/// </summary>
public static class Formulas
{
    /// <summary>The output size of the direct operation, formula and numbers.</summary>
    public static string DirectOutput(Axis a) => a.IsSymmetric
        ? $"o = floor((i + 2p - d(k-1) - 1)/s) + 1 = floor(({a.Input} + {2 * a.Padding} - {a.EffectiveKernel - 1} - 1)/{a.Stride}) + 1 = {a.Output}"
        : $"o = floor((i + p + p_end - d(k-1) - 1)/s) + 1 = floor(({a.Input} + {a.Padding} + {a.PaddingEnd} - {a.EffectiveKernel - 1} - 1)/{a.Stride}) + 1 = {a.Output}";

    /// <summary>The output size of the transpose (the direct input), formula and numbers.</summary>
    public static string TransposedOutput(Axis a) =>
        $"o' = s(i' - 1) + a + d(k-1) + 1 - 2p = {a.Stride}*{a.Output - 1} + {a.OutputPadding} + {a.EffectiveKernel - 1} + 1 - {2 * a.Padding} = {a.Input}";

    /// <summary>How TensorFlow's SAME pads an axis, with its numbers.</summary>
    public static string SamePadding(Axis a)
    {
        var o = (a.Input + a.Stride - 1) / a.Stride;
        var (before, after) = Axis.SamePadding(a.Input, a.Kernel, a.Stride, a.Dilation);
        return $"same is TensorFlow's SAME: o = ceil(i/s) = ceil({a.Input}/{a.Stride}) = {o}, padding = max((o-1)s + d(k-1) + 1 - i, 0) = " +
               $"max({o - 1}*{a.Stride} + {a.EffectiveKernel - 1} + 1 - {a.Input}, 0) = {before + after}: {before} before, {after} after (the odd cell after)";
    }

    /// <summary>How the guide's half padding pads an axis, with its numbers.</summary>
    public static string HalfPadding(Axis a)
    {
        var (before, after) = Axis.HalfPadding(a.Kernel, a.Dilation);
        return $"half is the guide's half padding: d(k-1) = {a.EffectiveKernel - 1} split in two: {before} before, {after} after" +
               (a.Stride > 1 ? " (TensorFlow's SAME at this stride would be padding: same)" : " (at stride 1 the same as TensorFlow's SAME)");
    }

    /// <summary>The relationship of the guide that a direct axis is an instance of.</summary>
    public static string DirectRelationship(Axis a, bool pooling)
    {
        if (!a.IsSymmetric) return "uneven padding (TensorFlow's SAME, causal, or per side): o = floor((i + p + p_end - d(k-1) - 1)/s) + 1";
        if (a.Dilation > 1) return "relationship 15 (dilated): o = floor((i + 2p - k - (k-1)(d-1))/s) + 1";
        if (pooling && a.Padding == 0) return "relationship 7 (pooling): o = floor((i - k)/s) + 1";
        if (a.Stride == 1)
        {
            if (a.Padding == 0) return "relationship 1 (no padding, unit strides): o = (i - k) + 1";
            if (a.Kernel % 2 == 1 && a.Padding == (a.Kernel - 1) / 2) return "relationship 3 (half padding, unit strides): o = i";
            if (a.Padding == a.Kernel - 1) return "relationship 4 (full padding, unit strides): o = i + (k - 1)";
            return "relationship 2 (zero padding, unit strides): o = (i - k) + 2p + 1";
        }
        return a.Padding == 0
            ? "relationship 5 (no padding, non-unit strides): o = floor((i - k)/s) + 1"
            : "relationship 6 (zero padding, non-unit strides): o = floor((i + 2p - k)/s) + 1";
    }

    /// <summary>The relationship of the guide that a transposed axis is an instance of.</summary>
    public static string TransposedRelationship(Axis a)
    {
        if (a.Dilation > 1) return "dilated transpose (ConvTranspose2d): o' = (i' - 1)s - 2p + d(k-1) + a + 1";
        if (a.Stride == 1)
        {
            if (a.Padding == 0) return "relationship 8 (no padding, unit strides, transposed): o' = i' + (k - 1)";
            if (a.Kernel % 2 == 1 && a.Padding == (a.Kernel - 1) / 2) return "relationship 10 (half padding, transposed): o' = i'";
            if (a.Padding == a.Kernel - 1) return "relationship 11 (full padding, transposed): o' = i' - (k - 1)";
            return "relationship 9 (zero padding, unit strides, transposed): o' = i' + (k - 1) - 2p";
        }
        if (a.OutputPadding == 0)
        {
            return a.Padding == 0
                ? "relationship 12 (no padding, non-unit strides, transposed): o' = s(i' - 1) + k"
                : "relationship 13 (padding, non-unit strides, transposed): o' = s(i' - 1) + k - 2p";
        }
        return "relationship 14 (padding, non-unit strides, transposed, odd): o' = s(i' - 1) + a + k - 2p";
    }
}
