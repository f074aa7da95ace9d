using System.CommandLine;
using ConvAnimations.Preparation;
using ConvAnimations.Spec;

namespace ConvAnimations.Cli.Commands;

/// <summary>A usage error found after parsing (an unknown figure, a frame out of range): exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>Where a command writes: the writers of the invocation, and whether standard output is a terminal.</summary>
public sealed record Terminal(TextWriter Out, TextWriter Error)
{
    public bool IsInteractive => ReferenceEquals(Out, Console.Out) && !Console.IsOutputRedirected;

    public static Terminal Of(ParseResult result) => new(result.InvocationConfiguration.Output, result.InvocationConfiguration.Error);

    /// <summary>
    /// Reads a figures file and checks it against the budget (what every command can complete); prints its warnings,
    /// and on any error prints them all and returns null.
    /// </summary>
    public LoadedFile? Load(string path)
    {
        var file = FigureLoader.Load(path);
        foreach (var warning in file.Warnings) Error.WriteLine(warning);
        if (file.IsValid) return file;
        foreach (var error in file.Errors) Error.WriteLine(error);
        Error.WriteLine($"{path}: {file.Errors.Count} error{(file.Errors.Count == 1 ? "" : "s")}; nothing was rendered or written");
        return null;
    }
}

/// <summary>The arguments and options several commands share, and the wrapper that turns a usage error into exit code 2.</summary>
internal static class CommandParts
{
    public const string DefaultFile = "figures.yaml";

    public static Argument<string> FileArgument(string description = "the figures file")
    {
        var argument = new Argument<string>("FILE") { Description = description, Arity = ArgumentArity.ZeroOrOne, DefaultValueFactory = _ => DefaultFile };
        // An optional positional would otherwise swallow a mistyped option (render --colour) as the file name.
        argument.Validators.Add(result =>
        {
            if (result.Tokens is [{ Value: ['-', ..] word }]) result.AddError($"unknown option '{word}'; see --help for the options");
        });
        return argument.IsPath();
    }

    public static Option<string> FileOption() => new Option<string>("--file", "-f")
    {
        Description = "the figures file",
        HelpName = "FILE",
        DefaultValueFactory = _ => DefaultFile,
    }.IsPath();

    public static Option<string[]> OnlyOption() => new("--only")
    {
        Description = "only these figures (each must exist)",
        HelpName = "NAME",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = true,
    };

    public static Option<int?> JobsOption(string description) =>
        new Option<int?>("--jobs", "-j") { Description = description, HelpName = "N" }.InRange(1, int.MaxValue);

    /// <summary>A whole-number option limited to a range; text that is no number at all is reported by the parser itself.</summary>
    public static Option<T> InRange<T>(this Option<T> option, int min, int max)
    {
        option.Validators.Add(result =>
        {
            if (result.Tokens is [.., var last] && int.TryParse(last.Value, out var n) && (n < min || n > max))
            {
                result.AddError($"{option.Name} takes a whole number {(max == int.MaxValue ? $"from {min}" : $"from {min} to {max}")}, not {n}");
            }
        });
        return option;
    }

    public static Option<string> SnapshotsOption() => new Option<string>("--snapshots")
    {
        Description = "the folder of the verified snapshots",
        HelpName = "DIR",
        Required = true,
    }.IsPath();

    /// <summary>The figure of that name, or a usage error that suggests the nearest name.</summary>
    public static PreparedFigure Find(LoadedFile file, string name) =>
        file.Find(name) ?? throw new UsageException($"no figure named '{name}' in {file.Path}{Suggestions.DidYouMean(name, file.Figures.Select(f => f.Name))}");

    /// <summary>The figures named by --only (each must exist), or all.</summary>
    public static IReadOnlyList<PreparedFigure> Selected(LoadedFile file, IReadOnlyList<string>? only)
    {
        if (only is not { Count: > 0 }) return file.Figures;
        foreach (var name in only) Find(file, name);
        return file.Figures.Where(f => only.Contains(f.Name)).ToList();
    }

    /// <summary>Sets a command's action; a <see cref="UsageException"/> becomes exit code 2 with a pointer to the help.</summary>
    public static Command WithAction(this Command command, Func<ParseResult, Terminal, CancellationToken, Task<int>> action)
    {
        command.SetAction(async (result, cancellation) =>
        {
            var terminal = Terminal.Of(result);
            try
            {
                return await action(result, terminal, cancellation);
            }
            catch (UsageException e)
            {
                terminal.Error.WriteLine($"convanim {command.Name}: {e.Message}");
                terminal.Error.WriteLine($"see: convanim {command.Name} --help");
                return ConvanimCommand.Usage;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A path the user gave that cannot be read or written (see UserPaths): said plainly, never a stack trace.
                terminal.Error.WriteLine($"convanim {command.Name}: {e.Message}");
                return ConvanimCommand.Failure;
            }
        });
        return command;
    }

    public static Command WithAction(this Command command, Func<ParseResult, Terminal, int> action) =>
        command.WithAction((result, terminal, _) => Task.FromResult(action(result, terminal)));
}
