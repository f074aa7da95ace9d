using System.Diagnostics;
using System.Text;
using System.Text.Json;
using ConvAnimations.Arithmetic;
using ConvAnimations.Layout;
using ConvAnimations.Preparation;
using ConvAnimations.Spec;
using ConvAnimations.Tests.Support;
using ConvAnimations.Views;
using Xunit.Abstractions;

namespace ConvAnimations.Tests.Spec;

/// <summary>
/// The reader's cases of issue 14, in-process: every independent error in one run, YAML the library chokes on, hostile
/// files stopped by limits, files that are not text. Each error is asserted with its place.
/// </summary>
public sealed class ReaderRobustnessTests(ITestOutputHelper output)
{
    private const string Head = "figures:\n  - name: f\n";

    private static FigureFile Parse(string yaml) => ViewTable.Default.Parse(yaml, "test.yaml");

    /// <summary>Every expected error, as (line, column, words), is reported, and nothing else.</summary>
    private static void AssertErrors(FigureFile file, params (int Line, int Column, string Words)[] expected)
    {
        var all = string.Join("\n", file.Errors);
        Assert.Empty(file.Figures);
        Assert.True(expected.Length == file.Errors.Count, $"expected {expected.Length} errors, got:\n{all}");
        foreach (var (line, column, words) in expected)
        {
            Assert.True(file.Errors.Any(e => e.Location.Line == line && e.Location.Column == column && e.Message.Contains(words, StringComparison.Ordinal)),
                $"no error at {line}:{column} says \"{words}\"; got:\n{all}");
        }
    }

    [Theory]
    [InlineData(Head + "    input: 0\n    kernal: 3\n", 3, 12, "input: 0 is not allowed", 4, 5, "unknown key 'kernal'")]
    [InlineData(Head + "    input: 0\n    kernel: 3\n    frame_ms: 15\n", 3, 12, "input: 0 is not allowed", 5, 15, "frame_ms: 15 is not allowed")]
    [InlineData(Head + "    input: five\n    kernel: 3\n    stride: x\n", 3, 12, "input: expected a whole number", 5, 13, "stride: expected a whole number")]
    [InlineData(Head + "    input: 5\n    kernel: 3\n    padding: x\n    stride: y\n", 5, 14, "padding: 'x' is neither", 6, 13, "stride: expected a whole number")]
    [InlineData(Head + "    input: 5\n    kernel: 3\n    values: {seed: 1}\n    scale: 0\n    formats: [gif, avi]\n", 6, 12, "scale: 0 is out of range", 7, 20, "formats: 'avi' is not one of")]
    [InlineData(Head + "    kind: max_pooling\n    input: 3\n    kernel: 2\n    values:\n      input: [[1, 2, 3], [4, 5, 6], [7, 8, x]]\n      kernel: [[1, 2], [3, 4]]\n", 7, 44, "values.input: expected a number, got 'x'", 8, 15, "a pooling figure has no kernel weights")]
    [InlineData(Head + "    input: 5\n    kernel: [3, 0]\n    panels: {columns: 0}\n", 4, 13, "kernel: [3, 0] is not allowed", 5, 23, "panels.columns: 0 is not allowed")]
    public void Independent_errors_of_one_figure_are_all_reported(string yaml, int line1, int column1, string words1, int line2, int column2, string words2)
    {
        AssertErrors(Parse(yaml), (line1, column1, words1), (line2, column2, words2));
    }

    [Fact]
    public void Bad_defaults_are_reported_even_when_every_figure_overrides_them()
    {
        var file = Parse("""
            defaults:
              frame_ms: 15
              scale: 100
              kernel: x
            figures:
              - {name: a, input: 4, kernel: 3, frame_ms: 100, scale: 1}
              - {name: b, input: 4, kernel: 2, frame_ms: 200, scale: 2}
            """);
        AssertErrors(file, (2, 13, "frame_ms: 15 is not allowed"), (3, 10, "scale: 100 is out of range"), (4, 11, "kernel: expected a whole number"));
        Assert.All(file.Errors, e => Assert.Null(e.Figure));
    }

    [Fact]
    public void A_bad_default_that_a_figure_uses_is_reported_once_at_the_default()
    {
        var file = Parse("defaults:\n  frame_ms: 15\nfigures:\n  - {name: a, input: 4, kernel: 3}\n  - {name: b, input: 4, kernel: 3}\n");
        AssertErrors(file, (2, 13, "frame_ms: 15 is not allowed"));
    }

