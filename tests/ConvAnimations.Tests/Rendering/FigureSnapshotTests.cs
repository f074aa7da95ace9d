using ConvAnimations.Layout;
using ConvAnimations.Snapshots;
using ConvAnimations.Tests.Support;

namespace ConvAnimations.Tests.Rendering;

/// <summary>
/// Every frame of every figure of figures.yaml against its committed snapshot (one contact sheet per figure), and
/// every figure's layout as the text of <c>explain --json</c>. A missing snapshot fails, like a changed one, whether or
/// not CI is set, and leaves NAME.received.* (and NAME.diff.png) beside it: accepting is explicit (scripts/accept-snapshots).
/// </summary>
public sealed class FigureSnapshotTests
{
    public static IEnumerable<object[]> Names => Repo.FigureNames();

    [Theory]
    [MemberData(nameof(Names))]
    public void Frames_match_the_snapshot(string name)
    {
        var result = SnapshotStore.Check(Repo.Prepared(name), Repo.SnapshotDirectory, writeMissing: false);
        Assert.True(result.Status == SnapshotStatus.Matched, Describe(result));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Layout_matches_the_snapshot(string name)
    {
        var result = SnapshotStore.CheckLayout(Repo.Prepared(name), Repo.SnapshotDirectory, writeMissing: false);
        Assert.True(result.Status == SnapshotStatus.Matched,
            $"'{name}': {result.Detail}; compare {result.VerifiedPath} with {result.ReceivedPath} (diff -u), then scripts/accept-snapshots");
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
