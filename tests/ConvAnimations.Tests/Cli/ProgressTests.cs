using ConvAnimations.Tests.Support;

namespace ConvAnimations.Tests.Cli;

/// <summary>What render prints: a bar on a terminal, a line per figure otherwise, nothing with --quiet.</summary>
public sealed class ProgressTests
{
    private const string Figures = "figures:\n  - {name: a, input: 4, kernel: 3}\n  - {name: b, input: 5, kernel: 3}\n";

    [Fact]
    public void A_terminal_gets_a_bar_redrawn_in_place()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("f.yaml"), Figures);
        // script(1) runs the command on a pseudo-terminal and copies what it printed.
        var command = $"dotnet {Processes.ConvanimDll} render f.yaml";
        var result = Processes.Run("script", ["-q", "-e", "-c", command, dir.File("typescript")], dir.Path);
        Assert.Equal(0, result.ExitCode);
        var screen = File.ReadAllText(dir.File("typescript"));
        Assert.Matches(@"\r\x1b\[K\[#+\.*\] \d/2 figures, \d+/13 frames", screen);
        Assert.Contains("2/2 figures, 13/13 frames", screen);
        Assert.Contains("2 figures: 2 rendered, 0 unchanged, 0 failed", screen);
        Assert.DoesNotContain("rendered   a", screen);
    }

    [Fact]
    public void Not_a_terminal_gets_a_line_per_figure_and_quiet_gets_nothing()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("f.yaml"), Figures);
        var plain = InProcess.Convanim("render", dir.File("f.yaml"), "--out", dir.File("output"));
        Assert.Equal(["rendered   a", "rendered   b"], plain.Stdout.Split('\n').Where(l => l.StartsWith("rendered", StringComparison.Ordinal)).Order());
        Assert.DoesNotContain("\x1b", plain.Stdout);

        var quiet = InProcess.Convanim("render", dir.File("f.yaml"), "--out", dir.File("output"), "--quiet", "--force");
        Assert.Equal(0, quiet.ExitCode);
        Assert.Equal("", quiet.Stdout);
        Assert.Equal("", quiet.Stderr);
    }
}