    [Theory]
    [InlineData("figures:\n  - name: a\n    input: [5, 5\n    kernel: 3\n", "unclosed '[' opened at line 3, column 12")]
    [InlineData("defaults:\n  formats: [gif, mp4\n  scale: 1\nfigures:\n  - {name: a, input: 4, kernel: 3}\n", "unclosed '[' opened at line 2, column 12")]
    [InlineData("figures:\n  - name: a\n    input: {5\n    kernel: 3\n", "unclosed '{' opened at line 3, column 12")]
    [InlineData("figures:\n  - name: a\n    input: [5, [5\n", "unclosed '[' opened at line 3, column 16")]
    public void Yaml_the_library_chokes_on_is_a_located_syntax_error_with_a_hint(string yaml, string hint)
    {
        var file = Parse(yaml);
        var error = Assert.Single(file.Errors);
        Assert.Contains("YAML syntax", error.Message);
        Assert.Contains(hint, error.Message);
        var lines = yaml.Split('\n');
        Assert.InRange(error.Location.Line, 3, lines.Length);
        Assert.InRange(error.Location.Column, 1, lines[error.Location.Line - 1].Length + 1);
    }

    [Fact]
    public void An_undefined_alias_is_reported_at_its_own_line()
    {
        AssertErrors(Parse(Head + "    input: *nope\n    kernel: 3\n"), (3, 12, "undefined alias '*nope'"));
    }

    [Fact]
    public void Aliases_that_are_defined_read_as_their_values()
    {
        var figure = Figures.Parse(Head + "    input: &size 5\n    kernel: 3\n    padding: 1\n    output: *size\n");
        Assert.Equal(Size2.Square(5), figure.AnimatedOutput);
    }

    [Fact]
    public void Duplicate_keys_and_bad_values_are_reported_together()
    {
        AssertErrors(Parse(Head + "    input: 4\n    input: 5\n    kernel: 3\n    stride: 0\n"),
            (4, 5, "Duplicate key 'input': already given at line 3"), (6, 13, "stride: 0 is not allowed"));
    }

    /// <summary>Runs the reader on a hostile file: a located error within a second and 100 MB of allocations.</summary>
    private SpecError Hostile(string yaml, string words)
    {
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        var file = Parse(yaml);
        clock.Stop();
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        var error = Assert.Single(file.Errors, e => e.Message.Contains(words, StringComparison.Ordinal));
        output.WriteLine($"{yaml.Length:N0} characters: {clock.Elapsed.TotalMilliseconds:0.0} ms, {allocated / 1e6:0.0} MB allocated: {error}");
        Assert.True(allocated < 100_000_000, $"allocated {allocated:N0} bytes");
        return error;
    }

    [Fact]
    public void A_billion_laughs_file_stops_at_the_alias_limit()
    {
        var yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 10; i++)
        {
            yaml.Append($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n");
        }
        yaml.Append("figures:\n  - {name: a, input: 4, kernel: 3, title: *a9}\n");
        var error = Hostile(yaml.ToString(), $"the file holds more than {RawYaml.MaxValues} values, counting those its aliases stand for");
        Assert.InRange(error.Location.Line, 5, 7);
    }

    [Fact]
    public void Fifty_thousand_nested_brackets_stop_at_the_depth_limit()
    {
        var error = Hostile("figures:\n  - name: a\n    input: " + new string('[', 50_000) + "\n", "nested more than 64 levels deep");
        // figures, the list and the figure are the first three levels.
        Assert.Equal((3, 12 + RawYaml.MaxDepth - 3), (error.Location.Line, error.Location.Column));
        Hostile(string.Concat(Enumerable.Repeat("- ", 50_000)) + "x\n", "nested more than 64 levels deep");
    }

    [Fact]
    public void Long_strings_up_to_the_size_limit_stay_within_the_budget()
    {
        var yaml = Head + "    input: 4\n    kernel: 3\n    title: " + new string('a', FigureFileReader.MaxFileBytes - 60) + "\n";
        Hostile(yaml, $"title: {FigureFileReader.MaxFileBytes - 60} characters is too long");
    }

