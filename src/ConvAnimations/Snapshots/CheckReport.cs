using System.Net;
using System.Text;

namespace ConvAnimations.Snapshots;

/// <summary>The check of one figure: its frames and its layout against their snapshots.</summary>
public sealed record FigureCheck(SnapshotResult Frames, SnapshotResult Layout)
{
    public string Name => Frames.Name;

    public bool IsUnchanged => Frames.Status == SnapshotStatus.Matched && Layout.Status == SnapshotStatus.Matched;

    /// <summary>Added when the figure has no snapshot at all (a new figure), changed when any part differs or is missing.</summary>
    public FigureOutcome Outcome =>
        IsUnchanged ? FigureOutcome.Unchanged
        : Frames.Status == SnapshotStatus.Missing && Layout.Status == SnapshotStatus.Missing ? FigureOutcome.Added
        : FigureOutcome.Changed;

    /// <summary>How long the check of this figure took (the JUnit report's time of its test case).</summary>
    public TimeSpan Duration { get; init; }

    public string Summary => string.Join("; ", new[] { Frames, Layout }.Where(r => r.Status != SnapshotStatus.Matched).Select(CheckReport.Summary));
}

/// <summary>
/// The HTML report of <c>check</c>: for each changed frame its expected, actual and diff images side by side, cut
/// from the sheets into the report's folder (a <see cref="ReportFolder"/>) so the page works from the file system.
/// </summary>
public static class CheckReport
{
    /// <summary>Why a report cannot be written into <paramref name="directory"/>, or null: checked before any work.</summary>
    public static string? Refusal(string directory) => ReportFolder.Refusal(directory);

    /// <summary>Writes the report; throws <see cref="IOException"/> when the folder holds anything but an earlier report.</summary>
    public static string Write(string directory, CheckResults results)
    {
        var folder = ReportFolder.Open(directory);
        var html = new StringBuilder();
        var changed = results.Figures.Where(r => !r.IsUnchanged).ToList();
        html.Append($$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>Snapshot check</title>
            <style>
              body { font-family: system-ui, sans-serif; margin: 2rem; color: #073642; }
              .row { display: flex; gap: 1rem; align-items: flex-start; margin-bottom: 1.5rem; }
              .row div { text-align: center; font-size: .85rem; }
              img { border: 1px solid #ccc; display: block; }
              .ok { color: #859900; } .bad { color: #dc322f; }
              .summary { font-family: ui-monospace, monospace; font-size: .85rem; }
            </style>
            </head>
            <body>
            <h1>Snapshot check</h1>
            <p class="{{(results.Differences == 0 ? "ok" : "bad")}}">{{results.Figures.Count}} figures: {{results.Figures.Count - changed.Count}} unchanged, {{changed.Count}} changed or missing{{(results.Removed.Count == 0 ? "" : $"; {results.Removed.Count} removed ({E(string.Join(", ", results.Removed))}): {CheckResults.RemovedDetail}")}}.</p>

            """);
        foreach (var check in changed)
        {
            html.Append($"<h2 id=\"{E(check.Name)}\">{E(check.Name)}</h2>\n<p class=\"summary\">{E(check.Summary)}</p>\n");
            foreach (var row in ReportPictures.Write(check, folder))
            {
                html.Append($"<div class=\"row\"><h3>{E(row.Title)}</h3>\n");
                foreach (var picture in row.Pictures)
                {
                    html.Append(picture.File is null
                        ? $"<div>{picture.Label}: none</div>\n"
                        : $"<div><img src=\"{Uri.EscapeDataString(picture.File)}\" alt=\"{picture.Label}\">{picture.Label}</div>\n");
                }
                html.Append("</div>\n");
            }
        }
        html.Append("</body>\n</html>\n");
        folder.Write("index.html", html.ToString());
        return Path.Combine(directory, "index.html");
    }

    public static string Summary(SnapshotResult result) => result.Status switch
    {
        SnapshotStatus.Missing => result.Detail ?? "no snapshot",
        SnapshotStatus.Changed when result.Changes.Count == 0 => result.Detail ?? "changed",
        SnapshotStatus.Changed => $"frames {string.Join(", ", result.Changes.Select(c => c.Frame))} changed{(result.Detail is null ? "" : $" ({result.Detail})")}",
        SnapshotStatus.Written => "snapshot written",
        _ => "unchanged",
    };

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
