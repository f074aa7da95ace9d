using System.CommandLine;
using ConvAnimations.Pipeline;
using ConvAnimations.Rendering;
using ConvAnimations.Spec;
using ConvAnimations.Writers;

namespace ConvAnimations.Cli.Commands;

internal static class FrameCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("NAME") { Description = "the figure" };
        var index = new Argument<int>("INDEX") { Description = "the frame, from 0" };
        var file = CommandParts.FileOption();
        var outPath = new Option<string?>("--out", "-o")
        {
            Description = $"the file to write; its extension ({string.Join(", ", OutputFormat.StillNames.Select(n => "." + n))}) decides the format (default NAME-INDEX.png)",
            HelpName = "FILE",
        }.IsPath();
        var command = new Command("frame", "Draw one frame of a figure as PNG, SVG, PDF or TikZ.") { name, index, file, outPath };
        return command.WithAction((result, terminal) =>
        {
            if (terminal.Load(result.GetRequiredValue(file)) is not { } figures) return ConvanimCommand.Failure;
            var figure = CommandParts.Find(figures, result.GetRequiredValue(name));
            var frame = result.GetValue(index);
            if (frame < 0 || frame >= figure.Figure.FrameCount) throw new UsageException($"frame INDEX must be from 0 to {figure.Figure.FrameCount - 1} for '{figure.Name}'");
            var path = result.GetValue(outPath) ?? $"{figure.Name}-{frame}.png";
            var extension = Path.GetExtension(path).TrimStart('.').ToLowerInvariant();
            if (OutputFormat.Parse(extension) is not { } format || FigureOutputs.WriterOf(format).Frame(path, frame) is not { } target)
            {
                throw new UsageException($"--out {path}: the file name must end in {string.Join(", ", OutputFormat.StillNames.Select(n => "." + n))}, which decides the format");
            }
            using var renderer = new SceneRenderer(figure.Scene);
            UserPaths.WriteFile(path, "--out", p => OutputFiles.WriteAtomically(p, stream => target.Write(stream, new Drawing(figure, renderer))));
            terminal.Out.WriteLine($"{path}: frame {frame} of {figure.Name}, {renderer.Size.Width}x{renderer.Size.Height}");
            return ConvanimCommand.Success;
        });
    }
}
