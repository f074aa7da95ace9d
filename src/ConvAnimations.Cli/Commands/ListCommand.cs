using System.CommandLine;
using System.Globalization;
using ConvAnimations.Spec;
using ConvAnimations.Views;

namespace ConvAnimations.Cli.Commands;

internal static class ListCommand
{
    public static Command Create()
    {
        var file = CommandParts.FileArgument();
        var command = new Command("list", "A table of the figures: kind and view, feature maps, sizes per axis, input and output (for a transposed figure its own i' -> o'), frames.")
        {
            file,
        };
        return command.WithAction((result, terminal) =>
        {
            if (terminal.Load(result.GetRequiredValue(file)) is not { } figures) return ConvanimCommand.Failure;
            string[] header = ["name", "kind", "maps", "input", "kernel", "stride", "padding", "dilation", "output", "frames"];
            var rows = figures.Figures.Select(p => p.Figure).Select(f => f.View.ForLayers ? ChainRow(f) : new[]
            {
                // A composed figure's sizes are its first part's: its kind column says it is composed.
                f.Name, KindOf(f), MapsOf(f.Channels), $"{f.AnimatedInput}", $"{f.Geometry.Kernel}", $"{f.Geometry.Stride}",
                f.Geometry.PaddingText, $"{f.Geometry.Dilation}", $"{f.AnimatedOutput}", FramesOf(f),
            }).Prepend(header).ToList();
            var widths = header.Select((_, i) => rows.Max(r => r[i].Length)).ToArray();
            foreach (var row in rows) terminal.Out.WriteLine(string.Join("  ", row.Select((v, i) => v.PadRight(widths[i]))).TrimEnd());
            return ConvanimCommand.Success;
        });
    }

    /// <summary>The kind, and the view when it is not the sliding kernel: "transposed (matrix)", "sequence".</summary>
    private static string KindOf(Figure figure) =>
        figure.Parts.Count > 0 ? figure.View.Name
        : figure.Kind.Name + (View.Of(figure).Named is { } view ? $" ({view})" : "");

    /// <summary>A chain of layers: its layers and view, its input and its last layer's output; each layer's operation is its own.</summary>
    private static string[] ChainRow(Figure f) =>
    [
        f.Name, $"{Plural.Of(f.Parts.Count, "layer")} ({f.View.Name})", MapsOf(f.Channels), $"{f.AnimatedInput}", "-", "-", "-", "-",
        $"{f.Parts[^1].AnimatedOutput}", FramesOf(f),
    ];

    /// <summary>The frames it shows: "9", or "6 of 36" when play: chose some.</summary>
    private static string FramesOf(Figure figure) =>
        figure.Play is { } play ? $"{play.Frames.Count.ToString(CultureInfo.InvariantCulture)} of {play.Of.ToString(CultureInfo.InvariantCulture)}" : figure.FrameCount.ToString(CultureInfo.InvariantCulture);

    /// <summary>Feature maps in and out, and the groups when there are several: "1 -> 1", "2 -> 3", "3 -> 3 in 3 groups".</summary>
    private static string MapsOf(Channels channels) =>
        $"{channels.In} -> {channels.Out}" + (channels.Groups > 1 ? $" in {channels.Groups} groups" : "");
}
