using System.CommandLine;
using ConvAnimations.Spec;
using ConvAnimations.Writers;

namespace ConvAnimations.Cli.Commands;

/// <summary>`embed`: a paste-ready snippet for the files a render wrote of one figure.</summary>
internal static class EmbedCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("NAME") { Description = "the figure" };
        var file = CommandParts.FileOption();
        var outDir = new Option<string>("--out", "-o")
        {
            Description = "the folder the figure was rendered into (default output); the snippet's paths are relative to the current folder, where the page is",
            HelpName = "DIR",
            DefaultValueFactory = _ => "output",
        };
        var kind = new Option<string>("--as")
        {
            Description = "html: the interactive player in an <iframe> (or the animated SVG, or the GIF, in an <img>); markdown: the animated SVG (or the GIF) " +
                          "as an image; latex: \\includegraphics of the panels' PDF (or the first frame's)",
            HelpName = "html|markdown|latex",
            DefaultValueFactory = _ => "html",
        };
        kind.AcceptOnlyFromAmong(Words<EmbedAs>.Names.ToArray());
        var inline = new Option<bool>("--inline") { Description = "with --as html: the player itself, to paste into the page's HTML (its style and script go with it and touch nothing else)" };
        var command = new Command("embed", "Print a snippet that puts a rendered figure in a web page, a Markdown page or a LaTeX document, with its alt text.")
        {
            name, file, outDir, kind, inline,
        };
        command.Validators.Add(result =>
        {
            if (result.GetResult(inline) is { Implicit: false } && result.GetResult(kind) is { Implicit: false } given && given.GetValueOrDefault<string>() != "html")
            {
                result.AddError("--inline goes with --as html: it prints the player's HTML");
            }
        });
        return command.WithAction((result, terminal) =>
        {
            if (terminal.Load(result.GetRequiredValue(file)) is not { } figures) return ConvanimCommand.Failure;
            var figure = CommandParts.Find(figures, result.GetRequiredValue(name));
            if (result.GetValue(inline))
            {
                terminal.Out.Write(Embedding.Inline(figure));
                return ConvanimCommand.Success;
            }
            var snippet = Embedding.Of(figure, Words<EmbedAs>.Parse(result.GetRequiredValue(kind))!.Value, result.GetRequiredValue(outDir), Directory.GetCurrentDirectory());
            if (snippet.Text is null)
            {
                terminal.Error.WriteLine($"convanim embed: {snippet.Missing}");
                return ConvanimCommand.Failure;
            }
            terminal.Out.WriteLine(snippet.Text);
            return ConvanimCommand.Success;
        });
    }
}
