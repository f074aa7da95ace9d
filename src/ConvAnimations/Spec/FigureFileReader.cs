namespace ConvAnimations.Spec;

/// <summary>
/// Reads figures.yaml into validated <see cref="Figure"/> records in two phases: the YAML becomes raw values that keep
/// their source positions (<see cref="RawYaml"/>), then independent rules each report their own errors
/// (<see cref="FigureRules"/>). Every problem of the file is reported with its line and column in one run; a file
/// with any error yields no figure at all.
/// </summary>
public static class FigureFileReader
{
    public const int MaxCellsPerAxis = 256;
    public const int MaxFrames = 10_000;

    /// <summary>A course's figures fit in a fraction of this; the limit keeps a hostile file from taking the memory.</summary>
    public const int MaxFileBytes = 4 * 1024 * 1024;

    public const int MaxFigures = 10_000;

    internal static readonly string TooLarge = $"the file is larger than {MaxFileBytes / (1024 * 1024)} MB, the most a figures file may be";

    private static readonly string[] TopLevelKeys = ["defaults", "figures"];

    /// <param name="views">The views figures may ask for, in the order of their table (the first is the default).</param>
    public static FigureFile Read(string path, IReadOnlyList<ViewRules> views)
    {
        var errors = new List<SpecError>();
        return SourceText.Read(path, errors) is { } text ? Parse(text, path, views) : new FigureFile(path, [], errors);
    }

    public static FigureFile Parse(string text, string path, IReadOnlyList<ViewRules> views)
    {
        var errors = new List<SpecError>();
        var figures = new List<Figure>();
        if (text.Length > MaxFileBytes) errors.Add(new SpecError(SourceLocation.WholeFile(path), null, TooLarge));
        else ReadFigures(RawYaml.Load(text, path, errors), path, errors, figures, views);

        var sorted = errors.OrderBy(e => (e.Location.Line, e.Location.Column)).ToList();
        return sorted.Count > 0 ? new FigureFile(path, [], sorted) : new FigureFile(path, figures, sorted);
    }

    private static void ReadFigures(RawNode? root, string path, List<SpecError> errors, List<Figure> figures, IReadOnlyList<ViewRules> views)
    {
        var report = new Report(path, null, errors);
        if (root is null or RawScalar { Value: "" })
        {
            // An empty file; or phase one stopped, and said why.
            if (errors.Count == 0) errors.Add(new SpecError(new SourceLocation(path, 1, 1), null, "the file is empty: expected a mapping with a 'figures' list"));
            return;
        }
        if (root is not RawMap map)
        {
            report.Error(root, "expected a mapping with 'defaults' (optional) and 'figures'");
            return;
        }
        report.UnknownKeys(map, TopLevelKeys, "top level");

        var defaults = map["defaults"] as RawMap;
        if (map["defaults"] is { } notMap && defaults is null)
        {
            report.Error(notMap, "'defaults' must be a mapping of figure keys (any key but 'name')");
        }
        if (defaults is not null)
        {
            report.UnknownKeys(defaults, FigureFields.KnownKeys(views).Where(k => k != "name").ToArray(), "defaults");
            if (defaults["name"] is { } name) report.Error(name, "'defaults' cannot set 'name': every figure needs its own");
            foreach (var key in ViewChoice.CompositionKeys(views))
            {
                if (defaults[key] is { } composed) report.Error(composed, $"'defaults' cannot set '{key}': a composed figure names its parts itself");
            }
            if (defaults[LayerChains.Key] is { } chain) report.Error(chain, $"'defaults' cannot set '{LayerChains.Key}': each chain lists its own");
            // The defaults' values are checked once, here, whether or not a figure uses them.
            var keys = new KeySource(defaults, null, report);
            FigureFields.Read(keys);
            ChannelFields.Read(keys);
            ViewChoice.Read(keys, views);
            foreach (var view in views) view.ReadOptions(keys, out _);
        }

        if (map["figures"] is not { } figuresNode)
        {
            report.Error(map, "no 'figures' list: add 'figures:' with at least one figure");
            return;
        }
        if (figuresNode is not RawList { Items.Count: > 0 } list)
        {
            report.Error(figuresNode, "'figures' must be a list with at least one figure");
            return;
        }
        if (list.Items.Count > MaxFigures)
        {
            report.Error(list, $"{list.Items.Count} figures, over the limit of {MaxFigures} in one file: split it into several files");
            return;
        }

        var names = new Dictionary<string, SourceLocation>();
        var pending = new List<PendingComposition>();
        foreach (var item in list.Items)
        {
            if (item is not RawMap node)
            {
                report.Error(item, "each entry of 'figures' must be a mapping (name, kind, input, kernel, ...)");
                continue;
            }
            (Figure? figure, PendingComposition? composed, RawNode? nameNode, string? name) = (null, null, null, null);
            if (Compositions.IsComposed(node, views)) (composed, nameNode, name) = Compositions.Read(node, defaults, report, views);
            else if (LayerChains.IsChain(node)) (figure, nameNode, name) = LayerChains.Read(node, defaults, report, views);
            else (figure, nameNode, name) = FigureRules.Read(node, defaults, report, views);
            if (name is null || nameNode is null) continue;
            if (names.TryGetValue(name, out var first))
            {
                report.For(name).Error(nameNode, $"duplicate name: already used at {first}; names must be unique since they name the output files");
                continue;
            }
            names[name] = report.At(node);
            if (figure is not null) figures.Add(figure);
            if (composed is not null) pending.Add(composed);
        }
        if (pending.Count == 0) return;
        // Composed figures take their parts by name, from anywhere in the file: resolved once every figure is read.
        var resolved = Compositions.Resolve(pending, figures.ToDictionary(f => f.Name), names.Keys);
        figures.AddRange(resolved.Values);
        figures.Sort((a, b) => (a.Location.Line, a.Location.Column).CompareTo((b.Location.Line, b.Location.Column)));
    }
}
