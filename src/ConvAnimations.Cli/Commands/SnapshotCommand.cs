using System.CommandLine;
using ConvAnimations.Snapshots;

namespace ConvAnimations.Cli.Commands;

internal static class SnapshotCommand
{
    public static Command Create()
    {
        var file = CommandParts.FileArgument();
        var snapshots = CommandParts.SnapshotsOption();
        var only = CommandParts.OnlyOption();
        var command = new Command("snapshot", "Write (accept) the snapshots of every figure, and remove those of figures no longer in the file.") { file, snapshots, only };
        return command.WithAction((result, terminal) =>
        {
            var directory = result.GetRequiredValue(snapshots);
            if (terminal.Load(result.GetRequiredValue(file)) is not { } figures) return ConvanimCommand.Failure;
            var selected = CommandParts.Selected(figures, result.GetValue(only));
            UserPaths.WritableFolder(directory, "--snapshots");
            foreach (var figure in selected) SnapshotStore.Accept(figure, directory);
            terminal.Out.WriteLine($"{selected.Count} snapshots written to {directory}");
            // Accepting every figure accepts the removed ones too: their snapshots go (with --only, others are kept).
            if (selected.Count < figures.Figures.Count) return ConvanimCommand.Success;
            foreach (var name in SnapshotStore.VerifiedNames(directory).Except(figures.Figures.Select(f => f.Name)))
            {
                SnapshotStore.Remove(directory, name);
                terminal.Out.WriteLine($"removed the snapshots of {name}, no longer in {figures.Path}");
            }
            return ConvanimCommand.Success;
        });
    }
}
