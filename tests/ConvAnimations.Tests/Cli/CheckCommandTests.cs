using ConvAnimations.Tests.Support;

namespace ConvAnimations.Tests.Cli;

/// <summary>`snapshot` and `check` on a user's own figure file, with the HTML report of what changed.</summary>
public sealed class CheckCommandTests : IDisposable
{
    private const string Figures = """
        figures:
          - {name: a, input: 4, kernel: 3}
          - {name: b, input: 5, kernel: 3, stride: 2}
        """;

    private readonly TempDirectory _dir = new();

    private ProcessResult Run(string command) =>
        InProcess.Convanim([command, _dir.File("mine.yaml"), "--snapshots", _dir.File("snaps"), .. command == "check" ? new[] { "--report", _dir.File("output/check") } : []]);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Check_passes_on_accepted_snapshots_and_reports_a_change_with_pictures()
    {
        var dir = _dir;
        File.WriteAllText(dir.File("mine.yaml"), Figures);
        var missing = Run("check");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("ADDED      a: no frame snapshot", missing.Stdout);

        var accepted = Run("snapshot");
        Assert.Equal(0, accepted.ExitCode);
        Assert.True(File.Exists(dir.File("snaps/a.verified.png")) && File.Exists(dir.File("snaps/b.verified.json")));
        var clean = Run("check");
        Assert.Equal(0, clean.ExitCode);
        Assert.Contains("2 figures: 2 unchanged, 0 changed or missing", clean.Stdout);

        // Padding moves every cell of b's frames: a changed picture and a changed layout.
        File.WriteAllText(dir.File("mine.yaml"), Figures.Replace("stride: 2}", "stride: 2, padding: 1}"));
        var changed = Run("check");
        Assert.Equal(1, changed.ExitCode);
        Assert.Contains("unchanged  a", changed.Stdout);
        Assert.Contains("CHANGED    b: frames 0, 1, 2, 3, 4, 5, 6, 7, 8 changed (size changed from", changed.Stdout);
        Assert.Contains("layout changed: line 4:", changed.Stdout);
        var report = File.ReadAllText(dir.File("output/check/index.html"));
        // Frames of another size are shown as whole sheets.
        Assert.Contains("b-expected.png", report);
        Assert.True(File.Exists(dir.File("output/check/b-actual.png")));
        Assert.True(File.Exists(dir.File("snaps/b.received.png")) && File.Exists(dir.File("snaps/b.diff.png")));

        Assert.Equal(0, Run("snapshot").ExitCode);
        Assert.Equal(0, Run("check").ExitCode);
        Assert.False(File.Exists(dir.File("snaps/b.received.png")));

        // A change of the same size is shown frame by frame: expected, actual and diff side by side.
        File.WriteAllText(dir.File("mine.yaml"), Figures.Replace("{name: a, input: 4, kernel: 3}", "{name: a, input: 2, kernel: 3, padding: 1}"));
        var sameSize = Run("check");
        Assert.Equal(1, sameSize.ExitCode);
        report = File.ReadAllText(dir.File("output/check/index.html"));
        foreach (var part in new[] { "expected", "actual", "diff" })
        {
            Assert.Contains($"a-f0000-{part}.png", report);
            Assert.True(File.Exists(dir.File($"output/check/a-f0003-{part}.png")));
        }
    }
}
