using ConvAnimations.Arithmetic;
using static ConvAnimations.Spec.ValueRules;

namespace ConvAnimations.Spec;

/// <summary>
/// A chain of layers, <c>layers: [{kernel: [1, 2], padding: causal}, ...]</c>: the chain's <c>input</c> (and
/// <c>in_channels</c>) feed its first layer, each layer's output the next. A layer takes the keys of one operation
/// (and the file's defaults for those it leaves out); its input size and maps are the output of the layer before.
/// Each layer is read by the rules of a single figure (its keys, padding, geometry and channels), its errors located
/// at the layer and naming where its input came from; it becomes a figure of its own, and the chain a figure whose
/// <see cref="Figure.Parts"/> are its layers, drawn by a view for layers (stack, blocks).
/// </summary>
internal static class LayerChains
{
    public const string Key = "layers";

    /// <summary>The most layers a chain may have: a network's overview, not a whole network.</summary>
    public const int MaxLayers = 32;

    /// <summary>The keys each layer takes: one operation's, and a name and title of its own.</summary>
    public static readonly string[] LayerKeys = ["name", "title", "kind", "kernel", "stride", "padding", "dilation", "output_padding", "out_channels", "groups"];

    /// <summary>The keys a chain takes itself; the operation's keys go on its layers.</summary>
    private static readonly string[] OwnKeys =
        ["name", "title", "input", "in_channels", "view", "frame_ms", "formats", "scale", "style", "panels", "play", "theme", "labels", "legend", "reveal", "alt", Key];

    /// <summary>Keys that describe a layer's input, which the layer before gives.</summary>
    private static readonly string[] InputKeys = ["input", "in_channels", "transposed_input"];

    public static bool IsChain(RawMap node) => node[Key] is not null;

    public static (Figure? Figure, RawNode? NameNode, string? Name) Read(RawMap node, RawMap? defaults, Report unnamed, IReadOnlyList<ViewRules> views)
    {
        var (nameNode, name, report) = FigureRules.ReadName(node, unnamed);
        var known = FigureFields.KnownKeys(views);
        var ok = report.UnknownKeys(node, known, "a figure");
        foreach (var key in node.Keys.Where(k => known.Contains(k.Value) && !OwnKeys.Contains(k.Value)))
        {
            report.Error(key, LayerKeys.Contains(key.Value)
                ? $"'{key.Value}' is a key of each layer: set it on the layers (layers: [{{{key.Value}: ...}}, ...]), not on the chain"
                : $"'{key.Value}' does not go with a chain of layers, which takes {string.Join(", ", OwnKeys)}");
            ok = false;
        }
        var keys = new KeySource(node, defaults, report);
        var f = FigureFields.Read(keys);
        var maps = ChannelFields.Read(keys).In;
        var (view, viewOk) = ReadView(node, defaults, report, views);
        ok &= viewOk && new[] { f.Title.Ok, f.FrameMs.Ok, f.Formats.Ok, f.Scale.Ok, f.Style.Ok, f.Input.Ok, f.Panels.Ok, f.Theme.Ok, f.Labels.Ok, f.Legend.Ok, f.Reveal.Ok, f.Alt.Ok, maps.Ok }.All(o => o);
        if (!f.Input.Given)
        {
            report.Error(node, "a chain of layers needs an 'input' size (a number or [rows, cols]): the input of its first layer");
            ok = false;
        }

        var list = node[Key]!;
        IReadOnlyList<RawNode> items = [];
        if (list is not RawList { Items.Count: > 0 } given)
        {
            report.Error(list, $"layers: expected a list of layers such as [{{kernel: 3}}, {{kind: max_pooling, kernel: 2, stride: 2}}], got {RawYaml.Describe(list)}");
            ok = false;
        }
        else if (given.Items.Count > MaxLayers)
        {
            report.Error(list, $"layers: {given.Items.Count} layers, over the limit of {MaxLayers} in one chain");
            ok = false;
        }
        else
        {
            items = given.Items;
        }

        var drawn = new Drawn(f.FrameMs.Value, f.Formats.Value, f.Scale.Value, f.Style.Value ?? FigureStyle.Isometric, f.Look);
        // Each layer's input is the layer before's output: once one is wrong, the later ones are checked key by key only.
        (Size2 Size, int Maps, string From)? input = f.Input is { Given: true, Ok: true } && maps.Ok ? (f.Input.Value, maps.Value, "the chain's input") : null;
        var layers = new List<Figure>();
        var names = new Dictionary<string, int>();
        for (var i = 0; i < items.Count; i++)
        {
            var layer = Layer(items[i], i + 1, input, drawn, defaults, report, views, names);
            if (layer is null) ok = false;
            else layers.Add(layer);
            input = layer is null || input is null ? null : (layer.AnimatedOutput, layer.Channels.Out, $"what layer {i + 1} produced");
        }
        if (!ok || name is null || view is null || layers.Count != items.Count) return (null, nameNode, name);

        // Its own kind and geometry are its first layer's, so what describes a figure by them still reads.
        var figure = new Figure(name, f.Title.Given ? f.Title.Value : name, layers[0].Kind, layers[0].Geometry, drawn.FrameMs, drawn.Formats,
            drawn.Scale, drawn.Style, null, report.At(node))
        {
            Look = drawn.Look,
            View = view,
            Parts = layers,
            Channels = new Channels(maps.Value, layers[^1].Channels.Out, 1),
            Alt = f.Alt.Value,
        };
        return (FigureRules.Played(figure, f.Play.Value, f.Panels.Value, report), nameNode, name);
    }

