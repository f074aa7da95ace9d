using ConvAnimations.Arithmetic;

namespace ConvAnimations.Spec;

/// <summary>How many feature maps a view draws on each side.</summary>
public enum MapCount { One, Several }

/// <summary>What a view's own keys read into: a record of the view's (none for most views).</summary>
public abstract record ViewOptions;

/// <summary>What the reader knows of a figure when it asks its view whether the figure suits it.</summary>
/// <param name="At">Where to report: the <c>view</c> key, or the figure when it names no view.</param>
/// <param name="Options">What the view read of its own keys.</param>
/// <param name="OutputUnits">A fully connected figure's output units (0 for other kinds).</param>
internal sealed record ViewRequest(Kind Kind, Geometry Geometry, Channels Channels, bool Numerical, RawNode At, ViewOptions? Options, int OutputUnits = 0);

/// <summary>
/// What the reader knows of a view: how figures.yaml asks for it, the keys it adds and the rules it checks, and how
/// many frames it plays. The views (ConvAnimations.Views) derive from it and add their layout, scene and explanation;
/// the reader is given their table, so it knows no view by name.
/// </summary>
public abstract class ViewRules
{
    /// <summary>Its name: what <c>view:</c> says, or the key of a composed figure.</summary>
    public abstract string Name { get; }

    /// <summary>The word of <c>view:</c> that asks for it, or null when it is not asked for by <c>view:</c>.</summary>
    public virtual string? Word => Name;

    /// <summary>One map in and one out, or several (the same word may name one view of each).</summary>
    public virtual MapCount Maps => MapCount.One;

    /// <summary>It draws a chain of layers (a figure with <c>layers:</c>) rather than one operation.</summary>
    public virtual bool ForLayers => false;

    /// <summary>The key that makes a figure of the file's figures (sequence, beside), or null.</summary>
    public virtual string? ComposedBy => null;

    /// <summary>What it shows, in a few words ("one after another"), for messages and <c>explain</c>.</summary>
    public virtual string Describes => Name;

    /// <summary>Whether it draws <c>kind: fully_connected</c> (units and edges, no kernel sliding over a grid).</summary>
    public virtual bool DrawsDense => false;

    /// <summary>The keys it adds to a figure, read by <see cref="ReadOptions"/>.</summary>
    public virtual IReadOnlyList<string> Keys => [];

    /// <summary>How many frames it plays: one per output cell of every output map, unless it says otherwise.</summary>
    public virtual int FrameCount(Figure figure) => figure.AnimatedOutput.Area * figure.Channels.Out;

    /// <summary>
    /// The frames of <c>play: first_row</c>: those of the first row of each output map (all of them for a frame count
    /// of its own, such as a diagram's one).
    /// </summary>
    public virtual IReadOnlyList<int> FirstRow(Figure figure)
    {
        var output = figure.AnimatedOutput;
        var frames = FrameCount(figure);
        if (frames != output.Area * figure.Channels.Out) return Enumerable.Range(0, Math.Min(frames, output.Cols)).ToList();
        return Enumerable.Range(0, figure.Channels.Out).SelectMany(m => Enumerable.Range(m * output.Area, output.Cols)).ToList();
    }

    /// <summary>Whether a figure suits it; reports every reason it does not at the request's place.</summary>
    internal virtual bool Accepts(ViewRequest request, Report report) => true;

    /// <summary>Reads its own keys, each on its own reporting its errors (from a figure or the defaults); null when it has none.</summary>
    internal virtual bool ReadOptions(KeySource keys, out ViewOptions? options)
    {
        options = null;
        return true;
    }

    public override string ToString() => Name;
}

/// <summary>Choosing a figure's view from the table the reader was given.</summary>
internal static class ViewChoice
{
    /// <summary>The words <c>view:</c> takes, in the table's order.</summary>
    public static IReadOnlyList<string> Words(IReadOnlyList<ViewRules> views) => views.Select(v => v.Word).OfType<string>().Distinct().ToList();

    /// <summary>The <c>view</c> key: one of the table's words (the default is the first view's).</summary>
    public static Field<string> Read(KeySource keys, IReadOnlyList<ViewRules> views)
    {
        var words = Words(views);
        return keys.Read("view", words[0], ValueRules.Name("view", words, w => words.Contains(w) ? w : null, words[0]));
    }

    /// <summary>
    /// The view of that word for the figure's maps; when the word has none for them, that is reported and the word's
    /// other view is returned, so its own rules are checked too.
    /// </summary>
    public static (ViewRules View, bool Ok) Choose(IReadOnlyList<ViewRules> views, Field<string> word, Channels channels, RawNode figure, Report report)
    {
        var maps = channels.IsMulti ? MapCount.Several : MapCount.One;
        var named = views.Where(v => v.Word == word.Value).ToList();
        if (named.Count > 0 && named.All(v => v.ForLayers))
        {
            report.Error(word.At ?? figure, $"view: {word.Value} draws a chain of layers: give 'layers' (a list of operations such as [{{kernel: 3}}, {{kernel: 3, stride: 2}}]) instead of one operation's keys");
            return (views.FirstOrDefault(v => !v.ForLayers && v.Maps == maps) ?? named[0], false);
        }
        if (named.FirstOrDefault(v => v.Maps == maps) is { } view) return (view, true);
        report.Error(word.At ?? figure, maps == MapCount.Several
            ? $"view: {word.Value} draws one input map and one output map: leave out in_channels, out_channels and groups (or use view: {views[0].Word})"
            : $"view: {word.Value} draws several feature maps: give in_channels or out_channels");
        return (named[0], false);
    }

    /// <summary>The view that composes figures by <paramref name="key"/>.</summary>
    public static ViewRules? ComposedBy(IReadOnlyList<ViewRules> views, string key) => views.FirstOrDefault(v => v.ComposedBy == key);

    /// <summary>The keys that compose a figure from others.</summary>
    public static IReadOnlyList<string> CompositionKeys(IReadOnlyList<ViewRules> views) => views.Select(v => v.ComposedBy).OfType<string>().ToList();
}
