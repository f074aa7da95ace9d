namespace ConvAnimations.Arithmetic;

/// <summary>A 2-D direct convolution: one <see cref="Axis"/> per axis.</summary>
public sealed record Geometry(Axis Rows, Axis Cols)
{
    public Size2 Input => new(Rows.Input, Cols.Input);
    public Size2 Kernel => new(Rows.Kernel, Cols.Kernel);
    public Size2 Stride => new(Rows.Stride, Cols.Stride);
    public Size2 Padding => new(Rows.Padding, Cols.Padding);
    public Size2 Dilation => new(Rows.Dilation, Cols.Dilation);
    public Size2 Output => new(Rows.Output, Cols.Output);
    public Size2 OutputPadding => new(Rows.OutputPadding, Cols.OutputPadding);
    public Size2 TransposedPadding => new(Rows.TransposedPadding, Cols.TransposedPadding);
    public Size2 EffectiveKernel => new(Rows.EffectiveKernel, Cols.EffectiveKernel);

    /// <summary>The axes to describe: one, unlabelled, when both are the same; else "rows" and "cols".</summary>
    public IReadOnlyList<(Axis Axis, string Label)> DistinctAxes => Rows == Cols ? [(Rows, "")] : [(Rows, "rows"), (Cols, "cols")];
}
