using ConvAnimations.Arithmetic;
using ConvAnimations.Spec;
using ConvAnimations.Views;

namespace ConvAnimations.Tests.Support;

/// <summary>Figures built directly, for tests that need thousands of them.</summary>
public static class TestFigures
{
    public static Figure Of(Kind kind, Geometry geometry, FigureValues? values = null) =>
        new("f", "f", kind, geometry, 1000, [OutputFormat.Gif], 1.0, values is null ? FigureStyle.Isometric : FigureStyle.Flat, values,
            new SourceLocation("test", 1, 1)) { View = KernelView.Instance };
}
