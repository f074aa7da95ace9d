using ConvAnimations.Layout;
using ConvAnimations.Snapshots;
using ConvAnimations.Tests.Support;

namespace ConvAnimations.Tests.Rendering;

/// <summary>
/// Every frame of every figure of figures.yaml against its committed snapshot (one contact sheet per figure), and
/// every figure's layout as the text of <c>explain --json</c>. A missing snapshot fails under CI=true and is
/// written otherwise; a changed one leaves NAME.received.* and NAME.diff.png beside it (scripts/accept-snapshots).
/// </summary>
public sealed class FigureSnapshotTests
{
    public static IEnumerable<object[]> Names => Repo.FigureNames();

    [Theory]
    [MemberData(nameof(Names))]
    public void Frames_match_the_snapshot(string name)
    {
        var result = SnapshotStore.Check(Repo.Animation(name), Repo.SnapshotDirectory, writeMissing: !Repo.IsCi);
        Assert.True(result.Status is SnapshotStatus.Matched or SnapshotStatus.Written, Describe(result));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Layout_matches_the_snapshot(string name)
    {
        var result = SnapshotStore.CheckLayout(Repo.Animation(name), Repo.SnapshotDirectory, writeMissing: !Repo.IsCi);
        Assert.True(result.Status is SnapshotStatus.Matched or SnapshotStatus.Written,
            $"'{name}': {result.Detail}; compare {result.VerifiedPath} with {result.ReceivedPath} (diff -u), then scripts/accept-snapshots");
    }

    private static string Describe(SnapshotResult result) => result.Status switch
    {
        SnapshotStatus.Missing => $"no snapshot for '{result.Name}': {result.VerifiedPath} (written as {result.ReceivedPath}; scripts/accept-snapshots accepts it)",
        _ => $"'{result.Name}' changed in {result.Changes.Count} frame(s) [{string.Join(", ", result.Changes.Select(c => $"frame {c.Frame}: {c.ChangedPixels} px"))}]" +
             $"{(result.Detail is null ? "" : $" ({result.Detail})")}; see {result.ReceivedPath} and {result.DiffPath}; scripts/accept-snapshots accepts the change",
    };
}
