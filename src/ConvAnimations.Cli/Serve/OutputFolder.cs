using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;

namespace ConvAnimations.Cli.Serve;

/// <summary>
/// The output folder as `serve` shows it under /files/: read only, and only its regular files whose path, with every
/// symbolic link along it followed, lies inside the folder (git stores links, so a cloned repository's output/ may
/// carry one to anywhere).
/// </summary>
internal sealed class OutputFolder(string directory)
{
    /// <summary>As many links as Linux follows in one path before it gives up (ELOOP).</summary>
    private const int MaxLinks = 40;

    private static readonly FileExtensionContentTypeProvider Types = new();

    private readonly string _root = Path.GetFullPath(directory);

    public IResult Serve(string relative)
    {
        // The route keeps an encoded slash encoded; decoded here so "..%2F" is seen for what it is. A decoded NUL
        // (%2500) or any other control character names no file of ours.
        var decoded = Uri.UnescapeDataString(relative);
        if (decoded.Any(char.IsControl)) return Results.BadRequest("a control character in the path");
        var full = Path.GetFullPath(Path.Combine(_root, decoded));
        if (!full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal)) return Results.BadRequest("outside the output folder");
        // Resolved at each request: the folder may be made, or replaced by a link, while the server runs.
        if (Resolve(_root) is not { } root || Resolve(full) is not { } real || !real.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal)) return Results.NotFound();
        // A folder is no file; a named pipe or a device reports no length and is never opened (a pipe would hold the
        // request until something writes into it). Nothing the tool writes is empty.
        var file = new FileInfo(real);
        if (!file.Exists || file.Length == 0) return Results.NotFound();
        return Results.File(real, Types.TryGetContentType(real, out var type) ? type : "application/octet-stream", enableRangeProcessing: true);
    }

    /// <summary>An absolute path with every symbolic link along it followed, as realpath(3) gives it; null for a loop.</summary>
    internal static string? Resolve(string path)
    {
        var pending = new Stack<string>(path.Split(Path.DirectorySeparatorChar).Reverse());
        var resolved = Path.GetPathRoot(path)!;
        var links = 0;
        while (pending.TryPop(out var part))
        {
            if (part is "" or ".") continue;
            if (part == "..")
            {
                resolved = Path.GetDirectoryName(resolved) ?? resolved;
                continue;
            }
            var next = Path.Join(resolved, part);
            string? target;
            try
            {
                target = new FileInfo(next).LinkTarget;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null;
            }
            if (target is null)
            {
                resolved = next;
                continue;
            }
            if (++links > MaxLinks) return null;
            if (Path.IsPathRooted(target)) resolved = Path.GetPathRoot(target)!;
            foreach (var step in target.Split(Path.DirectorySeparatorChar).Reverse()) pending.Push(step);
        }
        return resolved;
    }
}
