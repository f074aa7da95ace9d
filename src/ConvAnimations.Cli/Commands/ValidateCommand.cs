using System.CommandLine;
using ConvAnimations.Spec;

namespace ConvAnimations.Cli.Commands;

internal static class ValidateCommand
{
    public static Command Create()
    {
        var file = CommandParts.FileArgument();
        var command = new Command("validate", "Check the file and print every problem with its file:line:column.") { file };
        return command.WithAction((result, terminal) =>
        {
            var path = result.GetRequiredValue(file);
            if (terminal.Load(path) is not { } figures) return ConvanimCommand.Failure;
            terminal.Out.WriteLine($"{path}: {Plural.Of(figures.Figures.Count, "figure")}, no problems");
            return ConvanimCommand.Success;
        });
    }
}
