using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ConvAnimations.Spec;

/// <summary>A value of a figures file as written, with where it was written: what the rules of phase two read.</summary>
internal abstract record RawNode(int Line, int Column);

/// <summary>A scalar; <see cref="IsPlain"/> is false when it was quoted (a quoted "3" is text, not a number).</summary>
internal sealed record RawScalar(string Value, bool IsPlain, int Line, int Column) : RawNode(Line, Column);

internal sealed record RawList(IReadOnlyList<RawNode> Items, int Line, int Column) : RawNode(Line, Column);

internal sealed record RawEntry(RawScalar Key, RawNode Value);

internal sealed record RawMap(IReadOnlyList<RawEntry> Entries, int Line, int Column) : RawNode(Line, Column)
{
    public RawNode? this[string key] => Entries.FirstOrDefault(e => e.Key.Value == key)?.Value;

    public IEnumerable<RawScalar> Keys => Entries.Select(e => e.Key);
}

/// <summary>A value phase one could not read (an undefined alias). Its error is reported; no rule reports it again.</summary>
internal sealed record RawBroken(int Line, int Column) : RawNode(Line, Column);

/// <summary>
/// Phase one: YAML text to <see cref="RawNode"/>s, from YamlDotNet's event stream so that hostile files stop early
/// with a located error: nesting depth is checked as each collection opens (no recursion, so no stack overflow),
/// values are counted as they come, an alias as the values it stands for (a billion-laughs file stops at
/// <see cref="MaxValues"/> like a file of a million numbers), duplicate
/// keys and undefined aliases are reported where they are written, and any exception of the YAML library becomes a
/// syntax error at the place the scanner stopped.
/// </summary>
internal static class RawYaml
{
    /// <summary>A figures file nests 6 levels deep (figures, figure, values, input, row, number).</summary>
    public const int MaxDepth = 64;

    /// <summary>
    /// How many values (scalars and collections, an alias counting as the values it stands for) a file may hold: the
    /// largest numerical figure within <see cref="FigureFileReader.MaxFrames"/> holds about 90,000.
    /// </summary>
    public const int MaxValues = 150_000;

    /// <summary>The root of the file's first document (null when it has none or could not be read).</summary>
    public static RawNode? Load(string text, string path, List<SpecError> errors)
    {
        var scanner = new Scanner(new StringReader(text), skipComments: true);
        var parser = new Parser(scanner);
        // The scanner may stop past the end of a file that does not end with a line break: point at its end.
        var end = SourceText.PositionAfter(text);
        SourceLocation Location(Mark mark) => mark.Index < text.Length
            ? new SourceLocation(path, (int)Math.Clamp(mark.Line, 1, end.Line), (int)Math.Max(mark.Column, 1))
            : new SourceLocation(path, end.Line, end.Column);
        var builder = new Builder(path, errors, Location);
        try
        {
            while (parser.MoveNext())
            {
                if (!builder.Accept(parser.Current!)) break;
            }
        }
        catch (Exception e)
        {
            // Any exception, of any type: YamlDotNet throws InvalidOperationException from some scanner states.
            var (at, message) = e is YamlException yaml
                ? (yaml.Start, Unprefixed(yaml.InnerException?.Message ?? yaml.Message))
                : (scanner.CurrentPosition, "the text cannot be read as YAML from here");
            if (message.Contains("tab", StringComparison.OrdinalIgnoreCase) && IndentingTab(text, Location(at).Line) is var (line, column))
            {
                // The library reports where its scanner stopped (often the line before) in its own words.
                errors.Add(new SpecError(new SourceLocation(path, line, column), null, "a tab in the indentation: indent with spaces, not tabs (YAML does not allow tabs there)"));
                return null;
            }
            errors.Add(new SpecError(Location(at), null, $"YAML syntax: {message}{builder.UnclosedHint()}"));
            return null;
        }
        return builder.Root;
    }

