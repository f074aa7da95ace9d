using System.Text;
using System.Text.RegularExpressions;
using ConvAnimations.Spec;
using ConvAnimations.Tests.Support;
using ConvAnimations.Views;
using CsCheck;

namespace ConvAnimations.Tests.Spec;

public enum MutationKind { DeleteChar, InsertMark, DeleteSpan, DuplicateLine, SwapLines, Reindent, ReplaceNumber, Truncate }

/// <summary>One edit of a figures file; positions are taken modulo the text's length, so they shrink towards its start.</summary>
public sealed partial record Mutation(MutationKind Kind, int At, int Other, int Pick)
{
    /// <summary>YAML's structural marks, and characters a file should not hold.</summary>
    private static readonly string[] Marks =
    [
        "[", "]", "{", "}", ":", ",", "-", "#", "&", "*", "!", "|", ">", "'", "\"", "?", "%", "@", "`", " ", "\t", "\n",
        "\r", "\\", "a", "0", "é", "\u0000", "\u001b", "\u00a0", "\ufeff", "\ud800", "---\n", "...\n", "&a ", "*a", "<<: ",
    ];

    private static readonly string[] OddNumbers =
    [
        "0", "-1", "-0", "1.5", "1e308", "-1e308", ".inf", "NaN", "2147483648", "99999999999999999999", "256", "257",
        "10001", "0x10", "1_000", "~", "null", "true", "''", "[]", "{}", "[1, 2, 3]", "1e6", "1000000.5",
    ];

    [GeneratedRegex(@"(?<![\w.])-?[0-9]+(\.[0-9]+)?(?![\w.])")]
    private static partial Regex NumberPattern();

    public string Apply(string text)
    {
        var lines = text.Split('\n').ToList();
        int Position(int value, int count) => count == 0 ? 0 : value % count;
        switch (Kind)
        {
            case MutationKind.DeleteChar when text.Length > 0:
                return text.Remove(Position(At, text.Length), 1);
            case MutationKind.InsertMark:
                return text.Insert(Position(At, text.Length + 1), Marks[Pick % Marks.Length]);
            case MutationKind.DeleteSpan when text.Length > 0:
                var start = Position(At, text.Length);
                return text.Remove(start, Math.Min(1 + Other % 40, text.Length - start));
            case MutationKind.DuplicateLine:
                var copied = Position(At, lines.Count);
                lines.Insert(copied, lines[copied]);
                return string.Join('\n', lines);
            case MutationKind.SwapLines:
                var (a, b) = (Position(At, lines.Count), Position(Other, lines.Count));
                (lines[a], lines[b]) = (lines[b], lines[a]);
                return string.Join('\n', lines);
            case MutationKind.Reindent:
                var line = Position(At, lines.Count);
                var shift = Other % 7 - 3;
                lines[line] = shift >= 0 ? new string(' ', shift) + lines[line] : lines[line][Math.Min(-shift, lines[line].Length - lines[line].TrimStart(' ').Length)..];
                return string.Join('\n', lines);
            case MutationKind.ReplaceNumber:
                var numbers = NumberPattern().Matches(text);
                if (numbers.Count == 0) return text;
                var number = numbers[Position(At, numbers.Count)];
                return string.Concat(text.AsSpan(0, number.Index), OddNumbers[Pick % OddNumbers.Length], text.AsSpan(number.Index + number.Length));
            case MutationKind.Truncate:
                return text[..Position(At, text.Length + 1)];
            default:
                return text;
        }
    }
}

/// <summary>
/// Random mutations of figures.yaml and of the tests' figure files through the reader: no exception escapes, every
/// error is located within the file, and the reader gives the same result for the same text. CsCheck shrinks a
/// failure to the fewest, earliest edits and prints the file they make. <c>scripts/fuzz</c> runs it far longer
/// (CONVANIM_FUZZ_ITERATIONS; CsCheck_Seed replays a failure).
/// </summary>
public sealed partial class ReaderFuzzTests
{
    [GeneratedRegex("\r\n|[\r\n\u0085\u2028\u2029]")]
    private static partial Regex LineBreak();

    private static readonly long Iterations =
        long.TryParse(Environment.GetEnvironmentVariable("CONVANIM_FUZZ_ITERATIONS"), out var n) && n > 0 ? n : 10_000;

    private static readonly string[] Sources =
    [
        File.ReadAllText(Repo.FiguresFile),
        // Valid files using every key and form of a value, anchors and aliases too: the schema test's.
        .. ConvAnimations.Tests.Schema.FiguresSchemaTests.GoodFiles,
        .. BadInputTests.Cases.Select(c => (string)c[0]!),
    ];

    private static readonly string[] Baselines = Sources.Select(s => Canonical(ViewTable.Default.Parse(s, "fuzz.yaml"))).ToArray();

    private static readonly Gen<Mutation> OneMutation =
        Gen.Select(Gen.Enum<MutationKind>(), Gen.Int[0, 1_000_000], Gen.Int[0, 1_000_000], Gen.Int[0, 1000], (k, a, o, p) => new Mutation(k, a, o, p));

    private static readonly Gen<(int Source, Mutation[] Mutations)> Mutated =
        Gen.Select(Gen.Int[0, Sources.Length - 1], OneMutation.Array[0, 6]);

