using System.Globalization;
using System.Text.RegularExpressions;
using ConvAnimations.Arithmetic;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ConvAnimations.Spec;

/// <summary>
/// Reads figures.yaml into validated <see cref="Figure"/> records. Every problem of the file is collected with its
/// line and column, so one run reports them all; a file with any error yields no figure at all.
/// </summary>
public static partial class FigureFileReader
{
    public const int MaxCellsPerAxis = 256;
    public const int MaxFrames = 10_000;

    internal static readonly string[] TopLevelKeys = ["defaults", "figures"];

    internal static readonly string[] FigureKeys =
    [
        "name", "title", "kind", "input", "transposed_input", "output_padding", "kernel", "stride", "padding",
        "dilation", "output", "frame_ms", "formats", "scale", "style", "values", "panels",
    ];

    internal static readonly string[] PanelKeys = ["frames", "columns", "formats"];

    internal static readonly string[] ValueKeys = ["input", "kernel", "seed"];

    internal static readonly string[] Kinds = ["convolution", "transposed", "max_pooling", "average_pooling"];
    internal static readonly string[] PaddingWords = ["valid", "same", "half", "full"];
    internal static readonly string[] Styles = ["isometric", "flat"];

    [GeneratedRegex("^[a-z0-9_-]+$")]
    internal static partial Regex NamePattern();

    [GeneratedRegex("^[+-]?[0-9]+$")]
    internal static partial Regex IntegerPattern();

    public static FigureFile Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new FigureFile(path, [], [new SpecError(new SourceLocation(path, 1, 1), null, $"cannot read the file: {e.Message}")]);
        }
        return Parse(text, path);
    }

    public static FigureFile Parse(string text, string path)
    {
        var errors = new List<SpecError>();
        var figures = new List<Figure>();
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            var message = e.InnerException?.Message ?? e.Message;
            errors.Add(new SpecError(new SourceLocation(path, (int)e.Start.Line, (int)e.Start.Column), null, $"YAML syntax: {Unprefixed(message)}"));
            return new FigureFile(path, [], errors);
        }

        var reader = new YamlContext(path, errors);
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            reader.Error(null, null, "the file is empty: expected a mapping with a 'figures' list");
            return new FigureFile(path, [], errors);
        }
        if (stream.Documents.Count > 1)
        {
            reader.Error(stream.Documents[1].RootNode, null, "more than one YAML document: put every figure in one 'figures' list");
        }
        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            reader.Error(stream.Documents[0].RootNode, null, "expected a mapping with 'defaults' (optional) and 'figures'");
            return new FigureFile(path, [], errors);
        }

        reader.CheckKeys(root, TopLevelKeys, null, "top level");
        var defaults = root.Children.TryGetValue("defaults", out var defaultsNode) ? defaultsNode : null;
        if (defaults is not null and not YamlMappingNode)
        {
            reader.Error(defaults, null, "'defaults' must be a mapping of figure keys (any key but 'name')");
            defaults = null;
        }
        if (defaults is YamlMappingNode defaultsMap)
        {
            reader.CheckKeys(defaultsMap, FigureKeys.Where(k => k != "name").ToArray(), null, "defaults");
            if (defaultsMap.Children.TryGetValue("name", out var nameNode))
            {
                reader.Error(nameNode, null, "'defaults' cannot set 'name': every figure needs its own");
            }
        }

        if (!root.Children.TryGetValue("figures", out var figuresNode))
        {
            reader.Error(root, null, "no 'figures' list: add 'figures:' with at least one figure");
        }
        else if (figuresNode is not YamlSequenceNode list || list.Children.Count == 0)
        {
            reader.Error(figuresNode, null, "'figures' must be a list with at least one figure");
        }
        else
        {
            var names = new Dictionary<string, SourceLocation>();
            foreach (var node in list.Children)
            {
                if (node is not YamlMappingNode figureNode)
                {
                    reader.Error(node, null, "each entry of 'figures' must be a mapping (name, kind, input, kernel, ...)");
                    continue;
                }
                var figure = new FigureReader(reader, figureNode, defaults as YamlMappingNode).Read();
                if (figure is null) continue;
                if (names.TryGetValue(figure.Name, out var first))
                {
                    reader.Error(figureNode.Children["name"], figure.Name, $"duplicate name: already used at {first}; names must be unique since they name the output files");
                    continue;
                }
                names[figure.Name] = figure.Location;
                figures.Add(figure);
            }
        }

        errors.Sort((a, b) => (a.Location.Line, a.Location.Column).CompareTo((b.Location.Line, b.Location.Column)));
        return errors.Count > 0 ? new FigureFile(path, [], errors) : new FigureFile(path, figures, errors);
    }

    private static string Unprefixed(string message)
    {
        // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: 20) - (Line: ...): " which we already report as file:line:col.
        var marker = message.LastIndexOf("): ", StringComparison.Ordinal);
        return marker >= 0 && message.StartsWith('(') ? message[(marker + 3)..] : message;
    }
}
