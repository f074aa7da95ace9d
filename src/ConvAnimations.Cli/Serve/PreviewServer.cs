using System.Globalization;
using System.Net;
using ConvAnimations.Cli.Assets;
using ConvAnimations.Spec;
using ConvAnimations.Writers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ConvAnimations.Cli.Serve;

/// <summary>
/// `serve`: the live preview on Kestrel, bound to 127.0.0.1 only and answering only requests that name it
/// (<see cref="LocalRequests"/>). The page (preview.html) reads /api/state, shows each figure's interactive player from
/// /figures/NAME/player.html (the page a render writes as NAME.html), links its frames at /figures/NAME/INDEX.png or
/// .svg (drawn in memory, at the width the page shows them), hears of every reload through server-sent events at
/// /events, and links the files a render wrote under /files/ (<see cref="OutputFolder"/>). Nothing is ever written.
/// </summary>
public sealed class PreviewServer : IAsyncDisposable
{
    /// <summary>How often the file is looked at: the page follows a save within about this plus one frame's drawing.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(150);

    private readonly WebApplication _app;
    private readonly PreviewState _state;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _following;

    private PreviewServer(WebApplication app, PreviewState state, Uri address, string path, TextWriter log)
    {
        (_app, _state, Address) = (app, state, address);
        _following = FollowAsync(path, log, _stop.Token);
    }

    public Uri Address { get; }

    public PreviewSnapshot Current => _state.Current;

    public static async Task<PreviewServer> StartAsync(string path, int port, string outputDirectory, TextWriter log, CancellationToken cancellation = default)
    {
        var state = new PreviewState(path);
        state.Reload();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        Map(app, state, Path.GetFileName(path), Path.GetFullPath(outputDirectory));
        try
        {
            await app.StartAsync(cancellation);
        }
        catch
        {
            // A port in use: nothing may stay open behind the error.
            await app.DisposeAsync();
            state.Dispose();
            throw;
        }
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new PreviewServer(app, state, new Uri(bound + "/"), path, log);
    }

    private static void Map(WebApplication app, PreviewState state, string fileName, string output)
    {
        var page = Resources.Read("preview.html");
        var files = new OutputFolder(output);
        app.Use(LocalRequests.Guard);
        app.MapGet("/", () => Results.Content(page, "text/html; charset=utf-8"));
        app.MapGet("/api/state", () => Results.Json(Describe(state.Current, fileName, output)));
        app.MapGet("/figures/{name}/{frame}", (string name, string frame, string? width) => Frame(state, name, frame, width));
        app.MapGet("/events", Events);
        app.MapGet("/files/{**path}", (string? path) => files.Serve(path ?? ""));

        async Task Events(HttpContext context)
        {
            context.Response.ContentType = "text/event-stream";
            context.Response.Headers.CacheControl = "no-cache";
            // The stream ends when the page goes or the server stops, so stopping never waits for an open page.
            using var end = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, app.Lifetime.ApplicationStopping);
            try
            {
                while (true)
                {
                    var changed = state.Changed;
                    await context.Response.WriteAsync($"data: {state.Current.Generation}\n\n", end.Token);
                    await context.Response.Body.FlushAsync(end.Token);
                    // A comment now and then keeps the browser from dropping an idle stream.
                    while (await Task.WhenAny(changed, Task.Delay(TimeSpan.FromSeconds(15), end.Token)) != changed)
                    {
                        end.Token.ThrowIfCancellationRequested();
                        await context.Response.WriteAsync(": idle\n\n", end.Token);
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private static object Describe(PreviewSnapshot snapshot, string fileName, string output) => new
    {
        file = fileName,
        generation = snapshot.Generation,
        errors = snapshot.Errors,
        figures = snapshot.Figures.Select(f => new
        {
            name = f.Figure.Name,
            title = f.Figure.Title,
            kind = f.Figure.Kind.Name,
            frames = f.Figure.FrameCount,
            frameMs = f.Figure.FrameMs,
            width = f.Width,
            height = f.Height,
            key = f.Key,
            revision = f.Revision,
            explain = f.Explanation,
            alt = f.Alt,
            playerWidth = f.PlayerSize.Width,
            playerHeight = f.PlayerSize.Height,
            files = f.FilesIn(output),
        }),
    };

    /// <param name="width">How wide the page shows the frame, in device pixels: it is drawn at least that wide, not larger than its own size.</param>
    private static IResult Frame(PreviewState state, string name, string file, string? width)
    {
        if (state.Current.Find(name) is not { } figure) return Results.NotFound($"no figure named '{name}'");
        // The same player a render writes as NAME.html.
        if (file == "player.html") return figure.Player() is { } player ? Results.Content(player, "text/html; charset=utf-8") : Results.NotFound("the figure changed");
        var format = Path.GetExtension(file) switch { ".png" => StillFormat.Png, ".svg" => StillFormat.Svg, _ => null };
        if (format is null) return Results.BadRequest("a frame is INDEX.png or INDEX.svg; the player is player.html");
        if (!int.TryParse(Path.GetFileNameWithoutExtension(file), NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= figure.Figure.FrameCount)
        {
            return Results.BadRequest($"'{name}' has frames 0 to {figure.Figure.FrameCount - 1}");
        }
        int? shown = null;
        if (width is not null)
        {
            if (!int.TryParse(width, NumberStyles.None, CultureInfo.InvariantCulture, out var w) || w < 1) return Results.BadRequest("width is a whole number of pixels from 1");
            shown = w;
        }
        // Replaced by a reload while this request ran: the newer version's frame, which the page asks for next anyway.
        var bytes = figure.Frame(format, index, shown) ?? (state.Current.Find(name) is { } newer && index < newer.Figure.FrameCount ? newer.Frame(format, index, shown) : null);
        if (bytes is null) return Results.NotFound("the figure changed");
        return Results.File(bytes, format == StillFormat.Png ? "image/png" : "image/svg+xml");
    }

    /// <summary>Reloads the file whenever its time or size changes (editors save in place or by renaming).</summary>
    private async Task FollowAsync(string path, TextWriter log, CancellationToken stop)
    {
        var seen = Stamp(path);
        using var timer = new PeriodicTimer(PollInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var now = Stamp(path);
                if (now == seen) continue;
                seen = now;
                var built = _state.Reload();
                var snapshot = _state.Current;
                log.WriteLine(snapshot.Errors.Count > 0
                    ? $"{path}: {snapshot.Errors.Count} error(s); the page keeps the last good figures"
                    : $"{path}: {built} figure(s) changed, {snapshot.Figures.Count - built} unchanged");
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static (DateTime, long) Stamp(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? (info.LastWriteTimeUtc, info.Length) : default;
    }

    /// <summary>Completes when the host stops (Ctrl-C, SIGTERM) or, on cancellation, stops it.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellation) => _app.WaitForShutdownAsync(cancellation);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _following;
        await _app.StopAsync();
        await _app.DisposeAsync();
        _state.Dispose();
        _stop.Dispose();
    }
}