    /// <summary>
    /// The chain's view: one of the views for layers (the first by default). The defaults' <c>view</c> serves chains
    /// only when it names one of those, since it is there for single figures too.
    /// </summary>
    private static (ViewRules? View, bool Ok) ReadView(RawMap node, RawMap? defaults, Report report, IReadOnlyList<ViewRules> views)
    {
        var chainViews = views.Where(v => v.ForLayers).ToList();
        if (chainViews.Count == 0)
        {
            report.Error(node[Key]!, "layers: no view of this build draws a chain of layers");
            return (null, false);
        }
        var words = chainViews.Select(v => v.Word ?? v.Name).ToList();
        var shared = defaults?["view"] is RawScalar { Value: var word } && words.Contains(word) ? defaults : null;
        var read = new KeySource(node, shared, report).Read("view", words[0], Name("view", words, w => words.Contains(w) ? w : null, words[0]));
        return (chainViews.First(v => (v.Word ?? v.Name) == read.Value), read.Ok);
    }

    /// <summary>
    /// Layer <paramref name="n"/> as a figure of its own, or null (reported). Its keys are checked whatever happens;
    /// its sizes only when its <paramref name="input"/> is known.
    /// </summary>
    private static Figure? Layer(RawNode item, int n, (Size2 Size, int Maps, string From)? input, Drawn chain, RawMap? defaults,
        Report chainReport, IReadOnlyList<ViewRules> views, Dictionary<string, int> names)
    {
        var report = chainReport.Within($"layer {n}: ");
        if (item is not RawMap map)
        {
            report.Error(item, $"expected a mapping of one operation's keys such as {{kernel: 3, stride: 2}}, got {RawYaml.Describe(item)}");
            return null;
        }
        var ok = true;
        foreach (var key in map.Keys.Where(k => InputKeys.Contains(k.Value)))
        {
            report.Error(key, $"'{key.Value}' is not a key of a layer: its input is {(n == 1 ? "the chain's input (set 'input' and 'in_channels' on the chain)" : $"what layer {n - 1} produced")}");
            ok = false;
        }
        ok &= chainReport.UnknownKeys(map, [.. LayerKeys, .. InputKeys], $"layer {n}");

        var keys = new KeySource(map, defaults, report);
        var f = FigureFields.Read(keys);
        var channelFields = ChannelFields.Read(keys);
        string? name = null;
        if (map["name"] is { } nameNode)
        {
            if (!Name(nameNode, report, out var text)) ok = false;
            else if (names.TryGetValue(text, out var first))
            {
                report.Error(nameNode, $"name '{text}' is layer {first}'s already: the layers of a chain have names of their own (they name its PyTorch modules)");
                ok = false;
            }
            else (names[text], name) = (n, text);
        }
        string? title = null;
        if (map["title"] is { } titleNode) ok &= Title(titleNode, report, out title);
        if (f.Kind.Ok && f.Kind.Value.IsDense)
        {
            report.Error(map["kind"] ?? map, "kind: fully_connected is not a layer of a chain, which carries maps from layer to layer: draw it as a figure of its own (view: connectivity)");
            return null;
        }
        if (!f.Kernel.Given)
        {
            report.Error(map, "needs a 'kernel' size (a number or [rows, cols]; for pooling, the window)");
            ok = false;
        }
        var kind = f.Kind.Value;
        if (map["output_padding"] is { } outputPadding && f.Kind.Ok && !kind.IsTransposed)
        {
            report.Error(outputPadding, "output_padding is for kind: transposed layers (ConvTranspose2d's output_padding)");
            ok = false;
        }
        ok &= new[] { f.Kind.Ok, f.Kernel.Ok, f.Stride.Ok, f.Dilation.Ok, f.Padding.Ok, f.OutputPadding.Ok }.All(o => o);
        if (input is not var (size, maps, from) || !ok) return null;

        // Its sizes by the rules of a single figure whose input (a transposed one's transposed_input) is the one given.
        var sized = report.Within($"layer {n} (its {Shape(maps, size)} input is {from}): ");
        var given = new Field<Size2>(size, map, true);
        var none = new Field<Size2>(default, null, true);
        var operation = kind.IsTransposed
            ? f with { Input = none, TransposedInput = given, Output = none }
            : f with { Input = given, TransposedInput = none, OutputPadding = none, Output = none };
        if (FigureRules.Geometry(operation, new KeySource(map, defaults, sized)) is not { } geometry) return null;
        // A layer keeps its input's number of maps unless told (PyTorch has no default for out_channels).
        var outputs = channelFields.Out.Given ? channelFields.Out : new Field<int>(maps, null, true);
        var channels = (channelFields with { In = new Field<int>(maps, null, true), Out = outputs }).Resolve(kind, geometry, map, sized);
        if (channels is null) return null;
        var word = ViewChoice.Words(views.Where(v => !v.ForLayers).ToList()).FirstOrDefault() ?? "kernel";
        var (view, chosen) = ViewChoice.Choose(views, new Field<string>(word, null, true), channels, map, sized);
        if (!chosen) return null;
        return new Figure(name ?? $"layer{n}", title ?? name ?? $"layer {n}", kind, geometry, chain.FrameMs, chain.Formats, chain.Scale, chain.Style, null,
            report.At(map)) { Look = chain.Look, View = view, Channels = channels };
    }

    /// <summary>How the chain is drawn, which its layers share.</summary>
    private sealed record Drawn(int FrameMs, IReadOnlyList<OutputFormat> Formats, double Scale, FigureStyle Style, Look Look);

    /// <summary>A layer's input as its sizes are written: "3x3", or with its maps first, "6x14x14".</summary>
    private static string Shape(int maps, Size2 size) => maps == 1 ? size.Dimensions : $"{maps}x{size.Dimensions}";
}
