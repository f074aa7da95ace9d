using System.Text;
using ConvAnimations.Arithmetic;
using ConvAnimations.Spec;

namespace ConvAnimations.Layout;

/// <summary>
/// <c>explain</c> of any figure: the guide's arithmetic of its operation, with what its view
/// adds (the matrix C, the count of positions, the kept outputs); for a composed figure, each part's in turn.
/// </summary>
public static class FigureText
{
    public static string Describe(Figure figure)
    {
        if (figure.Compose is { } composition)
        {
            var text = new StringBuilder();
            text.AppendLine($"{figure.Name}: {figure.Title}");
            text.AppendLine($"{Words<CompositionKind>.NameOf(composition.Kind)} of {composition.Parts.Count} figures, {figure.FrameCount} frames: " +
                            (composition.Kind == CompositionKind.Sequence ? "one after another" : "side by side, in step (a shorter one holds its last frame)"));
            foreach (var part in composition.Parts) text.AppendLine().Append(Describe(part));
            return text.ToString();
        }
        var animation = Layouter.Layout(figure);
        var description = Explanation.Describe(figure, AnimationJson.GridRows(animation.Grid));
        var g = figure.Geometry;
        return figure.View switch
        {
            View.Matrix => description + Matrix(figure),
            View.Hops => description + $"hops: the window moves {g.Stride.Cols} cell(s) right and {g.Stride.Rows} down at a time: " +
                         $"1 + {g.Output.Cols - 1} = {g.Output.Cols} positions across, 1 + {g.Output.Rows - 1} = {g.Output.Rows} down; one picture\n",
            View.Subsampling => description + $"subsampling: the stride-1 convolution gives {(g.Rows with { Stride = 1 }).Output}x{(g.Cols with { Stride = 1 }).Output} outputs; " +
                                $"keeping those whose row is a multiple of {g.Stride.Rows} and column a multiple of {g.Stride.Cols} gives this one's {g.Output.Rows}x{g.Output.Cols}; one picture\n",
            _ => description,
        };
    }

    private static string Matrix(Figure figure)
    {
        var c = ConvolutionMatrix.Of(figure.Geometry);
        var (r, k) = (c.Shape.Rows, c.Shape.Cols);
        return figure.IsTransposed
            ? $"matrix: y = Cᵀ x, Cᵀ {k}x{r} ({c.Entries.Count} non-zero entries); frame j computes row j of Cᵀ, column j of C\n"
            : $"matrix: y = C x, C {r}x{k} ({c.Entries.Count} non-zero entries); frame n computes row n of C\n";
    }
}
