using ConvAnimations.Layout;
using ConvAnimations.Spec;

namespace ConvAnimations.Scenes;

/// <summary>
/// The scenes of the figures that are not the guide's sliding kernel alone: composed figures, the matrix view and the
/// paper's two diagrams. Each is built from the kernel view's scene and parts of its own.
/// </summary>
internal static class FigureScenes
{
    /// <summary>The gap between the parts of a figure side by side, in cells.</summary>
    internal const float Gap = 2;

    /// <summary>The figure's scene when it is one of these, else null (the kernel view).</summary>
    public static Scene? Build(Animation animation)
    {
        var figure = animation.Figure;
        if (figure.Compose is { } composition) return Composed(figure, composition);
        return figure.View switch
        {
            View.Matrix => MatrixScene.Build(animation),
            View.Hops => Diagrams.Hops(animation),
            View.Subsampling => Diagrams.Subsampling(animation),
            _ => null,
        };
    }

    /// <summary>The kernel view of <paramref name="figure"/> as the guide draws it.</summary>
    internal static Scene KernelView(Figure figure) => SceneBuilder.Build(Layouter.Layout(figure with { View = View.Kernel }));

    private static Scene Composed(Figure figure, Composition composition)
    {
        // The parts in the composed figure's theme; their own labels and views as they are.
        var parts = composition.Parts
            .Select(p => SceneBuilder.Build(Layouter.Layout(p with { Scale = figure.Scale, Look = p.Look with { Theme = figure.Look.Theme } })))
            .ToList();
        return composition.Kind == CompositionKind.Sequence
            ? SceneComposer.Sequence(parts, figure.Scale, figure.Look.Theme)
            : SceneComposer.Beside(parts, Gap, figure.Scale, figure.Look.Theme);
    }
}
