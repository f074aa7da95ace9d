using System.CommandLine;
using ConvAnimations.Layout;
using ConvAnimations.Snapshots;

namespace ConvAnimations.Cli.Commands;

internal static class CheckCommand
{
    public static Command Create()
    {
        var file = CommandParts.FileArgument();
        var snapshots = CommandParts.SnapshotsOption();
        var report = new Option<string>("--report") { Description = "the folder of the HTML report", HelpName = "DIR", DefaultValueFactory = _ => Path.Combine("output", "check") }.IsPath();
        var only = CommandParts.OnlyOption();
        var command = new Command("check", "Compare every frame and layout with the snapshots; an HTML report of the changes (exit 1 if any).")
        {
            file, snapshots, report, only,
        };
        return command.WithAction((result, terminal) =>
        {
            var directory = result.GetRequiredValue(snapshots);
            if (terminal.Load(result.GetRequiredValue(file)) is not { } figures) return ConvanimCommand.Failure;
            if (CheckReport.Refusal(result.GetRequiredValue(report)) is { } refusal)
            {
                terminal.Error.WriteLine($"convanim: {refusal}");
                return ConvanimCommand.Failure;
            }
            UserPaths.WritableFolder(result.GetRequiredValue(report), "--report");
            var results = new List<FigureCheck>();
            foreach (var figure in CommandParts.Selected(figures, result.GetValue(only)))
            {
                var animation = Layouter.Layout(figure);
                var check = new FigureCheck(SnapshotStore.Check(animation, directory, writeMissing: false), SnapshotStore.CheckLayout(animation, directory, writeMissing: false));
                results.Add(check);
                terminal.Out.WriteLine(check.IsUnchanged ? $"unchanged  {figure.Name}" : $"CHANGED    {figure.Name}: {check.Summary}");
            }
            var written = CheckReport.Write(result.GetRequiredValue(report), results);
            var changed = results.Count(r => !r.IsUnchanged);
            terminal.Out.WriteLine($"{results.Count} figures: {results.Count - changed} unchanged, {changed} changed or missing; report: {written}");
            if (changed > 0) terminal.Out.WriteLine($"accept the changes with: convanim snapshot {figures.Path} --snapshots {directory}");
            return changed > 0 ? ConvanimCommand.Failure : ConvanimCommand.Success;
        });
    }
}
