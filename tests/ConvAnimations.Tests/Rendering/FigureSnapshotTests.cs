using System.Collections.Concurrent;
using System.Diagnostics;
using ConvAnimations.Snapshots;
using ConvAnimations.Tests.Support;

namespace ConvAnimations.Tests.Rendering;

/// <summary>
/// Every frame of every figure of figures.yaml against its committed snapshot (one contact sheet per figure), and
/// every figure's layout as the text of <c>explain --json</c>. A missing snapshot fails, like a changed one, whether or
/// not CI is set, and leaves NAME.received.* (and NAME.diff.png) beside it: accepting is explicit (scripts/accept-snapshots).
/// The results also go into the reports <c>check</c> writes, for CI (<see cref="SnapshotReports"/>).
/// </summary>
public sealed class FigureSnapshotTests(SnapshotReports reports) : IClassFixture<SnapshotReports>
{
    public static IEnumerable<object[]> Names => Repo.FigureNames();

    [Theory]
    [MemberData(nameof(Names))]
    public void Frames_match_the_snapshot(string name)
    {
        var clock = Stopwatch.StartNew();
        var result = SnapshotStore.Check(Repo.Prepared(name), Repo.SnapshotDirectory, writeMissing: false);
        reports.Add(result, clock.Elapsed);
        Assert.True(result.Status == SnapshotStatus.Matched, Describe(result));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Layout_matches_the_snapshot(string name)
    {
        var clock = Stopwatch.StartNew();
        var result = SnapshotStore.CheckLayout(Repo.Prepared(name), Repo.SnapshotDirectory, writeMissing: false);
        reports.Add(result, clock.Elapsed);
        Assert.True(result.Status == SnapshotStatus.Matched,
            $"'{name}': {result.Detail}; compare {result.VerifiedPath} with {result.ReceivedPath} (diff -u), then scripts/accept-snapshots");
    }

    [Fact]
    public void Every_snapshot_belongs_to_a_figure()
    {
        var removed = SnapshotStore.VerifiedNames(Repo.SnapshotDirectory).Except(Repo.FigureNames().Select(n => (string)n[0])).ToList();
        Assert.True(removed.Count == 0,
            $"snapshots of figures no longer in figures.yaml: {string.Join(", ", removed)}; scripts/accept-snapshots --all removes them");
    }

    [Fact]
    public void A_missing_snapshot_fails_and_leaves_the_received_files_for_accepting()
    {
        using var dir = new TempDirectory();
        var animation = Repo.Prepared("no_padding_no_strides");
        var frames = SnapshotStore.Check(animation, dir.Path, writeMissing: false);
        var layout = SnapshotStore.CheckLayout(animation, dir.Path, writeMissing: false);
        Assert.Equal(SnapshotStatus.Missing, frames.Status);
        Assert.Equal(SnapshotStatus.Missing, layout.Status);
        Assert.True(File.Exists(frames.ReceivedPath) && File.Exists(layout.ReceivedPath));
        Assert.False(File.Exists(frames.VerifiedPath) || File.Exists(layout.VerifiedPath));
    }

    private static string Describe(SnapshotResult result) => result.Status switch
    {
        SnapshotStatus.Missing => $"no snapshot for '{result.Name}': {result.VerifiedPath} (written as {result.ReceivedPath}; scripts/accept-snapshots accepts it)",
        _ => $"'{result.Name}' changed in {result.Changes.Count} frame(s) [{string.Join(", ", result.Changes.Select(c => $"frame {c.Frame}: {c.ChangedPixels} px"))}]" +
             $"{(result.Detail is null ? "" : $" ({result.Detail})")}; see {result.ReceivedPath} and {result.DiffPath}; scripts/accept-snapshots accepts the change",
    };
}

/// <summary>
/// The snapshot tests' results as the reports of <c>check --junit --markdown</c>, written when the tests are done:
/// TestResults/snapshots.junit.xml and TestResults/snapshots.md with its images in TestResults/snapshots-images/.
/// A run that checked only some figures (a filter) reports those; removed figures only when all were checked.
/// </summary>
public sealed class SnapshotReports : IDisposable
{
    public static string Folder => Path.Combine(Repo.Root, "TestResults");

    private readonly ConcurrentDictionary<string, (SnapshotResult? Frames, SnapshotResult? Layout, TimeSpan Time)> _results = new();

    public void Add(SnapshotResult result, TimeSpan time) =>
        _results.AddOrUpdate(result.Name, _ => Merge((null, null, TimeSpan.Zero), result, time), (_, old) => Merge(old, result, time));

    private static (SnapshotResult?, SnapshotResult?, TimeSpan) Merge((SnapshotResult? Frames, SnapshotResult? Layout, TimeSpan Time) old, SnapshotResult result, TimeSpan time) =>
        result.VerifiedPath.EndsWith(".json", StringComparison.Ordinal) ? (old.Frames, result, old.Time + time) : (result, old.Layout, old.Time + time);

    public void Dispose()
    {
        var names = Repo.FigureNames().Select(n => (string)n[0]).ToList();
        var checks = names.Where(_results.ContainsKey).Select(n => _results[n])
            .Where(r => r.Frames is not null && r.Layout is not null)
            .Select(r => new FigureCheck(r.Frames!, r.Layout!) { Duration = r.Time }).ToList();
        if (checks.Count == 0) return;
        var removed = checks.Count < names.Count ? [] : SnapshotStore.VerifiedNames(Repo.SnapshotDirectory).Except(names).ToList();
        var results = new CheckResults(checks, removed);
        var context = new ReportContext("figures.yaml", Repo.Root, "scripts/accept-snapshots") { RemoveCommand = "scripts/accept-snapshots --all" };
        JUnitReport.Write(Path.Combine(Folder, "snapshots.junit.xml"), results, context);
        MarkdownReport.Write(Path.Combine(Folder, "snapshots.md"), results, context);
    }
}
