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
/// from the sheets into the report's folder so the page works from the file system. The folder is the report's own:
/// a new or empty one, or an earlier report's, whose files (listed in <see cref="ManifestName"/>) are all it removes.
/// </summary>
public static class CheckReport
{
    /// <summary>The files the last report wrote into its folder, one name a line: what the next one may remove.</summary>
    public const string ManifestName = ".convanim-report";

    /// <summary>Why a report cannot be written into <paramref name="directory"/>, or null: checked before any work.</summary>
    public static string? Refusal(string directory) =>
        File.Exists(directory) ? $"{directory} is a file: the report needs a folder of its own"
        : Directory.Exists(directory) && !File.Exists(Path.Combine(directory, ManifestName)) && Directory.EnumerateFileSystemEntries(directory).Any()
            ? $"{directory} holds files that are not a check report: the report needs a folder of its own (a new or empty one, or an earlier report's)"
            : null;

    /// <summary>Writes the report; throws <see cref="IOException"/> when the folder holds anything but an earlier report.</summary>
    public static string Write(string directory, IReadOnlyList<FigureCheck> results)
    {
        if (Refusal(directory) is { } refusal) throw new IOException(refusal);
        var manifest = Path.Combine(directory, ManifestName);
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        void Save(SKBitmap image, string file)
        {
            SnapshotStore.Save(image, Path.Combine(directory, file));
            written.Add(file);
        }
        // Only names the earlier report wrote, and only in its folder: a manifest edited by hand cannot reach out.
        var earlier = File.Exists(manifest) ? File.ReadAllLines(manifest) : [];
        foreach (var old in earlier.Where(n => n.Length > 0 && n == Path.GetFileName(n) && n is not "." and not "..")) OutputFiles.TryDelete(Path.Combine(directory, old));
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
                    Save(sheet, file);
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
                        using (tile) Save(tile, file);
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
        written.Add("index.html");
        OutputFiles.WriteAtomically(manifest, string.Join('\n', written) + "\n");
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
