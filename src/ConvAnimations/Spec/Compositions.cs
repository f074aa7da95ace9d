using static ConvAnimations.Spec.ValueRules;

namespace ConvAnimations.Spec;

/// <summary>A composed figure as read, before its parts (other figures of the file, by name) are resolved.</summary>
internal sealed record PendingComposition(
    string Name, RawMap Node, RawNode KindAt, ViewRules View, IReadOnlyList<(string Name, RawNode At)> Parts, FigureFields Fields, Report Report);

/// <summary>
/// Figures made of other figures: <c>sequence: [a, b]</c> plays them one after another, <c>beside: [a, b]</c> side by
/// side. Read like any figure (name, title, formats, ...), then resolved once the whole file is read: every name must
/// be a figure of the file, and no figure may contain itself, directly or through another composed figure.
/// </summary>
internal static class Compositions
{
    /// <summary>How deep composed figures may nest (a sequence of besides of sequences ...): enough for any page.</summary>
    public const int MaxDepth = 4;

    /// <summary>At most this many leaf figures in one composed figure, counted with repeats.</summary>
    public const int MaxLeaves = 64;

    /// <summary>The keys a composed figure takes itself besides its composing key; the others describe its parts' maps and are set on them.</summary>
    private static readonly string[] OwnKeys = ["name", "title", "frame_ms", "formats", "scale", "panels", "theme", "play", "alt"];

    public static bool IsComposed(RawMap node, IReadOnlyList<ViewRules> views) => ViewChoice.CompositionKeys(views).Any(k => node[k] is not null);

    public static (PendingComposition? Pending, RawNode? NameNode, string? Name) Read(RawMap node, RawMap? defaults, Report unnamed, IReadOnlyList<ViewRules> views)
    {
        var (nameNode, name, report) = FigureRules.ReadName(node, unnamed);
        var composing = ViewChoice.CompositionKeys(views);
        var known = FigureFields.KnownKeys(views);

        var ok = report.UnknownKeys(node, known, "a figure");
        foreach (var key in node.Keys.Where(k => known.Contains(k.Value) && !OwnKeys.Contains(k.Value) && !composing.Contains(k.Value)))
        {
            report.Error(key, $"'{key.Value}' does not go with a composed figure, which shows its parts as they are: set it on the parts; a composed figure takes {string.Join(", ", OwnKeys)}");
            ok = false;
        }
        var given = composing.Where(k => node[k] is not null).ToList();
        if (given.Count > 1)
        {
            report.Error(node[given[1]]!, $"give either {string.Join(" or ", given.Select(k => $"'{k}' ({ViewChoice.ComposedBy(views, k)!.Describes})"))}, not both");
            ok = false;
        }
        var word = given[0];
        var (view, list) = (ViewChoice.ComposedBy(views, word)!, node[word]!);
        var parts = new List<(string, RawNode)>();
        if (list is not RawList { Items.Count: > 0 } items)
        {
            report.Error(list, $"{word}: expected a list of figure names such as [conv, conv_transposed], got {RawYaml.Describe(list)}");
            ok = false;
        }
        else
        {
            foreach (var item in items.Items)
            {
                if (Name(item, report, out var part)) parts.Add((part, item));
                else ok = false;
            }
        }
        // The composed figure's own keys; what the defaults hold for maps is for its parts, and checked there.
        var fields = FigureFields.Read(new KeySource(node, defaults, report));
        ok &= new[] { fields.Title.Ok, fields.FrameMs.Ok, fields.Formats.Ok, fields.Scale.Ok, fields.Panels.Ok, fields.Theme.Ok, fields.Play.Ok, fields.Alt.Ok }.All(o => o);
        return (ok && name is not null ? new PendingComposition(name, node, list, view, parts, fields, report) : null, nameNode, name);
    }

