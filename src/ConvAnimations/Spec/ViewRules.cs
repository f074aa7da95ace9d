using ConvAnimations.Arithmetic;
using static ConvAnimations.Spec.ValueRules;

namespace ConvAnimations.Spec;

/// <summary>The 'view' key: which picture of the operation a figure draws, and the figures each view suits.</summary>
internal static class ViewRules
{
    /// <summary>The most non-zero entries a matrix view's C may have (explain --json lists them all).</summary>
    public const int MaxMatrixEntries = 1_000_000;

    public static Field<View> Read(KeySource keys) => keys.Read("view", View.Kernel, Word<View>("view"));

    /// <summary>Whether the view suits the figure's kind and sizes; reports why not at the view.</summary>
    public static bool Fits(Field<View> view, FigureKind kind, Geometry geometry, bool numerical, Report report)
    {
        var name = Words<View>.NameOf(view.Value);
        var at = view.At;
        switch (view.Value)
        {
            case View.Matrix when Figure.IsPoolingKind(kind):
                report.Error(at!, $"view: matrix is for kind convolution or transposed: pooling is not a matrix product (it has no weights)");
                return false;
            case View.Matrix when (long)geometry.Output.Area * geometry.Kernel.Area > MaxMatrixEntries:
                report.Error(at!, $"view: matrix: C would have up to {(long)geometry.Output.Area * geometry.Kernel.Area} non-zero entries ({geometry.Output.Area} output cells x {geometry.Kernel.Area} taps), " +
                                  $"over the limit of {MaxMatrixEntries}; use a smaller input or kernel");
                return false;
            case View.Hops or View.Subsampling when kind != FigureKind.Convolution:
                report.Error(at!, $"view: {name} is a diagram of a convolution: use kind: convolution (the paper draws it for the direct operation)");
                return false;
            case View.Hops or View.Subsampling when numerical:
                report.Error(at!, $"view: {name} is a diagram without numbers: leave out 'values'");
                return false;
            case View.Subsampling when geometry.Stride is { Rows: 1, Cols: 1 }:
                report.Error(at!, "view: subsampling compares a strided convolution with the stride-1 one: give a stride above 1");
                return false;
            default:
                return true;
        }
    }
}
