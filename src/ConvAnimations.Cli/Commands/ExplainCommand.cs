using System.CommandLine;

namespace ConvAnimations.Cli.Commands;

internal static class ExplainCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("NAME") { Description = "the figure" };
        var file = CommandParts.FileOption();
        var json = new Option<bool>("--json") { Description = "print the figure's layout as JSON (grid, frames, taps, numbers)" };
        var pytorch = new Option<bool>("--pytorch") { Description = "print a PyTorch snippet that builds the same layer (and, for a numerical figure, checks its numbers)" };
        var alt = new Option<bool>("--alt") { Description = "print the figure's alt text: its alt: from the file, or the description written from its arithmetic" };
        var command = new Command("explain", "The arithmetic of one figure in words and formulas, with the guide's relationship.")
        {
            name, file, json, pytorch, alt,
        };
        command.Validators.Add(result =>
        {
            var given = new[] { (json, "--json"), (pytorch, "--pytorch"), (alt, "--alt") }.Where(o => result.GetValue(o.Item1)).Select(o => o.Item2).ToList();
            if (given.Count > 1) result.AddError($"{string.Join(" and ", given)} cannot be combined");
        });
        return command.WithAction((result, terminal) =>
        {
            if (terminal.Load(result.GetRequiredValue(file)) is not { } figures) return ConvanimCommand.Failure;
            var figure = CommandParts.Find(figures, result.GetRequiredValue(name));
            if (result.GetValue(pytorch))
            {
                terminal.Out.Write(figure.PyTorch(out var why) ?? throw new UsageException(why!));
                return ConvanimCommand.Success;
            }
            if (result.GetValue(alt))
            {
                terminal.Out.WriteLine(figure.Alt());
                return ConvanimCommand.Success;
            }
            terminal.Out.Write(result.GetValue(json) ? figure.Json() : figure.Describe());
            return ConvanimCommand.Success;
        });
    }
}