    [Fact]
    public void A_file_of_a_million_numbers_stops_at_the_values_limit()
    {
        var error = Hostile("x: [" + string.Concat(Enumerable.Repeat("1,", 1_000_000)) + "1]\n", $"the file holds more than {RawYaml.MaxValues} values: ");
        // The mapping, the key and the list come first.
        Assert.Equal((1, 5 + 2 * (RawYaml.MaxValues - 3)), (error.Location.Line, error.Location.Column));
        // The largest numerical figure within the frame limit, its numbers written out, is within the values limit.
        static string Matrix(int n) => "[" + string.Join(", ", Enumerable.Repeat("[" + string.Join(", ", Enumerable.Repeat("7", n)) + "]", n)) + "]";
        var largest = Figures.Parse(Head + $"    input: 256\n    kernel: 157\n    values:\n      input: {Matrix(256)}\n      kernel: {Matrix(157)}\n");
        Assert.Equal((FigureFileReader.MaxFrames, 7.0), (largest.FrameCount, largest.Values!.Kernel![156, 156]));
    }

    [Fact]
    public void A_file_over_the_size_limit_is_refused()
    {
        var yaml = Head + "    input: 4\n    kernel: 3\n" + new string('#', FigureFileReader.MaxFileBytes) + "\n";
        var error = Hostile(yaml, $"larger than {FigureFileReader.MaxFileBytes / 1024 / 1024} MB");
        Assert.True(error.Location.IsWholeFile);
    }

    [Fact]
    public void Too_many_figures_are_refused_at_the_list()
    {
        var yaml = "figures:\n" + string.Concat(Enumerable.Range(0, FigureFileReader.MaxFigures + 1).Select(i => $"  - {{name: f{i}, input: 4, kernel: 3}}\n"));
        var error = Hostile(yaml, $"{FigureFileReader.MaxFigures + 1} figures, over the limit of {FigureFileReader.MaxFigures}");
        Assert.Equal((2, 3), (error.Location.Line, error.Location.Column));
        Assert.True(Parse("figures:\n" + string.Concat(Enumerable.Range(0, 2000).Select(i => $"  - {{name: f{i}, input: 4, kernel: 3}}\n"))).IsValid);
    }

    [Fact]
    public void A_name_of_five_thousand_characters_is_refused()
    {
        AssertErrors(Parse($"figures:\n  - name: {new string('a', 5000)}\n    input: 4\n    kernel: 3\n"),
            (2, 11, $"name: 5000 characters is too long: at most {ValueRules.MaxNameLength}"));
        Assert.True(Parse($"figures:\n  - name: {new string('a', ValueRules.MaxNameLength)}\n    input: 4\n    kernel: 3\n").IsValid);
    }

    [Theory]
    [InlineData("1e308", 27)]
    [InlineData("-1e7", 27)]
    [InlineData("Infinity", 27)]
    [InlineData("1000000.5", 27)]
    [InlineData("NaN", 27)]
    public void Values_beyond_what_a_cell_can_show_are_refused(string number, int column)
    {
        AssertErrors(Parse(Head + $"    input: 2\n    kernel: 1\n    values:\n      input: [[1, 2], [3, {number}]]\n      kernel: [[1]]\n"),
            (6, column, $"values.input: {number} is out of range: numbers are from -1000000 to 1000000"));
    }

    [Theory]
    [InlineData("1e308")]
    [InlineData("Infinity")]
    [InlineData("NaN")]
    public void A_scale_beyond_its_range_is_refused_in_its_own_words(string scale)
    {
        AssertErrors(Parse(Head + $"    input: 4\n    kernel: 3\n    scale: {scale}\n"), (5, 12, $"scale: {scale} is out of range: use 0.25 to 8"));
    }

    [Fact]
    public void Explain_json_of_the_largest_values_is_json()
    {
        var figure = Figures.Parse(Head + "    input: 2\n    kernel: 2\n    values:\n      input: [[1e6, -1e6], [1e6, 1e6]]\n      kernel: [[1e6, -1e6], [1e6, 1e6]]\n");
        using var json = JsonDocument.Parse(new PreparedFigure(figure).Json());
        Assert.Equal(4e12, json.RootElement.GetProperty("values").GetProperty("output")[0][0].GetDouble());
        var infinite = TestFigures.Of(Kind.Convolution, figure.Geometry, new FigureValues(new double[,] { { double.PositiveInfinity, 1 }, { 1, 1 } }, new double[,] { { 1, 1 }, { 1, 1 } }));
        using var guarded = JsonDocument.Parse(new PreparedFigure(infinite).Json());
        Assert.Equal(JsonValueKind.Null, guarded.RootElement.GetProperty("values").GetProperty("grid")[0][0].ValueKind);
    }

