using System.CommandLine;
using System.Diagnostics;
using ConvAnimations.Snapshots;

namespace ConvAnimations.Cli.Commands;

internal static class CheckCommand
{
    public static Command Create()
    {
        var file = CommandParts.FileArgument();
        var snapshots = CommandParts.SnapshotsOption();
        var report = new Option<string>("--report") { Description = "the folder of the HTML report", HelpName = "DIR", DefaultValueFactory = _ => Path.Combine("output", "check") }.IsPath();
        var junit = new Option<string?>("--junit") { Description = "also write a JUnit XML report, one test case a figure (for CI systems' test results)", HelpName = "FILE" }.IsPath();
        var markdown = new Option<string?>("--markdown") { Description = "also write a Markdown summary with the pictures of each change, in NAME-images/ beside FILE (for a job summary or a comment)", HelpName = "FILE" }.IsPath();
        var only = CommandParts.OnlyOption();
        var command = new Command("check", "Compare every frame and layout with the snapshots; an HTML report of the changes (exit 1 if any), and JUnit or Markdown reports for CI.")
        {
            file, snapshots, report, junit, markdown, only,
        };
        return command.WithAction((result, terminal) =>
        {
            var directory = result.GetRequiredValue(snapshots);
            if (terminal.Load(result.GetRequiredValue(file)) is not { } figures) return ConvanimCommand.Failure;
            var (junitFile, markdownFile) = (result.GetValue(junit), result.GetValue(markdown));
            var refusals = new[]
            {
                CheckReport.Refusal(result.GetRequiredValue(report)),
                junitFile is null ? null : JUnitReport.Refusal(junitFile),
                markdownFile is null ? null : MarkdownReport.Refusal(markdownFile),
            }.OfType<string>().ToList();
            foreach (var refusal in refusals) terminal.Error.WriteLine($"convanim: {refusal}");
            if (refusals.Count > 0) return ConvanimCommand.Failure;
            UserPaths.WritableFolder(result.GetRequiredValue(report), "--report");

            var checks = new List<FigureCheck>();
            var selected = CommandParts.Selected(figures, result.GetValue(only));
            foreach (var figure in selected)
            {
                var clock = Stopwatch.StartNew();
                var check = new FigureCheck(SnapshotStore.Check(figure, directory, writeMissing: false), SnapshotStore.CheckLayout(figure, directory, writeMissing: false))
                {
                    Duration = clock.Elapsed,
                };
                checks.Add(check);
                terminal.Out.WriteLine(check.IsUnchanged ? $"unchanged  {figure.Name}" : $"{(check.Outcome == FigureOutcome.Added ? "ADDED  " : "CHANGED")}    {figure.Name}: {check.Summary}");
            }
            // With --only the other snapshots belong to figures not looked at, not to removed ones.
            var removed = selected.Count < figures.Figures.Count ? [] : SnapshotStore.VerifiedNames(directory).Except(figures.Figures.Select(f => f.Name)).ToList();
            foreach (var name in removed) terminal.Out.WriteLine($"REMOVED    {name}: {CheckResults.RemovedDetail}");
            var results = new CheckResults(checks, removed);

            var accept = $"convanim snapshot {figures.Path} --snapshots {directory}";
            var context = new ReportContext(Path.GetFileName(figures.Path), Environment.CurrentDirectory, accept);
            var written = new List<string> { CheckReport.Write(result.GetRequiredValue(report), results) };
            if (junitFile is not null)
            {
                JUnitReport.Write(junitFile, results, context);
                written.Add(junitFile);
            }
            if (markdownFile is not null)
            {
                MarkdownReport.Write(markdownFile, results, context);
                written.Add(markdownFile);
            }
            var changed = checks.Count(c => !c.IsUnchanged);
            terminal.Out.WriteLine($"{checks.Count} figures: {checks.Count - changed} unchanged, {changed} changed or missing{(removed.Count > 0 ? $", {removed.Count} removed" : "")}; report{(written.Count > 1 ? "s" : "")}: {string.Join(", ", written)}");
            if (results.Differences > 0) terminal.Out.WriteLine($"accept the changes with: {accept}");
            return results.Differences > 0 ? ConvanimCommand.Failure : ConvanimCommand.Success;
        });
    }
}
