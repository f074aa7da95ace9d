using System.Text;
using ConvAnimations.Explain;
using ConvAnimations.Layout;
using ConvAnimations.Scenes;
using ConvAnimations.Spec;

namespace ConvAnimations.Views;

/// <summary>
/// A figure made of other figures of the file: <c>sequence: [a, b]</c> plays them one after another on one canvas,
/// <c>beside: [a, b]</c> side by side, in step (a shorter one holds its last frame). Each part is drawn by its own
/// view, in the composed figure's theme and scale, with its own labels.
/// </summary>
public sealed class ComposedView : View
{
    public static readonly ComposedView Sequence = new("sequence", "one after another", inTurn: true);

    public static readonly ComposedView Beside = new("beside", "side by side, in step (a shorter one holds its last frame)", inTurn: false);

    private readonly bool _inTurn;

    private ComposedView(string name, string describes, bool inTurn) => (Name, Describes, _inTurn) = (name, describes, inTurn);

    public override string Name { get; }

    public override string? Word => null;

    public override string? ComposedBy => Name;

    public override string Describes { get; }

    /// <summary>In turn, every part's frames; side by side, the longest part's.</summary>
    public override int FrameCount(Figure figure) => _inTurn ? figure.Parts.Sum(p => p.FrameCount) : figure.Parts.Max(p => p.FrameCount);

    /// <summary>In turn, the first row's frames of each part; side by side, those of the part with the most.</summary>
    public override IReadOnlyList<int> FirstRow(Figure figure)
    {
        int Row(Figure part) => Math.Min(part.FrameCount, part.AnimatedOutput.Cols);
        if (!_inTurn) return Enumerable.Range(0, figure.Parts.Max(Row)).ToList();
        var starts = figure.Parts.Select((p, k) => figure.Parts.Take(k).Sum(q => q.FrameCount)).ToList();
        return figure.Parts.SelectMany((p, k) => Enumerable.Range(starts[k], Row(p))).ToList();
    }

    public override string Describe(Animation animation)
    {
        var figure = animation.Figure;
        var text = new StringBuilder();
        text.AppendLine($"{figure.Name}: {figure.Title}");
        text.AppendLine($"{Name} of {figure.Parts.Count} figures, {FrameCount(figure)} frames: {Describes}");
        text.Append(ArithmeticText.PlayLine(figure));
        foreach (var part in figure.Parts) text.AppendLine().Append(Of(part).Describe(Of(part).Layout(part)));
        return text.ToString();
    }

    /// <summary>The parts' documents in order.</summary>
    public override string Json(Animation animation)
    {
        var figure = animation.Figure;
        return FigureJson.Document([
            FigureJson.Member("name", FigureJson.Text(figure.Name)),
            FigureJson.Member(Name, $"[{string.Join(", ", figure.Parts.Select(p => FigureJson.Text(p.Name)))}]"),
            FigureJson.Member("frame_count", $"{figure.FrameCount}"),
            .. figure.Play is { } play ? [FigureJson.Played(play)] : Array.Empty<string>(),
            $"  \"parts\": [\n{string.Join(",\n", figure.Parts.Select(p => Of(p).Json(Of(p).Layout(p)).TrimEnd('\n')))}\n  ]",
        ]);
    }

    public override string? NoPyTorch(Figure figure) =>
        $"'{figure.Name}' is a composed figure, which is no one layer: ask for the PyTorch snippet of each of its parts ({string.Join(", ", figure.Parts.Select(p => p.Name))})";

    public override Scene Build(Animation animation)
    {
        var figure = animation.Figure;
        // The parts in the composed figure's theme and scale; their own labels and views as they are.
        var parts = figure.Parts.Select(p => p with { Scale = figure.Scale, Look = p.Look with { Theme = figure.Look.Theme } })
            .Select(p => Of(p).Shown(Of(p).Layout(p)))
            .ToList();
        return _inTurn
            ? SceneComposer.Sequence(parts, figure.Scale, figure.Look.Theme)
            : SceneComposer.Beside(parts, SceneComposer.Gap, figure.Scale, figure.Look.Theme);
    }

    /// <summary>Each part's alt text in turn, said where it is.</summary>
    public override string Alt(Animation animation)
    {
        var figure = animation.Figure;
        var parts = figure.Parts;
        string Where(int i) => parts.Count != 2 ? $"{i + 1}" : _inTurn ? (i == 0 ? "First" : "Then") : (i == 0 ? "Left" : "Right");
        var text = parts.Select((p, i) => $"{Where(i)}: {p.Alt ?? Of(p).Alt(Of(p).Layout(p))}");
        return $"{parts.Count} figures {Describes}. {string.Join(" ", text)}";
    }
}
