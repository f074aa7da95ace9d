using System.CommandLine;
using ConvAnimations.Layout;
using ConvAnimations.Snapshots;

namespace ConvAnimations.Cli.Commands;

internal static class SnapshotCommand
{
    public static Command Create()
    {
        var file = CommandParts.FileArgument();
        var snapshots = CommandParts.SnapshotsOption();
        var only = CommandParts.OnlyOption();
        var command = new Command("snapshot", "Write (accept) the snapshots of every figure.") { file, snapshots, only };
        return command.WithAction((result, terminal) =>
        {
            var directory = result.GetRequiredValue(snapshots);
            if (terminal.Load(result.GetRequiredValue(file)) is not { } figures) return ConvanimCommand.Failure;
            var selected = CommandParts.Selected(figures, result.GetValue(only));
            UserPaths.WritableFolder(directory, "--snapshots");
            foreach (var figure in selected) SnapshotStore.Accept(Layouter.Layout(figure), directory);
            terminal.Out.WriteLine($"{selected.Count} snapshots written to {directory}");
            return ConvanimCommand.Success;
        });
    }
}
