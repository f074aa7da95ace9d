using System.CommandLine;
using ConvAnimations.Cli.Commands;

namespace ConvAnimations.Cli;

public static class Program
{
    public static Task<int> Main(string[] args) =>
        ConvanimCommand.InvokeAsync(args, Console.Out, Console.Error, new InvocationConfiguration
        {
            // `render` handles Ctrl-C itself (finished files stay, unfinished ones are removed): no grace timeout here.
            ProcessTerminationTimeout = null,
        });
}
