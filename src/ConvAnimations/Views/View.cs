using ConvAnimations.Explain;
using ConvAnimations.Layout;
using ConvAnimations.Scenes;
using ConvAnimations.Spec;

namespace ConvAnimations.Views;

/// <summary>
/// A way of drawing a figure, all in one place: what the reader checks for it (<see cref="ViewRules"/>), how the
/// figure is laid out, the scene it is drawn as, and its part of <c>explain</c>, <c>explain --json</c> and
/// <c>--pytorch</c>. Views are registered in one table (<see cref="ViewTable"/>), the way a Markdig extension
/// registers its parser and renderer together; nothing else knows them by name. Its kind is data it asks
/// (<see cref="Kind"/>), never a switch.
/// </summary>
public abstract class View : ViewRules
{
    /// <summary>The view a figure was read with: the reader takes its views from a <see cref="ViewTable"/>, which holds only views.</summary>
    public static View Of(Figure figure) =>
        figure.View as View ?? throw new InvalidOperationException($"view '{figure.View.Name}' of figure '{figure.Name}' has no drawing: figures are read with a ViewTable's views");

    /// <summary>The figure as data: its grid, frames and numbers.</summary>
    public virtual Animation Layout(Figure figure) => Layouter.Layout(figure);

    /// <summary>The figure placed on a canvas: its planes and, frame by frame, what changes.</summary>
    public abstract Scene Build(Animation animation);

    /// <summary>The scene as the figure shows it: <see cref="Build"/>'s, cut to the frames <c>play:</c> chose.</summary>
    public Scene Shown(Animation animation) => animation.Figure.Play is { } play ? Build(animation).Playing(play.Frames) : Build(animation);

    /// <summary><c>explain</c>: the arithmetic in words and formulas, with what this view adds.</summary>
    public virtual string Describe(Animation animation) => ArithmeticText.Describe(animation, ArithmeticText.CellFrames(animation.Figure));

    /// <summary>
    /// The alt text written for the figure (<c>explain --alt</c>, unless figures.yaml gives one): what it shows in one
    /// or two plain sentences, from its arithmetic; a numerical figure's output read out.
    /// </summary>
    public virtual string Alt(Animation animation) =>
        AltText.Sliding(animation.Figure) + (animation.Values is { } values ? AltText.Numbers(animation.Figure, values.Output) : "");

    /// <summary><c>explain --json</c>: the layout as a JSON document.</summary>
    public virtual string Json(Animation animation) => FigureJson.Document([
        .. FigureJson.Header(animation, Named),
        FigureJson.Grid(animation),
        .. FigureJson.Frames(animation.Figure, animation.Frames.Select(f => FigureJson.Frame(f))),
        .. FigureJson.Values(animation.Values),
    ]);

    /// <summary>Why <c>--pytorch</c> has no program for this figure, or null when it has one.</summary>
    public virtual string? NoPyTorch(Figure figure) => null;

    /// <summary><c>explain --pytorch</c>: a program that builds the same layer in PyTorch and checks it.</summary>
    public virtual string PyTorch(Animation animation) => PyTorchProgram.Write(animation);

    /// <summary>
    /// The view named beside a figure's kind (in <c>list</c>, in <c>explain --json</c>): its word, or null for the
    /// sliding kernel, the default way of drawing.
    /// </summary>
    public virtual string? Named => Word;
}
