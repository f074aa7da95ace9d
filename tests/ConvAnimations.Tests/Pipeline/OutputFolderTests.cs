using ConvAnimations.Pipeline;
using ConvAnimations.Preparation;
using ConvAnimations.Spec;
using ConvAnimations.Tests.Support;
using ConvAnimations.Views;

namespace ConvAnimations.Tests.Pipeline;

/// <summary>One output folder shared by several renders: a lock between them, and a gallery that never gets worse.</summary>
public sealed class OutputFolderTests
{
    private static IReadOnlyList<Figure> Read(string yaml, string name)
    {
        var file = ViewTable.Default.Parse(yaml, name);
        Assert.True(file.IsValid, string.Join("\n", file.Errors));
        return file.Figures;
    }

    private static Task<IReadOnlyList<FigureResult>> Render(string directory, string source, IReadOnlyList<Figure> figures) =>
        RenderPipeline.RunAsync(figures.Prepared(), new RenderOptions(directory, Gallery: new GallerySource(source, figures)));

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
            var refused = await Assert.ThrowsAsync<IOException>(() => RenderPipeline.RunAsync(figures.Prepared(), new RenderOptions(dir.Path, Force: true)));
            Assert.Equal($"another render is writing into {dir.Path}: wait for it to finish, or render into another folder", refused.Message);
        }
        Assert.Equal(before, Directory.GetFiles(dir.Path, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.GetLastWriteTimeUtc));

        var after = await RenderPipeline.RunAsync(figures.Prepared(), new RenderOptions(dir.Path, Force: true));
        Assert.Equal(FigureOutcome.Rendered, Assert.Single(after).Outcome);
    }

    /// <summary>
    /// While another process writes into a folder (here the test, holding the folder's lock the way a render does), a
    /// render process into it stops at once with the reason and leaves the folder as it was; afterwards it renders.
    /// </summary>
    [Fact]
    public void A_render_into_a_folder_another_process_writes_into_says_why_it_does_not()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("figures.yaml"), "figures:\n  - {name: a, input: 4, kernel: 3, formats: [gif]}\n");
        var output = Directory.CreateDirectory(dir.File("output")).FullName;
        File.WriteAllText(Path.Combine(output, "a.gif"), "an earlier render");
        ProcessResult refused;
        using (OutputLock.Acquire(output))
        {
            refused = Processes.Convanim(dir.Path, "render", "--out", "output");
        }
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("convanim: another render is writing into output: wait for it to finish, or render into another folder", refused.Stderr);
        Assert.Equal([OutputLock.FileName, "a.gif"], Directory.GetFiles(output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal("an earlier render", File.ReadAllText(Path.Combine(output, "a.gif")));

        var after = Processes.Convanim(dir.Path, "render", "--out", "output");
        Assert.True(after.ExitCode == 0, after.Stderr);
        OutputChecks.AllComplete(output, ViewTable.Default.Read(dir.File("figures.yaml")).Figures, allowTemporaries: false);
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

    /// <summary>
    /// `--out docs`, a GitHub Pages folder with its own index.html: the page stays as it is, the gallery goes beside it
    /// under another name, and the render says so; with that name taken too, no page is written. Once the user's page
    /// is gone, the gallery is index.html again.
    /// </summary>
    [Fact]
    public void A_page_the_tool_did_not_write_is_never_replaced()
    {
        using var dir = new TempDirectory();
        var docs = Directory.CreateDirectory(dir.File("docs")).FullName;
        const string Users = "<!DOCTYPE html><title>My project</title><p>my own page</p>";
        File.WriteAllText(Path.Combine(docs, Gallery.FileName), Users);
        File.WriteAllText(dir.File("f.yaml"), "figures:\n  - {name: a, input: 4, kernel: 3, formats: [png]}\n");
        string Render() => Cli.InProcess.Convanim("render", dir.File("f.yaml"), "--out", docs) is var r && r.ExitCode == 0 ? r.Stderr : throw new Xunit.Sdk.XunitException(r.Stderr);

        var notice = Render();
        Assert.Equal(Users, File.ReadAllText(Path.Combine(docs, Gallery.FileName)));
        var other = Path.Combine(docs, Gallery.OtherFileName);
        Assert.Contains("<figure id=\"a\"", File.ReadAllText(other));
        Assert.Contains($"{Path.Combine(docs, Gallery.FileName)} was not written by convanim: it is left as it is; the gallery is {other}", notice);
        // Again, with a changed figure: the gallery's own page is updated, the user's is not.
        File.WriteAllText(dir.File("f.yaml"), "figures:\n  - {name: a, title: Second, input: 4, kernel: 3, formats: [png]}\n");
        Render();
        Assert.Contains("Second", File.ReadAllText(other));
        Assert.Equal(Users, File.ReadAllText(Path.Combine(docs, Gallery.FileName)));

        // Both names taken by the user's files: no page at all.
        File.WriteAllText(other, Users);
        Assert.Contains("no gallery page was written", Render());
        Assert.Equal(Users, File.ReadAllText(other));
        Assert.Equal(Users, File.ReadAllText(Path.Combine(docs, Gallery.FileName)));

        // The user's index.html gone: the gallery is index.html again; the user's other page stays.
        File.Delete(Path.Combine(docs, Gallery.FileName));
        Assert.DoesNotContain("not written by convanim: it is left", Render());
        Assert.Contains("<figure id=\"a\"", File.ReadAllText(Path.Combine(docs, Gallery.FileName)));
        Assert.Equal(Users, File.ReadAllText(other));
    }

    /// <summary>The gallery's index unreadable (garbled, or a folder in its place): the page keeps every figure whose files are there.</summary>
    [Theory]
    [InlineData("garbled")]
    [InlineData("folder")]
    [InlineData("removed")]
    public async Task A_lost_gallery_index_keeps_the_figures_of_other_files(string damage)
    {
        using var dir = new TempDirectory();
        var a = Read("figures:\n  - {name: a1, title: First of a, input: 4, kernel: 3, formats: [png]}\n  - {name: a2, input: 5, kernel: 3, formats: [gif]}\n", "a.yaml");
        var b = Read("figures:\n  - {name: b1, input: 4, kernel: 2, formats: [png]}\n", "b.yaml");
        await Render(dir.Path, "a.yaml", a);
        await Render(dir.Path, "b.yaml", b);
        var before = File.ReadAllText(dir.File(Gallery.FileName));
        var index = dir.File(Gallery.IndexName);
        switch (damage)
        {
            case "garbled":
                File.WriteAllText(index, "{\"not\": [the index");
                break;
            case "folder":
                File.Delete(index);
                Directory.CreateDirectory(index);
                break;
            default:
                File.Delete(index);
                break;
        }
        var changed = Read("figures:\n  - {name: b1, title: Changed b, input: 5, kernel: 2, formats: [png]}\n", "b.yaml");
        await Render(dir.Path, "b.yaml", changed);
        var page = File.ReadAllText(dir.File(Gallery.FileName));
        Assert.Equal(3, FiguresOnPage(dir.Path));
        Assert.Contains("3 figures from <code>a.yaml</code>, <code>b.yaml</code>", page);
        Assert.Contains("Changed b", page);
        // The other file's figures exactly as they were shown.
        foreach (var name in new[] { "a1", "a2" })
        {
            var block = new System.Text.RegularExpressions.Regex($"<figure id=\"{name}\".*?</figure>\n", System.Text.RegularExpressions.RegexOptions.Singleline);
            Assert.Equal(block.Match(before).Value, block.Match(page).Value);
        }
        // A figure whose files are then removed leaves the page, also when it came from the page alone.
        if (damage != "folder") File.WriteAllText(index, "garbled again");
        Directory.Delete(dir.File("a1"), recursive: true);
        await Render(dir.Path, "b.yaml", changed);
        Assert.Equal(2, FiguresOnPage(dir.Path));
        Assert.DoesNotContain("id=\"a1\"", File.ReadAllText(dir.File(Gallery.FileName)));
    }
}
