using ConvAnimations.Layout;
using ConvAnimations.Snapshots;
using ConvAnimations.Tests.Support;

namespace ConvAnimations.Tests.Pipeline;

/// <summary>A check report writes only into a folder of its own and removes only the files it wrote.</summary>
public sealed class CheckReportTests
{
    private static CheckResults Changed(string snapshots, params string[] yaml) =>
        new(yaml.Select(y =>
        {
            var figure = Figures.Parse($"figures:\n  - {y}\n").Prepared();
            return new FigureCheck(SnapshotStore.Check(figure, snapshots, writeMissing: false), SnapshotStore.CheckLayout(figure, snapshots, writeMissing: false));
        }).ToList());

    [Fact]
    public void A_folder_holding_other_files_is_refused_and_left_as_it_was()
    {
        using var dir = new TempDirectory();
        var pictures = Directory.CreateDirectory(dir.File("pictures")).FullName;
        File.WriteAllBytes(Path.Combine(pictures, "holiday.png"), [1, 2, 3]);
        Assert.Contains("holds files that are not a check report", CheckReport.Refusal(pictures));
        Assert.Throws<IOException>(() => CheckReport.Write(pictures, Changed(dir.File("snaps"), "{name: a, input: 4, kernel: 3}")));
        Assert.Equal(["holiday.png"], Directory.GetFiles(pictures).Select(Path.GetFileName));
        Assert.Null(CheckReport.Refusal(dir.File("new")));
        Assert.Contains("is a file", CheckReport.Refusal(Path.Combine(pictures, "holiday.png")));
    }

    [Fact]
    public void A_new_report_removes_the_earlier_reports_files_and_nothing_else()
    {
        using var dir = new TempDirectory();
        var (snaps, report) = (dir.File("snaps"), dir.File("report"));
        // Accepted snapshots of a; then a changes, so the report holds its expected, actual and diff tiles.
        SnapshotStore.Accept(Figures.Parse("figures:\n  - {name: a, input: 4, kernel: 3}\n").Prepared(), snaps);
        CheckReport.Write(report, Changed(snaps, "{name: a, input: 2, kernel: 3, padding: 1}"));
        var first = Directory.GetFiles(report, "*.png").Select(Path.GetFileName).ToList();
        Assert.Contains("a-f0000-diff.png", first);
        File.WriteAllText(Path.Combine(report, "notes.png"), "the user's own file, added later");

        CheckReport.Write(report, Changed(snaps, "{name: a, input: 4, kernel: 3}"));
        Assert.Equal(["notes.png"], Directory.GetFiles(report, "*.png").Select(Path.GetFileName));
        Assert.True(File.Exists(Path.Combine(report, "index.html")));
    }
}
