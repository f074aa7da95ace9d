using System.CommandLine;

namespace ConvAnimations.Cli.Commands;

/// <summary>
/// The tool's command line: every command, its generated help, --version, typo suggestions, and the exit codes
/// (0 success, 1 a figure or the file failed, 2 a usage error). Output goes to the writers given, so tests run it
/// in-process.
/// </summary>
public static class ConvanimCommand
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int Usage = 2;

    public static RootCommand Create() =>
        new("Renders the figures of Dumoulin & Visin's \"A guide to convolution arithmetic for deep learning\" from a YAML file.")
        {
            RenderCommand.Create(),
            ServeCommand.Create(),
            ListCommand.Create(),
            ValidateCommand.Create(),
            ExplainCommand.Create(),
            FrameCommand.Create(),
            InitCommand.Create(),
            CheckCommand.Create(),
            SnapshotCommand.Create(),
            BenchFloorCommand.Create(),
            EmbedCommand.Create(),
        };

    public static async Task<int> InvokeAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellation = default)
    {
        var parsed = Create().Parse(args);
        // `render` and `serve` handle Ctrl-C themselves (finished files stay; the web host stops): no grace timeout here.
        var invocation = new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null };
        var code = await parsed.InvokeAsync(invocation, cancellation);
        // System.CommandLine answers a parse error with 1; usage errors have always been 2 here.
        return parsed.Errors.Count > 0 ? Usage : code;
    }
}