    private static string Apply((int Source, Mutation[] Mutations) sample) =>
        sample.Mutations.Aggregate(Sources[sample.Source], (text, mutation) => mutation.Apply(text));

    /// <summary>Everything the reader decided about a file, as text: errors, and every field of every figure.</summary>
    private static string Canonical(FigureFile file)
    {
        var text = new StringBuilder();
        foreach (var error in file.Errors) text.AppendLine(error.ToString());
        foreach (var f in file.Figures)
        {
            text.AppendLine($"{f with { Values = null, Formats = [], Panels = null }} formats {string.Join(",", f.Formats)}");
            if (f.Values is { } v) text.AppendLine($"values {string.Join(",", v.Input.Cast<double>())} / {string.Join(",", v.Kernel?.Cast<double>() ?? [])}");
            if (f.Panels is { } p) text.AppendLine($"panels {string.Join(",", p.Frames)} x{p.Columns} {string.Join(",", p.Formats)}");
        }
        return text.ToString();
    }

    private static void Check(string source, string text)
    {
        var file = ViewTable.Default.Parse(text, "fuzz.yaml");
        // Lines as YAML counts them: CR LF, CR, LF, NEL, LS and PS each end a line.
        var lines = LineBreak().Split(text);
        Assert.True(file.IsValid == (file.Figures.Count > 0), "a file has figures exactly when it has no error");
        foreach (var error in file.Errors)
        {
            var (line, column) = (error.Location.Line, error.Location.Column);
            if (line < 1 || line > lines.Length) Assert.Fail($"{error}: line outside the file's {lines.Length} lines");
            if (column < 1 || column > lines[line - 1].Length + 1) Assert.Fail($"{error}: column outside line {line} of {lines[line - 1].Length} characters");
            Assert.DoesNotContain(error.ToString(), c => char.IsControl(c));
        }
        var result = Canonical(file);
        Assert.Equal(result, Canonical(ViewTable.Default.Parse(text, "fuzz.yaml")));
        if (text == source) Assert.Equal(Baselines[Array.IndexOf(Sources, source)], result);
    }

    [Fact]
    public void The_unchanged_files_read_as_before()
    {
        Assert.Equal(46, ViewTable.Default.Parse(Sources[0], "fuzz.yaml").Figures.Count);
        Assert.All(ConvAnimations.Tests.Schema.FiguresSchemaTests.GoodFiles, f => Assert.True(ViewTable.Default.Parse(f, "fuzz.yaml").IsValid));
        Assert.All(BadInputTests.Cases, c => Assert.False(ViewTable.Default.Parse((string)c[0]!, "fuzz.yaml").IsValid));
    }

    [Fact]
    public void Mutated_files_never_crash_and_every_error_is_located()
    {
        Mutated.Sample(
            sample => Check(Sources[sample.Source], Apply(sample)),
            iter: Iterations,
            print: sample => $"source {sample.Source}, {string.Join("; ", sample.Mutations.Select(m => m.ToString()))}, giving:\n{Apply(sample)}");
    }

    /// <summary>A few mutated files through the real command line: exit 0 or 1, never a stack trace.</summary>
    [Fact]
    public void Mutated_files_through_the_command_line_exit_0_or_1_without_a_stack_trace()
    {
        using var dir = new TempDirectory();
        var random = new Random(14);
        var files = Enumerable.Range(0, 6)
            .Select(i => (i % Sources.Length, Enumerable.Range(0, 3).Select(_ => new Mutation((MutationKind)random.Next(8), random.Next(), random.Next(), random.Next(1000))).ToArray()))
            .Select(Apply).Append("figures:\n  - name: a\n    input: [5, 5\n    kernel: 3\n")
            .Append("figures:\n  - name: a\n    input: " + new string('[', 50_000) + "\n").ToList();
        for (var i = 0; i < files.Count; i++)
        {
            File.WriteAllText(dir.File($"m{i}.yaml"), files[i]);
            var result = Processes.Convanim(dir.Path, "validate", $"m{i}.yaml");
            Assert.True(result.ExitCode is 0 or 1, $"exit {result.ExitCode} for:\n{files[i]}\n{result.Stderr}");
            Assert.DoesNotContain("   at ", result.Stderr);
            Assert.DoesNotContain("Unhandled exception", result.Stderr);
            if (result.ExitCode == 1) Assert.Matches(@$"m{i}\.yaml:\d+:\d+: error: ", result.Stderr);
        }
    }

    [Theory]
    [InlineData("latin1")]
    [InlineData("directory")]
    [InlineData("missing")]
    public void Files_that_are_not_figures_text_exit_1_with_a_clear_message(string what)
    {
        using var dir = new TempDirectory();
        var (path, message) = what switch
        {
            "latin1" => ("f.yaml", "f.yaml:1:6: error: not UTF-8 text: byte 0xE9"),
            "directory" => ("sub", "sub: error: is a directory"),
            _ => ("none.yaml", "none.yaml: error: no such file"),
        };
        if (what == "latin1") File.WriteAllBytes(dir.File(path), System.Text.Encoding.Latin1.GetBytes("# Café\nfigures: []\n"));
        if (what == "directory") Directory.CreateDirectory(dir.File(path));
        var result = Processes.Convanim(dir.Path, "render", path, "--out", "output");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, result.Stderr);
        Assert.False(Directory.Exists(dir.File("output")));
    }
}
