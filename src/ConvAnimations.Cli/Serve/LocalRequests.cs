using Microsoft.AspNetCore.Http;

namespace ConvAnimations.Cli.Serve;

/// <summary>
/// `serve` answers only requests that name it: Host 127.0.0.1, localhost or [::1] with the port they came in on,
/// else 400. A page of another name that its owner resolves to 127.0.0.1 (DNS rebinding) would otherwise be
/// same-origin with the server and read its state and every file it serves. Every response forbids MIME sniffing
/// and being framed (a figure's player: but by the server's own page); a file of the output folder (which may come from anywhere, a cloned repository) is sandboxed, so
/// an HTML or SVG file in it runs no script in the server's origin.
/// </summary>
internal static class LocalRequests
{
    private static readonly string[] Names = ["127.0.0.1", "localhost", "[::1]"];

    public static Task Guard(HttpContext context, RequestDelegate next)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        // A figure's player is framed by the server's own page, and by no other.
        var player = context.Request.Path.StartsWithSegments("/figures") && context.Request.Path.Value!.EndsWith("/player.html", StringComparison.Ordinal);
        headers.XFrameOptions = player ? "SAMEORIGIN" : "DENY";
        headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/files") ? "sandbox; frame-ancestors 'none'" : player ? "frame-ancestors 'self'" : "frame-ancestors 'none'";
        headers["Referrer-Policy"] = "no-referrer";
        if (IsLocal(context)) return next(context);
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        var port = context.Connection.LocalPort;
        return context.Response.WriteAsync($"this server answers only to http://127.0.0.1:{port}/ and http://localhost:{port}/\n");
    }

    private static bool IsLocal(HttpContext context)
    {
        var host = context.Request.Host;
        return host.HasValue && Names.Contains(host.Host, StringComparer.OrdinalIgnoreCase) && (host.Port ?? 80) == context.Connection.LocalPort;
    }
}
