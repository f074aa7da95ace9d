using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace ConvAnimations.Tests.Support;

/// <summary>
/// A folder served over HTTP on 127.0.0.1 (HttpListener), every request recorded: pages that must fetch nothing are
/// checked where a browser would show every request they make, as a web server sees them.
/// </summary>
public sealed class StaticSite : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly string _root;
    private readonly Task _serving;

    public StaticSite(string root)
    {
        _root = Path.GetFullPath(root);
        var port = FreePort();
        Address = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Address.AbsoluteUri);
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public Uri Address { get; }

    /// <summary>The paths asked for, in order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            var path = Uri.UnescapeDataString(context.Request.Url!.AbsolutePath);
            Requests.Enqueue(path);
            var file = Path.GetFullPath(Path.Combine(_root, path.TrimStart('/')));
            using var response = context.Response;
            if (!file.StartsWith(_root, StringComparison.Ordinal) || !File.Exists(file))
            {
                response.StatusCode = 404;
                continue;
            }
            response.ContentType = Path.GetExtension(file) switch
            {
                ".html" => "text/html; charset=utf-8",
                ".svg" => "image/svg+xml",
                ".png" => "image/png",
                _ => "application/octet-stream",
            };
            var bytes = await File.ReadAllBytesAsync(file);
            await response.OutputStream.WriteAsync(bytes);
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _serving.Wait(TimeSpan.FromSeconds(5));
    }
}
