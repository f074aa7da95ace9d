using System.Diagnostics;
using ConvAnimations.Pipeline;
using ConvAnimations.Spec;
using ConvAnimations.Tests.Support;

namespace ConvAnimations.Tests.Pipeline;

/// <summary>One output folder shared by several renders: a lock between them, and a gallery that never gets worse.</summary>
public sealed class OutputFolderTests
{
    private static IReadOnlyList<Figure> Read(string yaml, string name)
    {
        var file = FigureFileReader.Parse(yaml, name);
        Assert.True(file.IsValid, string.Join("\n", file.Errors));
        return file.Figures;
    }

    private static Task<IReadOnlyList<FigureResult>> Render(string directory, string source, IReadOnlyList<Figure> figures) =>
        RenderPipeline.RunAsync(figures, new RenderOptions(directory, Gallery: new GallerySource(source, figures)));

    private static int FiguresOnPage(string directory) =>
        System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(Path.Combine(directory, Gallery.FileName)), "<figure id=").Count;

    [Fact]
    public async Task A_render_into_a_folder_another_render_is_writing_into_stops_before_touching_it()
    {
        using var dir = new TempDirectory();
        var figures = Read("figures:\n  - {name: a, input: 4, kernel: 3, formats: [png]}\n", "a.yaml");
        await Render(dir.Path, "a.yaml", figures);
        var before = Directory.GetFiles(dir.Path, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.GetLastWriteTimeUtc);

        using (OutputLock.Acquire(dir.Path))
        {
            var refused = await Assert.ThrowsAsync<IOException>(() => RenderPipeline.RunAsync(figures, new RenderOptions(dir.Path, Force: true)));
            Assert.Equal($"another render is writing into {dir.Path}: wait for it to finish, or render into another folder", refused.Message);
        }
        Assert.Equal(before, Directory.GetFiles(dir.Path, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.GetLastWriteTimeUtc));

        var after = await RenderPipeline.RunAsync(figures, new RenderOptions(dir.Path, Force: true));
        Assert.Equal(FigureOutcome.Rendered, Assert.Single(after).Outcome);
    }

    [Fact]
    public async Task Two_render_processes_into_one_folder_one_writes_the_other_says_why_it_does_not()
    {
        using var dir = new TempDirectory();
        // One figure of 324 frames: a few seconds of ffmpeg, long enough for the second process to start meanwhile.
        File.WriteAllText(dir.File("figures.yaml"), "figures:\n  - {name: long, input: 20, kernel: 3, scale: 0.5, formats: [gif]}\n");
        var figures = FigureFileReader.Read(dir.File("figures.yaml")).Figures;
        var first = new ProcessStartInfo("dotnet") { WorkingDirectory = dir.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Processes.ConvanimDll, "render", "--out", "output", "--quiet" }) first.ArgumentList.Add(arg);
        using var writer = Process.Start(first)!;
        var stderr = writer.StandardError.ReadToEndAsync();
        _ = writer.StandardOutput.ReadToEndAsync();
        // The second starts once the first holds the folder.
        for (var i = 0; i < 300 && !File.Exists(dir.File($"output/{OutputLock.FileName}")); i++) Thread.Sleep(20);
        var second = Processes.Convanim(dir.Path, "render", "--out", "output", "--force");
        Assert.True(writer.WaitForExit(120_000));
        Assert.True(writer.ExitCode == 0, await stderr);

        Assert.Equal(1, second.ExitCode);
        Assert.Contains($"convanim: another render is writing into output: wait for it to finish, or render into another folder", second.Stderr);
        OutputChecks.AllComplete(dir.File("output"), figures, allowTemporaries: false);
        var third = Processes.Convanim(dir.Path, "render", "--out", "output");
        Assert.Contains("1 figure: 0 rendered, 1 unchanged", third.Stdout);
    }

    [Fact]
    public async Task The_gallery_shows_every_figure_in_the_folder_and_a_failed_one_keeps_its_place_and_files()
    {
        using var dir = new TempDirectory();
        var a = Read("figures:\n  - {name: a1, input: 4, kernel: 3, formats: [png]}\n  - {name: a2, input: 5, kernel: 3, formats: [png]}\n", "a.yaml");
        var b = Read("figures:\n  - {name: b1, title: First of b, input: 4, kernel: 2, formats: [png]}\n", "b.yaml");
        await Render(dir.Path, "a.yaml", a);
        await Render(dir.Path, "b.yaml", b);
        Assert.Equal(3, FiguresOnPage(dir.Path));
        var page = File.ReadAllText(dir.File(Gallery.FileName));
        Assert.Contains("3 figures from <code>a.yaml</code>, <code>b.yaml</code>", page);
        Assert.True(page.IndexOf("id=\"a2\"", StringComparison.Ordinal) < page.IndexOf("id=\"b1\"", StringComparison.Ordinal));

        // b1 changes and fails (a directory where its first frame goes): the page keeps what it showed of it.
        var frame = Path.Combine(dir.Path, "b1", "b1_00.png");
        var kept = File.ReadAllBytes(Path.Combine(dir.Path, "b1", "b1_01.png"));
        File.Delete(frame);
        Directory.CreateDirectory(frame);
        var changed = Read("figures:\n  - {name: b1, title: Second of b, input: 5, kernel: 2, formats: [png]}\n", "b.yaml");
        var failed = await Render(dir.Path, "b.yaml", changed);
        Assert.Equal(FigureOutcome.Failed, Assert.Single(failed).Outcome);
        page = File.ReadAllText(dir.File(Gallery.FileName));
        Assert.Equal(3, FiguresOnPage(dir.Path));
        Assert.Contains("First of b", page);
        Assert.DoesNotContain("Second of b", page);
        Assert.Equal(kept, File.ReadAllBytes(Path.Combine(dir.Path, "b1", "b1_01.png")));

        // Files removed by hand take their figure off the page.
        Directory.Delete(dir.File("a1"), recursive: true);
        Directory.Delete(frame);
        await Render(dir.Path, "b.yaml", changed);
        page = File.ReadAllText(dir.File(Gallery.FileName));
        Assert.Equal(2, FiguresOnPage(dir.Path));
        Assert.DoesNotContain("id=\"a1\"", page);
        Assert.Contains("Second of b", page);
    }

    [Fact]
    public async Task A_figure_that_fails_in_one_format_keeps_all_its_previous_files()
    {
        using var dir = new TempDirectory();
        var first = Read("figures:\n  - {name: c, input: 4, kernel: 3, formats: [gif, png]}\n", "c.yaml");
        await Render(dir.Path, "c.yaml", first);
        var gif = File.ReadAllBytes(dir.File("c.gif"));
        var firstFrame = File.ReadAllBytes(Path.Combine(dir.Path, "c", "c_00.png"));
        var frame = Path.Combine(dir.Path, "c", "c_03.png");
        File.Delete(frame);
        Directory.CreateDirectory(frame);

        var changed = Read("figures:\n  - {name: c, input: 5, kernel: 3, formats: [gif, png]}\n", "c.yaml");
        var result = Assert.Single(await Render(dir.Path, "c.yaml", changed));
        Assert.Equal(FigureOutcome.Failed, result.Outcome);
        Assert.Contains("c_03.png is a directory", result.Error);
        Assert.Equal(gif, File.ReadAllBytes(dir.File("c.gif")));
        Assert.Equal(firstFrame, File.ReadAllBytes(Path.Combine(dir.Path, "c", "c_00.png")));
        Assert.Equal(3, Directory.GetFiles(dir.File("c"), "*.png").Length);
        OutputChecks.AllComplete(dir.Path, first, allowTemporaries: false);

        Directory.Delete(frame);
        Assert.Equal(FigureOutcome.Rendered, Assert.Single(await Render(dir.Path, "c.yaml", changed)).Outcome);
        Assert.NotEqual(gif, File.ReadAllBytes(dir.File("c.gif")));
        Assert.Equal(9, Directory.GetFiles(dir.File("c"), "*.png").Length);
    }
}
