using System.CommandLine;
using System.CommandLine.Parsing;
using ConvAnimations.Pipeline;

namespace ConvAnimations.Cli.Commands;

/// <summary>
/// The paths a user gives, checked before any work: an empty path (or one with a NUL) is a usage error; a file to
/// write needs an existing folder and must not be a folder; a failure to write names the path the user gave and why,
/// never a temporary's name or a stack trace.
/// </summary>
internal static class UserPaths
{
    /// <summary>A path option that must name something: <c>--out ""</c> is a usage error.</summary>
    public static Option<T> IsPath<T>(this Option<T> option)
    {
        option.Validators.Add(result => Check(result, option.Name));
        return option;
    }

    /// <summary>A path argument that must name something: <c>validate ""</c> is a usage error.</summary>
    public static Argument<T> IsPath<T>(this Argument<T> argument)
    {
        argument.Validators.Add(result => Check(result, argument.Name));
        return argument;
    }

    private static void Check(SymbolResult result, string name)
    {
        foreach (var token in result.Tokens)
        {
            if (token.Value.Trim().Length == 0) result.AddError($"{name}: an empty path names no file or folder");
            else if (token.Value.Contains('\0')) result.AddError($"{name}: a path cannot hold a NUL character");
        }
    }

    /// <summary>
    /// Writes the file <paramref name="path"/> (given with the option <paramref name="option"/>, if any) with
    /// <paramref name="write"/>, after checking that its folder exists and that it is no folder; a failure is an
    /// <see cref="IOException"/> that says so.
    /// </summary>
    public static void WriteFile(string path, string? option, Action<string> write)
    {
        var named = option is null ? path : $"{option} {path}";
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (Directory.Exists(path)) throw new IOException($"{named}: is a folder; give the path of a file");
        if (!Directory.Exists(folder)) throw new IOException($"{named}: there is no folder {folder} (mistyped?)");
        try
        {
            write(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"{named}: cannot write it: {Reason(e)}", e);
        }
    }

    /// <summary>A folder to write into (given with <paramref name="option"/>): made when missing and proved writable, before any work.</summary>
    public static void WritableFolder(string directory, string option)
    {
        if (File.Exists(directory)) throw new IOException($"{option} {directory}: is a file; give a folder");
        try
        {
            OutputFiles.PrepareDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"{option} {directory}: cannot write into it: {Reason(e.InnerException ?? e)}", e);
        }
    }

    /// <summary>Why a file could not be written, in words that do not name the temporary it was written to first.</summary>
    public static string Reason(Exception e) => e switch
    {
        UnauthorizedAccessException => "permission denied",
        FileNotFoundException or DirectoryNotFoundException => "the folder does not take new files (a system folder?)",
        _ => e.Message,
    };
}