    [Theory]
    [InlineData("\"red \\e[31malert\"", "U+001B at character 5")]
    [InlineData("\"two\\nlines\"", "U+000A at character 4")]
    [InlineData("\"bell \\x07\"", "U+0007 at character 6")]
    public void A_title_with_control_characters_is_refused(string title, string words)
    {
        var file = Parse(Head + $"    title: {title}\n    input: 4\n    kernel: 3\n");
        AssertErrors(file, (3, 12, words));
        Assert.DoesNotContain(file.Errors.ToString()!, c => char.IsControl(c) && c != '\n');
    }

    [Fact]
    public void Errors_print_what_the_file_wrote_without_control_characters()
    {
        var error = Assert.Single(Parse(Head + "    \"k\\e[2J\": 1\n    input: 4\n    kernel: 3\n").Errors);
        Assert.Contains("unknown key 'k\\u001B[2J'", error.ToString());
        Assert.DoesNotContain(error.ToString(), char.IsControl);
    }

    [Fact]
    public void Sizes_beyond_any_picture_are_refused_before_the_arithmetic_can_overflow()
    {
        AssertErrors(Parse(Head + "    input: 2000000000\n    kernel: 3\n    padding: 2000000000\n    dilation: 2000000000\n"),
            (3, 12, "input: 2000000000 is out of range: at most 10000"), (5, 14, "padding: 2000000000 is out of range: at most 10000"), (6, 15, "dilation: 2000000000 is out of range"));
    }
}

/// <summary>Files that are not figures text: missing, directories, unreadable, not UTF-8. A clear message, no crash.</summary>
public sealed class SourceFileTests
{
    private static SpecError ReadError(string path)
    {
        var file = ViewTable.Default.Read(path);
        Assert.Empty(file.Figures);
        return Assert.Single(file.Errors);
    }

    [Fact]
    public void A_directory_is_named_as_one()
    {
        using var dir = new TempDirectory();
        var error = ReadError(dir.Path);
        Assert.Equal($"{dir.Path}: error: is a directory: give the path of a figures file (YAML)", error.ToString());
    }

    [Fact]
    public void A_missing_file_is_named_as_one()
    {
        using var dir = new TempDirectory();
        Assert.Equal($"{dir.File("none.yaml")}: error: no such file", ReadError(dir.File("none.yaml")).ToString());
        Assert.Equal("no such file", ReadError(dir.File("no/such/dir.yaml")).Message);
    }

    [Fact]
    public void An_unreadable_file_says_why()
    {
        // Even root cannot read this one from its start: the kernel answers with an I/O error.
        Assert.StartsWith("cannot read the file: ", ReadError("/proc/self/mem").Message);
    }

    [Fact]
    public void A_latin1_file_is_refused_at_its_first_invalid_byte()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("latin1.yaml"), System.Text.Encoding.Latin1.GetBytes("figures:\n  - name: f\n    title: Café über\n    input: 4\n    kernel: 3\n"));
        var error = ReadError(dir.File("latin1.yaml"));
        Assert.Equal((3, 15), (error.Location.Line, error.Location.Column));
        Assert.Contains("not UTF-8 text: byte 0xE9", error.Message);
    }

    [Fact]
    public void Utf8_text_with_a_byte_order_mark_reads()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("bom.yaml"), [.. System.Text.Encoding.UTF8.GetPreamble(), .. System.Text.Encoding.UTF8.GetBytes("figures:\n  - {name: f, title: Café, input: 4, kernel: 3}\n")]);
        var file = ViewTable.Default.Read(dir.File("bom.yaml"));
        Assert.True(file.IsValid, string.Join("\n", file.Errors));
        Assert.Equal("Café", file.Figures[0].Title);
    }

    [Fact]
    public void An_endless_device_stops_at_the_size_limit()
    {
        // Reading stops at the limit: an endless device does not hang the reader.
        Assert.Contains("larger than 4 MB", ReadError("/dev/zero").Message);
    }
}
