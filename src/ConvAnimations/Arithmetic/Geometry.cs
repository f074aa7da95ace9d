namespace ConvAnimations.Arithmetic;

/// <summary>A 2-D direct convolution: one <see cref="Axis"/> per axis.</summary>
public sealed record Geometry(Axis Rows, Axis Cols)
{
    public Size2 Input => new(Rows.Input, Cols.Input);
    public Size2 Kernel => new(Rows.Kernel, Cols.Kernel);
    public Size2 Stride => new(Rows.Stride, Cols.Stride);
    /// <summary>The padding at the top and left.</summary>
    public Size2 Padding => new(Rows.Padding, Cols.Padding);

    /// <summary>The padding at the bottom and right: the same as <see cref="Padding"/> unless the sides differ.</summary>
    public Size2 PaddingEnd => new(Rows.PaddingEnd, Cols.PaddingEnd);

    public bool IsSymmetric => Rows.IsSymmetric && Cols.IsSymmetric;
    public Size2 Dilation => new(Rows.Dilation, Cols.Dilation);
    public Size2 Output => new(Rows.Output, Cols.Output);
    public Size2 OutputPadding => new(Rows.OutputPadding, Cols.OutputPadding);
    public Size2 TransposedPadding => new(Rows.TransposedPadding, Cols.TransposedPadding);
    public Size2 EffectiveKernel => new(Rows.EffectiveKernel, Cols.EffectiveKernel);

    /// <summary>The zero-padded input the direct operation's window slides over.</summary>
    public Size2 PaddedInput => new(Rows.PaddedInput, Cols.PaddedInput);

    /// <summary>The grid a transposed figure's kernel slides over: the transposed input stretched and padded.</summary>
    public Size2 TransposedGrid => new(Rows.TransposedGrid, Cols.TransposedGrid);

    /// <summary>
    /// The padding in words: per axis when both sides of each agree ("1", "1x0"), else the sides that pad ("2 left",
    /// "1 top, 2 bottom, 1 left, 2 right").
    /// </summary>
    public string PaddingText => IsSymmetric ? $"{Padding}"
        : string.Join(", ", new[] { (Rows.Padding, "top"), (Rows.PaddingEnd, "bottom"), (Cols.Padding, "left"), (Cols.PaddingEnd, "right") }
            .Where(side => side.Item1 > 0).Select(side => $"{side.Item1} {side.Item2}"));

    /// <summary>The same operation with stride 1 on both axes.</summary>
    public Geometry WithUnitStride() => new(Rows with { Stride = 1 }, Cols with { Stride = 1 });

    /// <summary>The axes to describe: one, unlabelled, when both are the same; else "rows" and "cols".</summary>
    public IReadOnlyList<(Axis Axis, string Label)> DistinctAxes => Rows == Cols ? [(Rows, "")] : [(Rows, "rows"), (Cols, "cols")];
}
