using System.Diagnostics;

namespace ConvAnimations.Tests.Support;

public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr);

/// <summary>Runs programs for the end-to-end tests: the real convanim (built next to the tests), ffprobe.</summary>
public static class Processes
{
    public static string ConvanimDll => Path.Combine(AppContext.BaseDirectory, "convanim.dll");

    public static ProcessResult Convanim(string workingDirectory, params string[] args) =>
        Run("dotnet", [ConvanimDll, .. args], workingDirectory);

    public static ProcessResult Run(string program, IEnumerable<string> args, string? workingDirectory = null, IDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        if (environment is not null)
        {
            foreach (var (key, value) in environment) info.Environment[key] = value;
        }
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish");
        }
        return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>ffprobe's JSON for the first video stream and the format of a file.</summary>
    public static System.Text.Json.JsonElement Probe(string path)
    {
        var result = Run("ffprobe", ["-v", "error", "-count_frames", "-select_streams", "v:0", "-show_streams", "-show_format", "-of", "json", path]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        return System.Text.Json.JsonDocument.Parse(result.Stdout).RootElement;
    }
}
