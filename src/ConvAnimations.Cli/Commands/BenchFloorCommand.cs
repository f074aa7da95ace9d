using System.CommandLine;
using System.Globalization;

namespace ConvAnimations.Cli.Commands;

internal static class BenchFloorCommand
{
    public static Command Create()
    {
        var file = CommandParts.FileArgument();
        var outDir = new Option<string>("--out", "-o") { Description = "the output folder", HelpName = "DIR", Required = true }.IsPath();
        var jobs = CommandParts.JobsOption("how many ffmpeg batches run at once (default: one per core)");
        var only = CommandParts.OnlyOption();
        var command = new Command("bench-floor", "Time ffmpeg alone encoding the figures from frames in memory (the floor of scripts/bench).")
        {
            file, outDir, jobs, only,
        };
        return command.WithAction(async (result, terminal, _) =>
        {
            if (terminal.Load(result.GetRequiredValue(file)) is not { } figures) return ConvanimCommand.Failure;
            var elapsed = await EncodingFloor.MeasureAsync(CommandParts.Selected(figures, result.GetValue(only)), result.GetRequiredValue(outDir),
                result.GetValue(jobs) ?? Environment.ProcessorCount);
            terminal.Out.WriteLine(elapsed.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture));
            return ConvanimCommand.Success;
        });
    }
}
