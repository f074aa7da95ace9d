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

/// <summary>The cache agrees with the files, and a render removes only files it recorded writing.</summary>
public sealed class FileRecordTests
{
    private static ProcessResult Render(TempDirectory dir, string yaml, params string[] more)
    {
        File.WriteAllText(dir.File("f.yaml"), yaml);
        return InProcess.Convanim(["render", dir.File("f.yaml"), "--out", dir.File("out"), .. more]);
    }

    /// <summary>
    /// Files named like a figure's frames that it did not write stay, on the first render and after it, whatever their
    /// number's width or format; its own frames beyond a shorter new count go; one of its frames changed by hand stays.
    /// </summary>
    [Fact]
    public void Only_files_the_tool_recorded_writing_are_removed()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("out/sq"));
        string[] users = ["sq_2024.png", "sq_0001.svg", "sq_99.pdf", "sq_9.png", "sq_000.png", "notes.txt"];
        foreach (var name in users) File.WriteAllText(dir.File($"out/sq/{name}"), "the user's");
        var nine = "figures:\n  - {name: sq, input: 5, kernel: 3, formats: [png, svg, pdf]}\n";
        Assert.Equal(0, Render(dir, nine).ExitCode);
        Assert.True(File.Exists(dir.File("out/sq/sq_08.png")));
        Assert.All(users, name => Assert.Equal("the user's", File.ReadAllText(dir.File($"out/sq/{name}"))));

        // Four frames instead of nine, SVG no more: its frames 04 to 08 and its SVGs go, except one the user edited.
        File.AppendAllText(dir.File("out/sq/sq_07.png"), "edited");
        Assert.Equal(0, Render(dir, nine.Replace("input: 5", "input: 4").Replace("png, svg, pdf", "png, pdf")).ExitCode);
        Assert.Equal(["sq_00.png", "sq_01.png", "sq_02.png", "sq_03.png", "sq_07.png"],
            Directory.GetFiles(dir.File("out/sq"), "sq_0?.png").Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Empty(Directory.GetFiles(dir.File("out/sq"), "sq_0?.svg"));
        Assert.Equal(4, Directory.GetFiles(dir.File("out/sq"), "sq_0?.pdf").Length);
        Assert.All(users, name => Assert.Equal("the user's", File.ReadAllText(dir.File($"out/sq/{name}"))));
    }

    /// <summary>
    /// What a kill leaves behind, done by hand: a figure's file replaced after its record was written (by a render
    /// killed before it recorded anything, or by the user). The next render finds the file is not the one it recorded
    /// and renders the figure again, where it called it unchanged.
    /// </summary>
    [Fact]
    public void A_file_that_is_not_the_one_recorded_is_rendered_again()
    {
        using var dir = new TempDirectory();
        var yaml = "figures:\n  - {name: a, input: 4, kernel: 3, formats: [gif]}\n  - {name: b, input: 5, kernel: 3, formats: [gif, png]}\n";
        Assert.Equal(0, Render(dir, yaml).ExitCode);
        var gif = File.ReadAllBytes(dir.File("out/b.gif"));
        var frame = File.ReadAllBytes(dir.File("out/b/b_03.png"));
        File.WriteAllBytes(dir.File("out/b.gif"), [.. gif.Take(gif.Length - 1), 0x00]);
        var again = Render(dir, yaml);
        Assert.Contains("2 figures: 1 rendered, 1 unchanged", again.Stdout);
        Assert.Contains("rendered   b", again.Stdout);
        Assert.Equal(gif, File.ReadAllBytes(dir.File("out/b.gif")));

        // The same for a frame file, and for one removed.
        File.WriteAllBytes(dir.File("out/b/b_03.png"), frame[..^1]);
        Assert.Contains("1 rendered, 1 unchanged", Render(dir, yaml).Stdout);
        Assert.Equal(frame, File.ReadAllBytes(dir.File("out/b/b_03.png")));
        File.Delete(dir.File("out/b/b_05.png"));
        Assert.Contains("1 rendered, 1 unchanged", Render(dir, yaml).Stdout);
        Assert.Contains("0 rendered, 2 unchanged", Render(dir, yaml).Stdout);
    }
}
