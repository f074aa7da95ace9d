using ConvAnimations.Cli.Commands;

namespace ConvAnimations.Cli;

public static class Program
{
    public static Task<int> Main(string[] args) => ConvanimCommand.InvokeAsync(args, Console.Out, Console.Error);
}
