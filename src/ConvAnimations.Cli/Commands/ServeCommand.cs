using System.CommandLine;
using ConvAnimations.Cli.Serve;
using ConvAnimations.Pipeline;

namespace ConvAnimations.Cli.Commands;

internal static class ServeCommand
{
    public const int DefaultPort = 8000;

    public static Command Create()
    {
        var file = CommandParts.FileArgument();
        var port = new Option<int>("--port", "-p") { Description = "the port on 127.0.0.1 (0: any free port)", HelpName = "N", DefaultValueFactory = _ => DefaultPort }
            .InRange(0, 65535);
        var outDir = new Option<string>("--out", "-o") { Description = "the folder of rendered files the page links to (read only)", HelpName = "DIR", DefaultValueFactory = _ => "output" }.IsPath();
        var command = new Command("serve", "A live preview in the browser: every figure with a frame scrubber and its arithmetic; the page follows every save of FILE.")
        {
            file, port, outDir,
        };
        return command.WithAction(async (result, terminal, cancellation) =>
        {
            var path = result.GetRequiredValue(file);
            if (!File.Exists(path))
            {
                terminal.Error.WriteLine($"{path}: error: no such file (convanim init {path} writes a starter file)");
                return ConvanimCommand.Failure;
            }
            try
            {
                await using var server = await PreviewServer.StartAsync(path, result.GetValue(port), result.GetRequiredValue(outDir), terminal.Out, cancellation);
                var current = server.Current;
                terminal.Out.WriteLine($"serving {path} at {server.Address} ({current.Figures.Count} figures{(current.Errors.Count > 0 ? $", {current.Errors.Count} error(s)" : "")}); Ctrl-C stops");
                foreach (var error in current.Errors) terminal.Error.WriteLine(error);
                // Ctrl-C and SIGTERM stop the host, and end the command as they end a render; a test stops it by cancellation.
                using var interruption = new Interruption();
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation, interruption.Token);
                await server.WaitForShutdownAsync(stop.Token);
                if (!interruption.Happened) return ConvanimCommand.Success;
                terminal.Error.WriteLine("convanim serve: interrupted; stopped serving");
                return Interruption.ExitCode;
            }
            catch (IOException e)
            {
                terminal.Error.WriteLine($"convanim serve: cannot listen on 127.0.0.1:{result.GetValue(port)}: {e.Message}");
                return ConvanimCommand.Failure;
            }
        });
    }
}
