using System.Text;
using System.Text.RegularExpressions;
using ConvAnimations.Tests.Support;

namespace ConvAnimations.Tests.Architecture;

/// <summary>
/// The namespaces of the source, read from its files (each file's namespace, the <c>using</c> lines and the
/// namespaces named in code): every folder is its namespace, no two namespaces depend on each other through any path,
/// and docs/architecture.md shows the graph as it is. <c>scripts/architecture</c> writes the graph into the page.
/// </summary>
public sealed partial class NamespaceGraphTests
{
    private const string Begin = "<!-- namespace graph: written by scripts/architecture -->";
    private const string End = "<!-- end of the namespace graph -->";

    private static string Page => Path.Combine(Repo.Root, "docs", "architecture.md");

    [GeneratedRegex(@"^namespace ([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex FileNamespace();

    [GeneratedRegex(@"^using (?:static )?(ConvAnimations[\w.]*);", RegexOptions.Multiline)]
    private static partial Regex UsingLine();

    /// <summary>What is not code to look in for names: comments, strings, using lines.</summary>
    [GeneratedRegex(@"//.*$|""(?:[^""\\]|\\.)*""|^using .*$", RegexOptions.Multiline)]
    private static partial Regex NotCode();

    /// <summary>A dotted name in code, not after a dot or a word: Spec.FigureStyle.Isometric, ConvAnimations.Layout.Cell.</summary>
    [GeneratedRegex(@"(?<![\w.])(?:ConvAnimations\.)?[A-Z]\w*(?:\.[A-Z]\w*)+")]
    private static partial Regex QualifiedName();

    /// <summary>A source file: its path in the repository, its namespace, and the text of its code without comments or strings.</summary>
    private sealed record SourceFile(string Path, string Namespace, string Code, string Text);

    private static readonly Lazy<IReadOnlyList<SourceFile>> Sources = new(() =>
        Directory.EnumerateFiles(Path.Combine(Repo.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(p => !p.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Select(p =>
            {
                var text = File.ReadAllText(p);
                var ns = FileNamespace().Match(text);
                Assert.True(ns.Success, $"{p} has no file-scoped namespace");
                return new SourceFile(Path.GetRelativePath(Repo.Root, p), ns.Groups[1].Value, NotCode().Replace(text, ""), text);
            })
            .OrderBy(f => f.Path, StringComparer.Ordinal)
            .ToList());

    /// <summary>Each namespace and the others of the project it uses.</summary>
    private static SortedDictionary<string, SortedSet<string>> Graph()
    {
        var graph = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        var all = Sources.Value.Select(f => f.Namespace).ToHashSet();
        foreach (var file in Sources.Value)
        {
            var uses = graph.TryGetValue(file.Namespace, out var set) ? set : graph[file.Namespace] = new(StringComparer.Ordinal);
            foreach (Match m in UsingLine().Matches(file.Text)) uses.Add(Longest(m.Groups[1].Value, all));
            // Names qualified in code (Spec.FigureStyle, ConvAnimations.Layout.Cell) are looked up from the project's root.
            foreach (Match m in QualifiedName().Matches(file.Code))
            {
                var name = m.Value.StartsWith("ConvAnimations.", StringComparison.Ordinal) ? m.Value : "ConvAnimations." + m.Value;
                if (Longest(name, all) is var used && all.Contains(used) && used != "ConvAnimations") uses.Add(used);
            }
            uses.Remove(file.Namespace);
            uses.RemoveWhere(n => !all.Contains(n));
        }
        return graph;
    }

    /// <summary>The longest namespace of the project that <paramref name="name"/> starts with (a using of a type names its namespace).</summary>
    private static string Longest(string name, IReadOnlySet<string> all) =>
        all.Where(n => name == n || name.StartsWith(n + ".", StringComparison.Ordinal)).OrderByDescending(n => n.Length).FirstOrDefault() ?? name;

    [Fact]
    public void Every_folder_is_its_namespace()
    {
        foreach (var file in Sources.Value)
        {
            var parts = file.Path.Split(Path.DirectorySeparatorChar);
            // src/PROJECT/Folder/.../File.cs: the project's root namespace, then the folders.
            var root = parts[1] == "ConvAnimations.Cli" ? "ConvAnimations.Cli" : "ConvAnimations";
            var expected = string.Join('.', parts[2..^1].Prepend(root));
            Assert.True(expected == file.Namespace, $"{file.Path} is in namespace {file.Namespace}, its folder says {expected}");
        }
    }

    [Fact]
    public void No_namespace_depends_on_itself_through_others()
    {
        var graph = Graph();
        var cycles = Cycles(graph);
        Assert.True(cycles.Count == 0, "namespace cycles:\n" + string.Join("\n", cycles.Select(c => string.Join(" -> ", c.Append(c[0])))));
    }

    [Fact]
    public void The_architecture_page_shows_the_graph_as_it_is()
    {
        var page = File.ReadAllText(Page);
        var (from, to) = (page.IndexOf(Begin, StringComparison.Ordinal), page.IndexOf(End, StringComparison.Ordinal));
        Assert.True(from >= 0 && to > from, $"{Page} has no generated section between {Begin} and {End}");
        var written = page[(from + Begin.Length)..to].Trim();
        var actual = Section(Graph()).Trim();
        if (Environment.GetEnvironmentVariable("CONVANIM_WRITE_ARCHITECTURE") == "1")
        {
            File.WriteAllText(Page, page[..(from + Begin.Length)] + "\n" + actual + "\n" + page[to..]);
            return;
        }
        Assert.True(written == actual, $"docs/architecture.md shows an old namespace graph: run scripts/architecture\n\nexpected:\n{actual}");
    }

    /// <summary>The namespaces in dependency order, each with what it uses, and a Mermaid drawing of the same graph.</summary>
    private static string Section(SortedDictionary<string, SortedSet<string>> graph)
    {
        string Short(string n) => n == "ConvAnimations" ? n : n["ConvAnimations.".Length..];
        var order = Order(graph);
        var text = new StringBuilder();
        text.AppendLine("| namespace | uses |");
        text.AppendLine("|---|---|");
        foreach (var n in order) text.AppendLine($"| {Short(n)} | {string.Join(", ", order.Where(graph[n].Contains).Select(Short))} |");
        text.AppendLine();
        text.AppendLine("```mermaid");
        text.AppendLine("graph BT");
        foreach (var n in order)
        {
            foreach (var used in order.Where(graph[n].Contains)) text.AppendLine($"  {Short(n).Replace('.', '_')}[{Short(n)}] --> {Short(used).Replace('.', '_')}[{Short(used)}]");
        }
        text.AppendLine("```");
        return text.ToString();
    }

    /// <summary>The namespaces, each after everything it uses (ties by name), so the table reads from the bottom stage up.</summary>
    private static List<string> Order(SortedDictionary<string, SortedSet<string>> graph)
    {
        var order = new List<string>();
        var left = new SortedSet<string>(graph.Keys, StringComparer.Ordinal);
        while (left.Count > 0)
        {
            var next = left.FirstOrDefault(n => graph[n].All(order.Contains)) ?? left.Min!;
            order.Add(next);
            left.Remove(next);
        }
        return order;
    }

    /// <summary>Every strongly connected set of more than one namespace (Tarjan's algorithm).</summary>
    private static List<List<string>> Cycles(SortedDictionary<string, SortedSet<string>> graph)
    {
        var (index, low, stack, onStack, cycles) = (new Dictionary<string, int>(), new Dictionary<string, int>(), new Stack<string>(), new HashSet<string>(), new List<List<string>>());
        void Visit(string v)
        {
            index[v] = low[v] = index.Count;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in graph.GetValueOrDefault(v) ?? [])
            {
                if (!index.ContainsKey(w))
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (onStack.Contains(w))
                {
                    low[v] = Math.Min(low[v], index[w]);
                }
            }
            if (low[v] != index[v]) return;
            var component = new List<string>();
            string x;
            do
            {
                x = stack.Pop();
                onStack.Remove(x);
                component.Add(x);
            } while (x != v);
            if (component.Count > 1) cycles.Add(component);
        }
        foreach (var v in graph.Keys.Where(v => !index.ContainsKey(v))) Visit(v);
        return cycles;
    }

    [Fact]
    public void The_cycle_finder_finds_a_cycle()
    {
        var graph = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal)
        {
            ["A"] = ["B"], ["B"] = ["C"], ["C"] = ["A"], ["D"] = ["A"],
        };
        Assert.Equal(["A", "B", "C"], Assert.Single(Cycles(graph)).Order());
    }
}
