using System.CommandLine;
using ConvAnimations.Pipeline;

using ConvAnimations.Cli.Assets;

namespace ConvAnimations.Cli.Commands;

/// <summary>
/// `init`: a commented starter file with one figure of each kind, and the schema beside it that its first line names
/// for the editors' YAML language server.
/// </summary>
internal static class InitCommand
{
    public const string SchemaFileName = "figures.schema.json";

    public static Command Create()
    {
        var file = CommandParts.FileArgument("the file to write");
        var force = new Option<bool>("--force") { Description = "overwrite FILE when it exists" };
        var command = new Command("init", $"Write a commented starter figures file (one figure of each kind) and {SchemaFileName} beside it.") { file, force };
        return command.WithAction((result, terminal) =>
        {
            var path = result.GetRequiredValue(file);
            if (File.Exists(path) && !result.GetValue(force))
            {
                terminal.Error.WriteLine($"convanim init: {path} exists; nothing was written (--force overwrites it)");
                return ConvanimCommand.Failure;
            }
            // The folder is made when missing (a new project's); a file there is written whole or not at all.
            var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
            Directory.CreateDirectory(directory);
            UserPaths.WriteFile(path, null, p => OutputFiles.WriteAtomically(p, Resources.Read("starter.yaml")));
            // An existing schema may be newer or the user's own: it is left alone.
            var schema = Path.Combine(directory, SchemaFileName);
            if (!File.Exists(schema)) UserPaths.WriteFile(schema, null, p => OutputFiles.WriteAtomically(p, Resources.Read(SchemaFileName)));
            terminal.Out.WriteLine($"wrote {path} (and {SchemaFileName} beside it for editors); next: convanim serve {path}");
            return ConvanimCommand.Success;
        });
    }
}
