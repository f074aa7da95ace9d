namespace ConvAnimations.Snapshots;

/// <summary>What a check found for one figure, in the words of the reports.</summary>
public enum FigureOutcome { Changed, Added, Removed, Unchanged }

/// <summary>
/// What one run of <c>check</c> found: every figure checked against its snapshots, and the figures whose snapshots
/// remain in the folder though the file no longer has them. The HTML, JUnit and Markdown reports all read this.
/// </summary>
public sealed record CheckResults(IReadOnlyList<FigureCheck> Figures, IReadOnlyList<string> Removed)
{
    public CheckResults(IReadOnlyList<FigureCheck> figures) : this(figures, []) { }

    /// <summary>How many figures changed, were added or removed: what makes <c>check</c> exit 1.</summary>
    public int Differences => Figures.Count(f => !f.IsUnchanged) + Removed.Count;

    public int Count(FigureOutcome outcome) => outcome == FigureOutcome.Removed ? Removed.Count : Figures.Count(f => f.Outcome == outcome);

    /// <summary>What differs, in a few words: the frames that changed (as ranges) and whether the layout did.</summary>
    public static string Brief(FigureCheck check)
    {
        if (check.Outcome == FigureOutcome.Added) return "a new figure: no snapshot yet";
        var parts = new List<string>();
        if (check.Frames.Status == SnapshotStatus.Missing) parts.Add("no frame snapshot");
        else if (check.Frames.Status == SnapshotStatus.Changed && check.Frames.Changes.Any(c => c.ChangedPixels < 0)) parts.Add(check.Frames.Detail ?? "frames changed");
        else if (check.Frames.Status == SnapshotStatus.Changed) parts.Add($"{(check.Frames.Changes.Count == 1 ? "frame" : "frames")} {Spec.Play.Ranges(check.Frames.Changes.Select(c => c.Frame).Distinct().Order().ToList())} changed");
        if (check.Layout.Status == SnapshotStatus.Missing) parts.Add("no layout snapshot");
        else if (check.Layout.Status == SnapshotStatus.Changed) parts.Add("layout changed");
        return string.Join("; ", parts);
    }

    /// <summary>One line a figure that differs (the frames with the pixels that changed, the layout's first changed line), or none.</summary>
    public static IEnumerable<string> Details(FigureCheck check)
    {
        if (check.Outcome == FigureOutcome.Added)
        {
            yield return $"no snapshot yet: {Path.GetFileName(check.Frames.VerifiedPath)}, {Path.GetFileName(check.Layout.VerifiedPath)}";
            yield break;
        }
        if (check.Frames.Status == SnapshotStatus.Missing) yield return $"no frame snapshot: {Path.GetFileName(check.Frames.VerifiedPath)}";
        else if (check.Frames.Status == SnapshotStatus.Changed && check.Frames.Detail is { } detail) yield return detail;
        foreach (var change in check.Frames.Changes.Where(c => c.ChangedPixels >= 0))
        {
            var pixels = change.Tile.Width * change.Tile.Height;
            yield return $"frame {change.Frame}: {change.ChangedPixels} of {pixels} pixels changed ({100.0 * change.ChangedPixels / pixels:0.#}%)";
        }
        if (check.Layout.Status == SnapshotStatus.Missing) yield return $"no layout snapshot: {Path.GetFileName(check.Layout.VerifiedPath)}";
        else if (check.Layout.Status == SnapshotStatus.Changed && check.Layout.Detail is { } layout) yield return layout;
    }

    public const string RemovedDetail = "a snapshot without a figure: the figure was removed or renamed";
}

/// <summary>
/// What the CI reports say besides the results: the name of the figures (the file's name, or the test suite's), the
/// folder their paths are relative to (where the command runs), and the command that accepts the changes.
/// </summary>
public sealed record ReportContext(string Suite, string WorkingDirectory, string AcceptCommand)
{
    /// <summary>The command that removes the snapshots of removed figures, when accepting does not.</summary>
    public string RemoveCommand { get; init; } = AcceptCommand;

    /// <summary>A path as CI systems look for it: relative to the working directory, with forward slashes.</summary>
    public string Relative(string path) => Path.GetRelativePath(WorkingDirectory, path).Replace('\\', '/');
}