    /// <summary>The first tab in a line's leading white space, from line <paramref name="from"/> on (1-based line and column).</summary>
    private static (int Line, int Column)? IndentingTab(string text, int from)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var n = Math.Max(from, 1) - 1; n < lines.Length; n++)
        {
            var indent = lines[n].Length - lines[n].TrimStart(' ', '\t').Length;
            var tab = lines[n].IndexOf('\t', 0, indent);
            if (tab >= 0) return (n + 1, tab + 1);
        }
        return null;
    }

    private static string Unprefixed(string message)
    {
        // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: 20) - (Line: ...): " which we already report as file:line:col.
        var marker = message.LastIndexOf("): ", StringComparison.Ordinal);
        return marker >= 0 && message.StartsWith('(') ? message[(marker + 3)..] : message;
    }

    /// <summary>A collection being read: its items, or its entries and the key waiting for its value.</summary>
    private sealed class Open(ParsingEvent start, bool isMap, bool isFlow, string? anchor)
    {
        public ParsingEvent Start { get; } = start;
        public bool IsMap { get; } = isMap;
        public bool IsFlow { get; } = isFlow;
        public string? Anchor { get; } = anchor;
        public List<RawNode> Items { get; } = [];
        public List<RawEntry> Entries { get; } = [];
        public Dictionary<string, int> KeyLines { get; } = [];
        public RawScalar? Key { get; set; }
        public bool SkipValue { get; set; }
        public long Values { get; set; } = 1;
    }

    private sealed class Builder(string path, List<SpecError> errors, Func<Mark, SourceLocation> location)
    {
        private readonly Stack<Open> _open = new();
        private readonly Dictionary<string, (RawNode Node, long Values)> _anchors = [];
        private long _values;
        private int _documents;

        public RawNode? Root { get; private set; }

        /// <summary>Takes one event; false when reading must stop (a limit was hit, or a second document began).</summary>
        public bool Accept(ParsingEvent e)
        {
            switch (e)
            {
                case DocumentStart:
                    if (++_documents == 1) return true;
                    Error(e.Start, "more than one YAML document: put every figure in one 'figures' list");
                    return false;
                case Scalar scalar:
                    if (!Count(e, 1)) return false;
                    Add(new RawScalar(scalar.Value, scalar.Style is ScalarStyle.Plain or ScalarStyle.Any, Line(e), Column(e)), 1, Anchor(scalar));
                    return true;
                case AnchorAlias alias:
                    if (!_anchors.TryGetValue(alias.Value.Value, out var target))
                    {
                        Error(e.Start, $"undefined alias '*{alias.Value.Value}': an alias must follow its anchor '&{alias.Value.Value}'");
                        Add(new RawBroken(Line(e), Column(e)), 1, null);
                        return true;
                    }
                    if (!Count(e, target.Values)) return false;
                    Add(target.Node, target.Values, null);
                    return true;
                case SequenceStart or MappingStart:
                    if (_open.Count >= MaxDepth)
                    {
                        Error(e.Start, $"values nested more than {MaxDepth} levels deep: a figures file needs 6");
                        return false;
                    }
                    if (!Count(e, 1)) return false;
                    var flow = e is SequenceStart { Style: SequenceStyle.Flow } or MappingStart { Style: MappingStyle.Flow };
                    _open.Push(new Open(e, e is MappingStart, flow, Anchor((NodeEvent)e)));
                    return true;
                case SequenceEnd or MappingEnd:
                    var done = _open.Pop();
                    RawNode node = done.IsMap
                        ? new RawMap(done.Entries, Line(done.Start), Column(done.Start))
                        : new RawList(done.Items, Line(done.Start), Column(done.Start));
                    Add(node, done.Values, done.Anchor);
                    return true;
                default:
                    return true;
            }
        }

        private bool Count(ParsingEvent e, long values)
        {
            _values += values;
            if (_values <= MaxValues) return true;
            Error(e.Start, $"the file holds more than {MaxValues} values{(e is AnchorAlias ? ", counting those its aliases stand for" : "")}: far more than any figures file");
            return false;
        }

        /// <summary>Where the innermost flow collection still open began: the usual cause of a syntax error.</summary>
        public string UnclosedHint() =>
            _open.FirstOrDefault(o => o.IsFlow) is { } open
                ? $" (unclosed '{(open.IsMap ? '{' : '[')}' opened at line {Line(open.Start)}, column {Column(open.Start)})"
                : "";

        private void Add(RawNode node, long values, string? anchor)
        {
            if (anchor is not null) _anchors[anchor] = (node, values);
            if (_open.Count == 0)
            {
                Root ??= node;
                return;
            }
            var parent = _open.Peek();
            parent.Values = Math.Min(parent.Values + values, long.MaxValue / 2);
            if (!parent.IsMap)
            {
                parent.Items.Add(node);
            }
            else if (parent.Key is not { } key)
            {
                key = node as RawScalar ?? new RawScalar($"({Describe(node)})", false, node.Line, node.Column);
                parent.SkipValue = parent.KeyLines.TryGetValue(key.Value, out var firstLine);
                if (parent.SkipValue)
                {
                    errors.Add(new SpecError(new SourceLocation(path, key.Line, key.Column), null, $"Duplicate key '{key.Value}': already given at line {firstLine}; give each key once"));
                }
                else
                {
                    parent.KeyLines[key.Value] = key.Line;
                }
                parent.Key = key;
            }
            else
            {
                if (!parent.SkipValue) parent.Entries.Add(new RawEntry(key, node));
                parent.Key = null;
            }
        }

        private void Error(Mark at, string message) => errors.Add(new SpecError(location(at), null, message));

        private static string? Anchor(NodeEvent e) => e.Anchor.IsEmpty ? null : e.Anchor.Value;

        private int Line(ParsingEvent e) => location(e.Start).Line;

        private int Column(ParsingEvent e) => location(e.Start).Column;
    }

    /// <summary>What a value is, in words, for messages such as "expected a whole number, got a list of 3".</summary>
    public static string Describe(RawNode node) => node switch
    {
        RawScalar { Value: "" } => "nothing",
        RawScalar { IsPlain: false } s => $"the string \"{s.Value}\"",
        RawScalar s => $"'{s.Value}'",
        RawList l => $"a list of {l.Items.Count}",
        RawMap => "a mapping",
        _ => "something unreadable",
    };
}
