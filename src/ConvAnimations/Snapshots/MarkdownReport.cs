using System.Text;
using ConvAnimations.Pipeline;

namespace ConvAnimations.Snapshots;

/// <summary>
/// The Markdown summary of a check, for GitHub's job summary or a merge-request comment: a table of every figure
/// (changed, added, removed, unchanged) and, for each change, its expected, actual and diff images. The images go
/// into a folder of their own beside the file (<c>NAME-images/</c>, a <see cref="ReportFolder"/>) and are linked
/// relatively, so the file and its folder uploaded together display them.
/// </summary>
public static class MarkdownReport
{
    /// <summary>The frames shown of one figure; the HTML report and the received and diff sheets show them all.</summary>
    public const int MaxFramesShown = 12;

    /// <summary>The folder of the images of the report <paramref name="path"/>: beside it, named after it.</summary>
    public static string ImagesFolder(string path) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, $"{Path.GetFileNameWithoutExtension(path)}-images");

    /// <summary>Why the report cannot be written to <paramref name="path"/>, or null: checked before any work.</summary>
    public static string? Refusal(string path) =>
        Directory.Exists(path) ? $"{path} is a folder: the Markdown report is a file (its images go into a folder beside it)"
        : ReportFolder.Refusal(ImagesFolder(path));

    public static void Write(string path, CheckResults results, ReportContext context)
    {
        var folder = ReportFolder.Open(ImagesFolder(path));
        var images = Path.GetFileName(folder.Path);
        var text = new StringBuilder();
        var counts = Enum.GetValues<FigureOutcome>().Where(o => results.Count(o) > 0).Select(o => $"{results.Count(o)} {Word(o)}");
        text.Append($"## Snapshots of {Code(context.Suite)}: {string.Join(", ", counts.DefaultIfEmpty("no figures"))}\n\n");
        if (results.Differences > 0) text.Append($"Accept the changes with {Code(context.AcceptCommand)}.");
        if (results.Removed.Count > 0 && context.RemoveCommand != context.AcceptCommand) text.Append($" Remove the snapshots of removed figures with {Code(context.RemoveCommand)}.");
        if (results.Differences > 0) text.Append("\n\n");
        var differences = results.Figures.Where(f => !f.IsUnchanged).Select(f => (f.Name, f.Outcome, Detail: CheckResults.Brief(f)))
            .Concat(results.Removed.Select(name => (Name: name, Outcome: FigureOutcome.Removed, Detail: CheckResults.RemovedDetail))).ToList();
        if (differences.Count > 0)
        {
            text.Append("| figure | result | what changed |\n|---|---|---|\n");
            foreach (var (name, outcome, detail) in differences) text.Append($"| {Link(name, outcome)} | {Word(outcome)} | {Cell(detail)} |\n");
            text.Append('\n');
        }
        // The unchanged figures folded away, so the changes come first on the page.
        var unchanged = results.Figures.Where(f => f.IsUnchanged).ToList();
        if (unchanged.Count > 0)
        {
            text.Append($"<details><summary>{unchanged.Count} unchanged</summary>\n\n| figure | result |\n|---|---|\n");
            foreach (var check in unchanged) text.Append($"| {Code(check.Name)} | {Word(FigureOutcome.Unchanged)} |\n");
            text.Append("\n</details>\n");
        }
        foreach (var check in results.Figures.Where(f => !f.IsUnchanged))
        {
            text.Append($"\n### {Code(check.Name)}: {Word(check.Outcome)}\n\n");
            foreach (var line in CheckResults.Details(check)) text.Append($"- {Cell(line)}\n");
            var pictures = ReportPictures.Write(check, folder, MaxFramesShown);
            if (pictures.Count > 0)
            {
                text.Append($"\n| | {string.Join(" | ", pictures[0].Pictures.Select(p => p.Label))} |\n|---|{string.Concat(pictures[0].Pictures.Select(_ => "---|"))}\n");
                foreach (var row in pictures)
                {
                    var cells = row.Pictures.Select(p => p.File is null ? "none" : $"![{p.Label}, {row.Title}]({Uri.EscapeDataString(images)}/{Uri.EscapeDataString(p.File)})");
                    text.Append($"| {row.Title} | {string.Join(" | ", cells)} |\n");
                }
            }
            var more = check.Frames.Changes.Count - MaxFramesShown;
            if (more > 0 && check.Frames.Changes.All(c => c.ChangedPixels >= 0))
            {
                text.Append($"\nand {more} more changed frames: {Code(context.Relative(check.Frames.ReceivedPath))} and {Code(context.Relative(check.Frames.DiffPath))} show every frame.\n");
            }
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        OutputFiles.WriteAtomically(path, text.ToString());
    }

    private static string Word(FigureOutcome outcome) => outcome.ToString().ToLowerInvariant();

    // GitHub's heading anchors: lower case, punctuation but '-' and '_' dropped, spaces as '-'.
    private static string Link(string name, FigureOutcome outcome) =>
        outcome is FigureOutcome.Changed or FigureOutcome.Added
            ? $"[{Code(name)}](#{new string($"{name}: {Word(outcome)}".ToLowerInvariant().Where(c => char.IsLetterOrDigit(c) || c is '-' or '_' or ' ').ToArray()).Replace(' ', '-')})"
            : Code(name);

    private static string Code(string text) => $"`{text.Replace("`", "'", StringComparison.Ordinal)}`";

    /// <summary>Text safe in a table cell or list item: no HTML, no column breaks, one line.</summary>
    private static string Cell(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal)
            .Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
