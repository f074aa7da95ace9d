using System.Text.Json;
using ConvAnimations.Tests.Support;

namespace ConvAnimations.Tests.Cli;

/// <summary>The command line in-process: parsing, exit codes, messages, and what it leaves on disk.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public void Bad_file_is_reported_with_every_error_and_output_is_untouched()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("bad.yaml"), "figures:\n  - {name: a, input: 4, kernal: 3}\n  - {name: b, input: 4, kernel: 3, stride: 1.5}\n");
        var output = Directory.CreateDirectory(dir.File("output")).FullName;
        File.WriteAllText(Path.Combine(output, "a.gif"), "an earlier render");
        var before = Snapshot(output);

        var result = InProcess.Convanim("render", dir.File("bad.yaml"), "--out", dir.File("output"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("bad.yaml:2:25: error: figure 'a': unknown key 'kernal' in a figure (did you mean 'kernel'?)", result.Stderr);
        Assert.Contains("bad.yaml:3:44: error: figure 'b': stride: expected a whole number or [rows, cols], got '1.5'", result.Stderr);
        Assert.Contains("bad.yaml: 2 errors; nothing was rendered or written", result.Stderr);
        Assert.Equal(before, Snapshot(output));
    }

    [Theory]
    [InlineData("")]
    [InlineData("figures: [")]
    [InlineData("figures:\n  - {name: x, input: 100000, kernel: 3}")]
    [InlineData("figures:\n  - {name: x, input: 9999999999999, kernel: 3}")]
    [InlineData("\t\u0000garbage")]
    public void Broken_files_never_crash_and_never_touch_output(string yaml)
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("bad.yaml"), yaml);
        var result = InProcess.Convanim("render", dir.File("bad.yaml"), "--out", dir.File("output"));
        Assert.Equal(1, result.ExitCode);
        Assert.Matches(@"bad\.yaml:\d+:\d+: error: ", result.Stderr);
        Assert.DoesNotContain("Unhandled exception", result.Stderr);
        Assert.False(Directory.Exists(dir.File("output")));
    }

    [Fact]
    public void Validate_reports_problems_with_exit_1_and_a_good_file_with_0()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("bad.yaml"), "figures:\n  - {name: a, input: 4, kernel: 3, output: 3}\n");
        var bad = InProcess.Convanim("validate", dir.File("bad.yaml"));
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("output: 3 does not match the figure, which computes 2", bad.Stderr);

        var good = InProcess.Convanim("validate", Repo.FiguresFile);
        Assert.Equal(0, good.ExitCode);
        Assert.Contains("figures.yaml: 46 figures, no problems", good.Stdout);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("render", "--colour", "red")]
    [InlineData("render", "--out")]
    [InlineData("render", "a.yaml", "b.yaml")]
    [InlineData("explain")]
    [InlineData("explain", "dilation", "--json", "--pytorch")]
    [InlineData("render", "--only", "no_such_figure")]
    [InlineData("render", "--jobs", "0")]
    [InlineData("render", "--jobs", "two")]
    [InlineData("frame", "dilation", "9")]
    [InlineData("check")]
    [InlineData("list", "--out=x")]
    public void Usage_errors_exit_2(params string[] args)
    {
        var result = InProcess.Convanim(WithRepoFile(args));
        Assert.Equal(2, result.ExitCode);
        Assert.NotEqual("", result.Stderr.Trim());
        Assert.DoesNotContain("Unhandled exception", result.Stderr);
    }

    /// <summary>The repository's figures instead of the default file, so that only the usage is wrong.</summary>
    private static string[] WithRepoFile(string[] args) => args switch
    {
        ["render", .. var rest] => ["render", Repo.FiguresFile, .. rest],
        ["explain" or "frame", _, ..] => [.. args, "--file", Repo.FiguresFile],
        _ => args,
    };

    [Fact]
    public void A_mistyped_command_or_option_gets_a_suggestion()
    {
        var command = InProcess.Convanim("rendr");
        Assert.Equal(2, command.ExitCode);
        Assert.Contains("'rendr' was not matched. Did you mean one of the following?\nrender", command.Stdout + command.Stderr);
        var option = InProcess.Convanim("render", "--forse");
        Assert.Equal(2, option.ExitCode);
        Assert.Contains("--force", option.Stdout + option.Stderr);
    }

    [Fact]
    public void A_mistyped_figure_name_gets_a_suggestion()
    {
        var result = InProcess.Convanim("explain", "dilaton", "--file", Repo.FiguresFile);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no figure named 'dilaton'", result.Stderr);
        Assert.Contains("did you mean 'dilation'?", result.Stderr);
    }

    [Theory]
    [InlineData("render", "--out <DIR>", "--only <NAME>", "--force", "--quiet", "--jobs <N>", "--stats")]
    [InlineData("explain", "<NAME>", "--file <FILE>", "--json", "--pytorch")]
    [InlineData("frame", "<NAME>", "<INDEX>", "--out <FILE>")]
    [InlineData("check", "--snapshots <DIR>", "--report <DIR>")]
    public void Every_command_has_generated_help_naming_its_options(string command, params string[] expected)
    {
        var result = InProcess.Convanim(command, "--help");
        Assert.Equal(0, result.ExitCode);
        Assert.Matches($@"Usage:\s+\S+ {command} ", result.Stdout);
        foreach (var text in expected) Assert.Contains(text, result.Stdout);
    }

    [Fact]
    public void Options_take_their_value_after_a_space_or_an_equals_sign()
    {
        using var dir = new TempDirectory();
        foreach (var (form, name) in new[] { (new[] { "--out", dir.File("a.svg") }, "a.svg"), ([$"--out={dir.File("b.pdf")}"], "b.pdf") })
        {
            var result = InProcess.Convanim(["frame", "dilation", "4", "--file", Repo.FiguresFile, .. form]);
            Assert.True(result.ExitCode == 0, result.Stderr);
            Assert.True(new FileInfo(dir.File(name)).Length > 0);
        }
    }

    [Fact]
    public void The_real_binary_prints_help_and_version_and_exits_2_on_a_usage_error()
    {
        var help = Processes.Convanim(Repo.Root, "--help");
        Assert.Equal(0, help.ExitCode);
        foreach (var command in new[] { "render", "list", "validate", "explain", "frame", "check", "snapshot" }) Assert.Contains($"  {command} ", help.Stdout);
        var version = Processes.Convanim(Repo.Root, "--version");
        Assert.Equal(0, version.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", version.Stdout);
        var usage = Processes.Convanim(Repo.Root, "render", "--colour", "red");
        Assert.Equal(2, usage.ExitCode);
        Assert.Contains("--colour", usage.Stderr);
    }

    [Fact]
    public void List_shows_every_figure_with_sizes_per_axis()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("f.yaml"), """
            figures:
              - {name: wide, kind: transposed, input: [6, 9], kernel: [3, 2], stride: [2, 3], padding: [1, 0], dilation: [1, 2]}
              - {name: deep, input: 5, kernel: 3, in_channels: 4, out_channels: 4, groups: 4}
              - {name: c, input: 4, kernel: 3, view: matrix}
              - {name: both, sequence: [c, deep]}
            """);
        var result = InProcess.Convanim("list", dir.File("f.yaml"));
        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^name\s+kind\s+maps\s+input\s+kernel\s+stride\s+padding\s+dilation\s+output\s+frames$", lines[0]);
        // The transposed operation's own sizes: rows i' = floor((6 + 2 - 2 - 1)/2) + 1 = 3 -> 6; cols i' = floor((9 - 2 - 1)/3) + 1 = 3 -> 9.
        Assert.Matches(@"^wide\s+transposed\s+1 -> 1\s+3\s+3x2\s+2x3\s+1x0\s+1x2\s+6x9\s+54$", lines[1]);
        // Depthwise: 4 maps in 4 groups, 3x3 outputs each, 36 frames.
        Assert.Matches(@"^deep\s+convolution\s+4 -> 4 in 4 groups\s+5\s+3\s+1\s+0\s+1\s+3\s+36$", lines[2]);
        Assert.Matches(@"^c\s+convolution \(matrix\)\s+1 -> 1\s+4\s+3\s+1\s+0\s+1\s+2\s+4$", lines[3]);
        Assert.Matches(@"^both\s+sequence\s+.*\s+40$", lines[4]);
    }

    [Fact]
    public void Explain_json_follows_the_contract_and_prints_nothing_else()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("f.yaml"), "figures:\n  - {name: wide, kind: transposed, input: [6, 9], kernel: [3, 2], stride: [2, 3], padding: [1, 0], dilation: [1, 2]}\n");
        var result = InProcess.Convanim("explain", "wide", "--file", dir.File("f.yaml"), "--json");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stderr);
        var json = JsonDocument.Parse(result.Stdout).RootElement;

        Assert.Equal(["name", "kind", "direct", "output_padding", "input", "output", "grid", "frames"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal("wide", json.GetProperty("name").GetString());
        Assert.Equal("transposed", json.GetProperty("kind").GetString());
        var direct = json.GetProperty("direct");
        Assert.Equal(["input", "kernel", "stride", "padding", "padding_end", "dilation", "output"], direct.EnumerateObject().Select(p => p.Name));
        // rows: i=6 k=3 s=2 p=1 d=1: o = floor(5/2)+1 = 3, a = 1; cols: i=9 k=2 s=3 p=0 d=2: o = floor(6/3)+1 = 3, a = 0
        Assert.Equal([3, 3], Pair(direct.GetProperty("output")));
        Assert.Equal([1, 0], Pair(json.GetProperty("output_padding")));
        Assert.Equal([3, 3], Pair(json.GetProperty("input")));
        Assert.Equal([6, 9], Pair(json.GetProperty("output")));
        // rows: p' = 1, 5 stretched, p'+a = 2 -> 8; cols: p' = 2, 7 stretched, 2 -> 11
        var grid = json.GetProperty("grid").EnumerateArray().Select(r => r.GetString()!).ToList();
        Assert.Equal(8, grid.Count);
        Assert.All(grid, row => Assert.Equal(11, row.Length));
        Assert.Equal("ppxzzxzzxpp", grid[1]);
        Assert.Equal("ppzzzzzzzpp", grid[2]);
        var frames = json.GetProperty("frames").EnumerateArray().ToList();
        Assert.Equal(54, frames.Count);
        Assert.Equal([0, 1], Pair(frames[1].GetProperty("output")));
        Assert.Equal([[0, 1], [0, 3], [1, 1], [1, 3], [2, 1], [2, 3]], frames[1].GetProperty("taps").EnumerateArray().Select(Pair));
    }

    [Fact]
    public void Explain_json_of_a_numerical_figure_adds_the_values()
    {
        var result = InProcess.Convanim("explain", "numerical_padding_strides", "--json", "--file", Repo.FiguresFile);
        Assert.Equal(0, result.ExitCode);
        var values = JsonDocument.Parse(result.Stdout).RootElement.GetProperty("values");
        Assert.Equal(7, values.GetProperty("grid").GetArrayLength());
        Assert.Equal([0, 1, 2], values.GetProperty("kernel")[0].EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal([6, 17, 3], values.GetProperty("output")[0].EnumerateArray().Select(v => v.GetDouble()));
    }

    [Fact]
    public void Explain_in_words_names_the_guides_relationship()
    {
        var result = InProcess.Convanim("explain", "padding_strides_odd_transposed", "--file", Repo.FiguresFile);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("o = floor((i + 2p - d(k-1) - 1)/s) + 1 = floor((6 + 2 - 2 - 1)/2) + 1 = 3", result.Stdout);
        Assert.Contains("a = (i + 2p - d(k-1) - 1) mod s = 1, p' = d(k-1) - p = 1", result.Stdout);
        Assert.Contains("relationship 14", result.Stdout);
        Assert.Contains("  pxzxzxpp", result.Stdout);
    }

    private static int[] Pair(JsonElement e) => e.EnumerateArray().Select(v => v.GetInt32()).ToArray();

    private static Dictionary<string, string> Snapshot(string directory) =>
        Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(directory, f), f => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f))));
}