    /// <summary>
    /// The composed figures with their parts, in the order given; a reference to a missing figure, to itself or in a
    /// cycle, too deep a nesting or too many frames is reported at the name that causes it.
    /// </summary>
    /// <param name="known">Every name the file defines, valid or not (an invalid part was reported already).</param>
    public static IReadOnlyDictionary<PendingComposition, Figure> Resolve(
        IReadOnlyList<PendingComposition> pending, IReadOnlyDictionary<string, Figure> figures, IReadOnlyCollection<string> known)
    {
        var byName = pending.ToDictionary(p => p.Name);
        var done = new Dictionary<string, (Figure? Figure, int Depth, int Leaves)>();
        var visiting = new List<string>();

        (Figure? Figure, int Depth, int Leaves) Visit(PendingComposition composed)
        {
            if (done.TryGetValue(composed.Name, out var result)) return result;
            visiting.Add(composed.Name);
            var report = composed.Report;
            var word = composed.View.Name;
            var parts = new List<Figure>();
            var (ok, depth, leaves) = (true, 1, 0);
            foreach (var (name, at) in composed.Parts)
            {
                if (name == composed.Name)
                {
                    report.Error(at, $"{word}: '{name}' is this figure itself: a composed figure cannot contain itself");
                    ok = false;
                }
                else if (visiting.IndexOf(name) is var back and >= 0)
                {
                    var cycle = string.Join(" -> ", visiting.Skip(back).Append(name));
                    report.Error(at, $"{word}: '{name}' contains this figure again ({cycle}): a composed figure cannot contain itself, even through another");
                    ok = false;
                }
                else if (figures.TryGetValue(name, out var figure))
                {
                    parts.Add(figure);
                    leaves++;
                }
                else if (byName.TryGetValue(name, out var inner))
                {
                    var (part, innerDepth, innerLeaves) = Visit(inner);
                    if (part is null) ok = false;
                    else parts.Add(part);
                    depth = Math.Max(depth, innerDepth + 1);
                    leaves += innerLeaves;
                }
                else
                {
                    // A figure of the file with an error of its own was reported there.
                    if (!known.Contains(name)) report.Error(at, $"{word}: no figure named '{name}' in this file{Suggestions.DidYouMean(name, known.ToList())}");
                    ok = false;
                }
            }
            visiting.RemoveAt(visiting.Count - 1);
            var figureOrNull = ok ? Build(composed, parts, depth, leaves) : null;
            return done[composed.Name] = (figureOrNull, depth, leaves);
        }

        var resolved = new Dictionary<PendingComposition, Figure>();
        foreach (var composed in pending)
        {
            if (Visit(composed).Figure is { } figure) resolved[composed] = figure;
        }
        return resolved;
    }

    private static Figure? Build(PendingComposition composed, IReadOnlyList<Figure> parts, int depth, int leaves)
    {
        var (report, at, f) = (composed.Report, composed.KindAt, composed.Fields);
        var word = composed.View.Name;
        if (depth > MaxDepth)
        {
            report.Error(at, $"{word}: composed figures nest {depth} deep here, over the limit of {MaxDepth}");
            return null;
        }
        if (leaves > MaxLeaves)
        {
            report.Error(at, $"{word}: holds {leaves} figures counting those of its composed parts, over the limit of {MaxLeaves}");
            return null;
        }
        // Its own kind and geometry are its first part's, so what describes a figure by them still reads.
        var first = parts[0];
        var figure = new Figure(composed.Name, f.Title.Given ? f.Title.Value : composed.Name, first.Kind, first.Geometry, f.FrameMs.Value,
            f.Formats.Value, f.Scale.Value, first.Style, null, report.At(composed.Node))
        {
            Look = f.Look with { Labels = Labels.None, Legend = false },
            View = composed.View,
            Parts = parts,
            Alt = f.Alt.Value,
            OutputUnits = first.OutputUnits,
        };
        var frames = figure.FrameCount;
        if (frames > FigureFileReader.MaxFrames)
        {
            report.Error(at, $"{word}: plays {frames} frames, over the limit of {FigureFileReader.MaxFrames}");
            return null;
        }
        return FigureRules.Played(figure, f.Play.Value, f.Panels.Value, report);
    }
}
