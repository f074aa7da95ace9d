using ConvAnimations.Cli.Commands;
using ConvAnimations.Tests.Support;

namespace ConvAnimations.Tests.Cli;

/// <summary>The command line run in this process, its output caught in writers: the same parser and actions as the tool.</summary>
public static class InProcess
{
    public static ProcessResult Convanim(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = ConvanimCommand.InvokeAsync(args, output, error).GetAwaiter().GetResult();
        return new ProcessResult(code, output.ToString(), error.ToString());
    }
}
