using System.Net;
using System.Text;
using ConvAnimations.Pipeline;
using SkiaSharp;

namespace ConvAnimations.Snapshots;

/// <summary>The check of one figure: its frames and its layout against their snapshots.</summary>
public sealed record FigureCheck(SnapshotResult Frames, SnapshotResult Layout)
{
    public string Name => Frames.Name;

    public bool IsUnchanged => Frames.Status == SnapshotStatus.Matched && Layout.Status == SnapshotStatus.Matched;

    public string Summary => string.Join("; ", new[] { Frames, Layout }.Where(r => r.Status != SnapshotStatus.Matched).Select(CheckReport.Summary));
}

/// <summary>
/// The HTML report of <c>check</c>: for each changed frame its expected, actual and diff images side by side, cut
/// from the sheets into the report's folder so the page works from the file system.
/// </summary>
public static class CheckReport
{
    public static string Write(string directory, IReadOnlyList<FigureCheck> results)
    {
        Directory.CreateDirectory(directory);
        foreach (var old in Directory.EnumerateFiles(directory, "*.png")) File.Delete(old);
        var html = new StringBuilder();
        var changed = results.Where(r => !r.IsUnchanged).ToList();
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
            <p class="{{(changed.Count == 0 ? "ok" : "bad")}}">{{results.Count}} figures: {{results.Count - changed.Count}} unchanged, {{changed.Count}} changed or missing.</p>

            """);
        foreach (var check in changed)
        {
            html.Append($"<h2 id=\"{E(check.Name)}\">{E(check.Name)}</h2>\n<p class=\"summary\">{E(check.Summary)}</p>\n");
            var result = check.Frames;
            if (result.Status != SnapshotStatus.Changed) continue;
            using var expected = ImageComparer.Load(result.VerifiedPath);
            using var actual = ImageComparer.Load(result.ReceivedPath);
            using var diff = ImageComparer.Load(result.DiffPath);
            if (expected is null || actual is null || expected.Width != actual.Width || expected.Height != actual.Height)
            {
                // Frames of another size cannot be compared tile by tile: show both sheets whole.
                html.Append("<div class=\"row\">\n");
                foreach (var (label, sheet) in new[] { ("expected", expected), ("actual", actual) })
                {
                    if (sheet is null) continue;
                    var file = $"{result.Name}-{label}.png";
                    SnapshotStore.Save(sheet, Path.Combine(directory, file));
                    html.Append($"<div><img src=\"{Uri.EscapeDataString(file)}\" alt=\"{label}\">{label}</div>\n");
                }
                html.Append("</div>\n");
                continue;
            }
            foreach (var change in result.Changes)
            {
                html.Append($"<div class=\"row\"><h3>frame {change.Frame}</h3>\n");
                foreach (var (label, sheet) in new[] { ("expected", expected), ("actual", actual), ("diff", diff) })
                {
                    var file = $"{result.Name}-f{change.Frame:D4}-{label}.png";
                    if (sheet is not null && Crop(sheet, change.Tile) is { } tile)
                    {
                        using (tile) SnapshotStore.Save(tile, Path.Combine(directory, file));
                        html.Append($"<div><img src=\"{Uri.EscapeDataString(file)}\" alt=\"{label}\">{label}</div>\n");
                    }
                    else
                    {
                        html.Append($"<div>{label}: none</div>\n");
                    }
                }
                html.Append("</div>\n");
            }
        }
        html.Append("</body>\n</html>\n");
        var path = Path.Combine(directory, "index.html");
        OutputFiles.WriteAtomically(path, html.ToString());
        return path;
    }

    public static string Summary(SnapshotResult result) => result.Status switch
    {
        SnapshotStatus.Missing => result.Detail ?? "no snapshot",
        SnapshotStatus.Changed when result.Changes.Count == 0 => result.Detail ?? "changed",
        SnapshotStatus.Changed => $"frames {string.Join(", ", result.Changes.Select(c => c.Frame))} changed{(result.Detail is null ? "" : $" ({result.Detail})")}",
        SnapshotStatus.Written => "snapshot written",
        _ => "unchanged",
    };

    private static SKBitmap? Crop(SKBitmap sheet, SKRectI tile)
    {
        var bounds = SKRectI.Intersect(tile, new SKRectI(0, 0, sheet.Width, sheet.Height));
        if (bounds.IsEmpty) return null;
        var cropped = new SKBitmap(bounds.Width, bounds.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        return sheet.ExtractSubset(cropped, bounds) ? cropped : null;
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
