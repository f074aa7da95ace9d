using System.CommandLine;
using System.Globalization;
using ConvAnimations.Spec;

namespace ConvAnimations.Cli.Commands;

internal static class ListCommand
{
    public static Command Create()
    {
        var file = CommandParts.FileArgument();
        var command = new Command("list", "A table of the figures: kind, sizes per axis, input and output (for a transposed figure its own i' -> o'), frames.")
        {
            file,
        };
        return command.WithAction((result, terminal) =>
        {
            if (terminal.Load(result.GetRequiredValue(file)) is not { } figures) return ConvanimCommand.Failure;
            string[] header = ["name", "kind", "input", "kernel", "stride", "padding", "dilation", "output", "frames"];
            var rows = figures.Figures.Select(f => new[]
            {
                // A composed figure's sizes are its first part's: its kind column says it is composed.
                f.Name, f.Compose is { } c ? Words<CompositionKind>.NameOf(c.Kind) : Figure.KindName(f.Kind), $"{f.AnimatedInput}", $"{f.Geometry.Kernel}", $"{f.Geometry.Stride}",
                $"{f.Geometry.Padding}", $"{f.Geometry.Dilation}", $"{f.AnimatedOutput}", f.FrameCount.ToString(CultureInfo.InvariantCulture),
            }).Prepend(header).ToList();
            var widths = header.Select((_, i) => rows.Max(r => r[i].Length)).ToArray();
            foreach (var row in rows) terminal.Out.WriteLine(string.Join("  ", row.Select((v, i) => v.PadRight(widths[i]))).TrimEnd());
            return ConvanimCommand.Success;
        });
    }
}
