using System.Text.RegularExpressions;
using System.Xml.Linq;
using ConvAnimations.Snapshots;
using ConvAnimations.Tests.Cli;
using ConvAnimations.Tests.Support;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using SkiaSharp;

namespace ConvAnimations.Tests.Ci;

/// <summary>
/// `check --junit FILE --markdown FILE`: what CI systems show. The JUnit XML is read back by xmllint against the
/// format's schema and by an XML parser; the Markdown by Markdig, as GitHub reads it, down to the images it links.
/// </summary>
public sealed partial class CiReportsTests : IDisposable
{
    private static readonly string JUnitSchema = Path.Combine(Repo.Root, "tests", "ConvAnimations.Tests", "Ci", "junit.xsd");

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private ProcessResult Convanim(params string[] args) => InProcess.Convanim([.. args, "--snapshots", _dir.File("snaps")]);

    /// <summary>Snapshots of a, b and d; then a changes (frames of the same size), c is added and d removed.</summary>
    private ProcessResult CheckAfterChanges()
    {
        var yaml = _dir.File("mine.yaml");
        File.WriteAllText(yaml, "figures:\n  - {name: a, input: 4, kernel: 3}\n  - {name: b, input: 5, kernel: 3, stride: 2}\n  - {name: d, input: 3, kernel: 2}\n");
        Assert.Equal(0, Convanim("snapshot", yaml).ExitCode);
        File.WriteAllText(yaml, "figures:\n  - {name: a, input: 2, kernel: 3, padding: 1}\n  - {name: b, input: 5, kernel: 3, stride: 2}\n  - {name: c, input: 4, kernel: 2}\n");
        return Convanim("check", yaml, "--report", _dir.File("html"), "--junit", _dir.File("ci/check.xml"), "--markdown", _dir.File("ci/summary.md"));
    }

    [Fact]
    public void A_change_fails_the_check_and_both_reports_show_it()
    {
        var result = CheckAfterChanges();
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("CHANGED    a: frames 0, 1, 2, 3 changed", result.Stdout);
        Assert.Contains("ADDED      c: no frame snapshot", result.Stdout);
        Assert.Contains("REMOVED    d:", result.Stdout);
        Assert.Contains("3 figures: 1 unchanged, 2 changed or missing, 1 removed", result.Stdout);

        // JUnit: valid against the format's schema (xmllint), one test case a figure, a failure for each difference.
        var junit = _dir.File("ci/check.xml");
        var lint = Processes.Run("xmllint", ["--noout", "--schema", JUnitSchema, junit]);
        Assert.True(lint.ExitCode == 0, lint.Stderr);
        var suite = XDocument.Load(junit).Root!.Element("testsuite")!;
        Assert.Equal(("mine.yaml", "4", "3"), ((string)suite.Attribute("name")!, (string)suite.Attribute("tests")!, (string)suite.Attribute("failures")!));
        var cases = suite.Elements("testcase").ToDictionary(c => (string)c.Attribute("name")!);
        Assert.Equal(["a", "b", "c", "d"], cases.Keys.Order());
        Assert.Null(cases["b"].Element("failure"));
        Assert.Equal(["changed", "added", "removed"], new[] { "a", "c", "d" }.Select(n => (string)cases[n].Element("failure")!.Attribute("type")!));
        var failure = cases["a"].Element("failure")!.Value;
        var frame0 = FrameLine().Match(failure);
        Assert.True(frame0.Success, failure);
        Assert.Contains("layout changed: line", failure);
        Assert.Contains("accept with: convanim snapshot", failure);
        // The attachments are paths relative to where the command ran, and exist.
        var attachments = Attachment().Matches(cases["a"].Element("system-out")!.Value).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["a.received.png", "a.diff.png", "a.received.json"], attachments.Select(Path.GetFileName));
        Assert.All(attachments, a => Assert.True(!Path.IsPathRooted(a) && File.Exists(Path.Combine(Environment.CurrentDirectory, a)), a));

        // Markdown as GitHub reads it: the table of figures, and the images of the change beside the file.
        var markdown = _dir.File("ci/summary.md");
        var document = Markdown.Parse(File.ReadAllText(markdown), new MarkdownPipelineBuilder().UseAdvancedExtensions().Build());
        // The differences, then the unchanged figures (folded away in a <details>).
        var rows = document.Descendants<Table>().Take(2).SelectMany(t => t.Skip(1)).Cast<TableRow>().Select(r => r.Cast<TableCell>().Select(Text).ToArray()).ToList();
        Assert.Equal(["a changed", "c added", "d removed", "b unchanged"], rows.Select(r => $"{r[0]} {r[1]}"));
        var images = document.Descendants<LinkInline>().Where(l => l.IsImage).Select(l => l.Url!).ToList();
        // Frame by frame for a (4 frames: expected, actual, diff), the whole new sheet for c.
        Assert.Equal(13, images.Count);
        Assert.All(images, url => Assert.False(Path.IsPathRooted(url) || url.Contains("://"), url));
        var folder = Path.GetDirectoryName(markdown)!;
        var files = images.Select(url => Path.Combine(folder, Uri.UnescapeDataString(url))).ToList();
        Assert.All(files, file => Assert.True(ImageComparer.Load(file) is { Width: > 0 }, $"{file} is not a picture"));
        Assert.Equal(Path.Combine(folder, "summary-images", "a-f0000-expected.png"), files[0]);

