using ConvAnimations.Tests.Support;

namespace ConvAnimations.Tests.Cli;

/// <summary>Every path a user gives gets a clear error, exit 1 or 2, never a stack trace: empty, a missing folder, not writable, a folder for a file.</summary>
public sealed class PathTests
{
    private const string Figures = "figures:\n  - {name: a, input: 4, kernel: 3, formats: [png]}\n";

    /// <summary>Cases: the arguments ({0} is the figures file, {1} a folder of the test), the exit code and what stderr says.</summary>
    public static TheoryData<string[], int, string> Cases => new()
    {
        { ["render", "{0}", "--out", ""], 2, "--out: an empty path names no file or folder" },
        { ["render", "{0}", "--out", " "], 2, "--out: an empty path names no file or folder" },
        { ["render", "{0}", "--out", "/proc/sys/convanim"], 1, "cannot write to the output directory /proc/sys/convanim" },
        { ["validate", ""], 2, "FILE: an empty path names no file or folder" },
        { ["list", ""], 2, "FILE: an empty path names no file or folder" },
        { ["explain", "a", "--file", ""], 2, "--file: an empty path names no file or folder" },
        { ["serve", "{0}", "--out", ""], 2, "--out: an empty path names no file or folder" },
        { ["bench-floor", "{0}", "--out", ""], 2, "--out: an empty path names no file or folder" },
        { ["check", "{0}", "--snapshots", ""], 2, "--snapshots: an empty path names no file or folder" },
        { ["check", "{0}", "--snapshots", "{1}", "--report", ""], 2, "--report: an empty path names no file or folder" },
        { ["check", "{0}", "--snapshots", "{1}", "--report", "/proc/sys/report"], 1, "--report /proc/sys/report: cannot write into it" },
        { ["frame", "a", "0", "--file", "{0}", "--out", "/nonexistent/dir/x.png"], 1, "--out /nonexistent/dir/x.png: there is no folder /nonexistent/dir (mistyped?)" },
        { ["frame", "a", "0", "--file", "{0}", "--out", "/proc/version.png"], 1, "--out /proc/version.png: cannot write it: the folder does not take new files" },
        { ["frame", "a", "0", "--file", "{0}", "--out", "{1}/taken.png"], 1, "taken.png: is a folder; give the path of a file" },
        { ["snapshot", "{0}", "--snapshots", "/proc/sys"], 1, "--snapshots /proc/sys: cannot write into it" },
        { ["snapshot", "{0}", "--snapshots", "{0}"], 1, "f.yaml: is a file; give a folder" },
        { ["init", "/proc/f.yaml"], 1, "/proc/f.yaml: cannot write it" },
        { ["init", ""], 2, "FILE: an empty path names no file or folder" },
        { ["init", "{1}"], 1, ": is a folder; give the path of a file" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void An_odd_path_is_a_clear_error(string[] args, int code, string says)
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("f.yaml"), Figures);
        Directory.CreateDirectory(dir.File("taken.png"));
        var result = InProcess.Convanim([.. args.Select(a => a.Replace("{0}", dir.File("f.yaml")).Replace("{1}", dir.Path))]);
        Assert.DoesNotContain("Unhandled exception", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
        Assert.DoesNotContain(".tmp", result.Stderr);
        Assert.True(result.ExitCode == code, $"exit {result.ExitCode}: {result.Stderr}");
        Assert.Contains(says, result.Stderr);
    }

    [Fact]
    public void One_figure_is_one_figure()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("f.yaml"), Figures);
        Assert.EndsWith("f.yaml: 1 figure, no problems\n", InProcess.Convanim("validate", dir.File("f.yaml")).Stdout);
    }
}
