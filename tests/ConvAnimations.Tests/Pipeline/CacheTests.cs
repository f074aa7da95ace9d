using ConvAnimations.Tests.Cli;
using ConvAnimations.Tests.Support;

namespace ConvAnimations.Tests.Pipeline;

/// <summary>Unchanged figures are not rendered again; a changed one is, alone.</summary>
public sealed class CacheTests
{
    private const string Figures = """
        figures:
          - {name: a, input: 4, kernel: 3}
          - {name: b, input: 5, kernel: 3, stride: 2}
          - {name: c, kind: transposed, input: 5, kernel: 3, stride: 2}
        """;

    /// <summary>The command line in-process, in the folder's own output/.</summary>
    private static ProcessResult Render(TempDirectory dir, string file, params string[] more) =>
        InProcess.Convanim(["render", dir.File(file), "--out", dir.File("output"), .. more]);

    [Fact]
    public void A_second_run_renders_nothing_and_a_changed_figure_is_rendered_alone()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("f.yaml"), Figures);
        var first = Render(dir, "f.yaml");
        Assert.Contains("3 figures: 3 rendered, 0 unchanged, 0 failed", first.Stdout);
        var written = File.GetLastWriteTimeUtc(dir.File("output/a.gif"));

        var second = Render(dir, "f.yaml");
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("3 figures: 0 rendered, 3 unchanged (--force renders them again), 0 failed", second.Stdout);
        Assert.Equal(written, File.GetLastWriteTimeUtc(dir.File("output/a.gif")));

        File.WriteAllText(dir.File("f.yaml"), Figures.Replace("{name: b, input: 5, kernel: 3, stride: 2}", "{name: b, input: 6, kernel: 3, stride: 2}"));
        var third = Render(dir, "f.yaml");
        Assert.Contains("rendered   b", third.Stdout);
        Assert.Contains("unchanged  a", third.Stdout);
        Assert.Contains("unchanged  c", third.Stdout);
        Assert.Contains("3 figures: 1 rendered, 2 unchanged", third.Stdout);

        var forced = Render(dir, "f.yaml", "--force");
        Assert.Contains("3 figures: 3 rendered, 0 unchanged, 0 failed", forced.Stdout);
    }

    [Fact]
    public void A_deleted_output_is_rendered_again()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("f.yaml"), Figures);
        Render(dir, "f.yaml");
        File.Delete(dir.File("output/c.mp4"));
        var again = Render(dir, "f.yaml");
        Assert.Contains("3 figures: 1 rendered, 2 unchanged", again.Stdout);
        Assert.True(File.Exists(dir.File("output/c.mp4")));
    }
}