        // The number in the reports is the count of pixels that differ between the frame's two pictures.
        using var expected = ImageComparer.Load(files[0])!;
        using var actual = ImageComparer.Load(files[1])!;
        Assert.Equal(int.Parse(frame0.Groups[1].Value), Differing(expected, actual));
        Assert.Equal(expected.Width * expected.Height, int.Parse(frame0.Groups[2].Value));
    }

    [Fact]
    public void Unchanged_figures_pass_and_the_reports_say_so()
    {
        var yaml = _dir.File("mine.yaml");
        File.WriteAllText(yaml, "figures:\n  - {name: a, input: 4, kernel: 3}\n");
        Assert.Equal(0, Convanim("snapshot", yaml).ExitCode);
        var result = Convanim("check", yaml, "--report", _dir.File("html"), "--junit", _dir.File("check.xml"), "--markdown", _dir.File("summary.md"));
        Assert.Equal(0, result.ExitCode);
        var suite = XDocument.Load(_dir.File("check.xml")).Root!.Element("testsuite")!;
        Assert.Equal(("1", "0"), ((string)suite.Attribute("tests")!, (string)suite.Attribute("failures")!));
        Assert.StartsWith("## Snapshots of `mine.yaml`: 1 unchanged\n", File.ReadAllText(_dir.File("summary.md")));
        Assert.Empty(Directory.GetFiles(_dir.File("summary-images"), "*.png"));
    }

    [Fact]
    public void A_figure_of_many_changed_frames_shows_the_first_ones_and_with_only_nothing_counts_as_removed()
    {
        var yaml = _dir.File("mine.yaml");
        File.WriteAllText(yaml, "figures:\n  - {name: many, input: 5, kernel: 2, scale: 0.5}\n  - {name: other, input: 3, kernel: 2}\n");
        Assert.Equal(0, Convanim("snapshot", yaml).ExitCode);
        // Another theme: every one of the 16 frames changes, at the same size. `other` is gone, but only `many` is
        // checked: the snapshots of figures not looked at are not counted as removed.
        File.WriteAllText(yaml, "figures:\n  - {name: many, input: 5, kernel: 2, scale: 0.5, theme: colorblind}\n  - {name: brand_new, input: 3, kernel: 2}\n");
        var result = Convanim("check", yaml, "--only", "many", "--report", _dir.File("html"), "--markdown", _dir.File("summary.md"));
        Assert.Equal(1, result.ExitCode);
        Assert.DoesNotContain("REMOVED", result.Stdout);
        var markdown = File.ReadAllText(_dir.File("summary.md"));
        Assert.Contains("| [`many`](#many-changed) | changed | frames 0-15 changed |", markdown);
        Assert.Equal(MarkdownReport.MaxFramesShown, Regex.Matches(markdown, @"\| frame \d+ \| !\[expected").Count);
        Assert.Contains($"and {16 - MarkdownReport.MaxFramesShown} more changed frames: `", markdown);
        Assert.Equal(3 * MarkdownReport.MaxFramesShown, Directory.GetFiles(_dir.File("summary-images"), "*.png").Length);
    }

    [Fact]
    public void Report_paths_that_would_lose_files_are_refused_before_any_work()
    {
        var yaml = _dir.File("mine.yaml");
        File.WriteAllText(yaml, "figures:\n  - {name: a, input: 4, kernel: 3}\n");
        Directory.CreateDirectory(_dir.File("a-folder"));
        var folder = Convanim("check", yaml, "--report", _dir.File("html"), "--junit", _dir.File("a-folder"));
        Assert.Equal(1, folder.ExitCode);
        Assert.Contains("a-folder is a folder: the JUnit report is a file", folder.Stderr);
        // The Markdown report's image folder holds someone's pictures.
        File.WriteAllBytes(Directory.CreateDirectory(_dir.File("summary-images")).FullName + "/holiday.png", [1, 2, 3]);
        var theirs = Convanim("check", yaml, "--report", _dir.File("html"), "--markdown", _dir.File("summary.md"));
        Assert.Equal(1, theirs.ExitCode);
        Assert.Contains("summary-images holds files that are not a check report", theirs.Stderr);
        Assert.False(File.Exists(_dir.File("summary.md")) || Directory.Exists(_dir.File("snaps")) || Directory.Exists(_dir.File("html")));
    }

    [Fact]
    public void Snapshot_accepts_a_removed_figure_by_removing_its_snapshots()
    {
        CheckAfterChanges();
        var accepted = Convanim("snapshot", _dir.File("mine.yaml"));
        Assert.Contains("removed the snapshots of d", accepted.Stdout);
        Assert.Equal(["a", "b", "c"], SnapshotStore.VerifiedNames(_dir.File("snaps")));
        Assert.Equal(0, Convanim("check", _dir.File("mine.yaml"), "--report", _dir.File("html")).ExitCode);
    }

    private static string Text(TableCell cell) =>
        string.Concat(cell.Descendants<LiteralInline>().Select(l => l.Content.ToString()).Concat(cell.Descendants<CodeInline>().Select(c => c.Content)));

    private static int Differing(SKBitmap a, SKBitmap b)
    {
        var count = 0;
        for (var y = 0; y < a.Height; y++)
        {
            for (var x = 0; x < a.Width; x++)
            {
                if (ImageComparer.Differs(a.GetPixel(x, y), b.GetPixel(x, y))) count++;
            }
        }
        return count;
    }

    [GeneratedRegex(@"frame 0: (\d+) of (\d+) pixels changed")]
    private static partial Regex FrameLine();

    [GeneratedRegex(@"\[\[ATTACHMENT\|([^\]]+)\]\]")]
    private static partial Regex Attachment();
}
