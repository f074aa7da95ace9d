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

    /// <summary>The axes to describe: one, unlabelled, when both are the same; else "rows" and "cols".</summary>
    public IReadOnlyList<(Axis Axis, string Label)> DistinctAxes => Rows == Cols ? [(Rows, "")] : [(Rows, "rows"), (Cols, "cols")];
}
