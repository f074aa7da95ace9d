using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ConvAnimations.Tests.Support;

/// <summary>
/// Debian's chromium, headless, driven over the DevTools protocol: open a page, evaluate script in it, collect
/// console errors and failed loads, take a screenshot.
/// </summary>
public sealed partial class HeadlessChromium : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _profile;
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly CancellationTokenSource _stop = new();
    private TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _receiving = Task.CompletedTask;
    private int _nextId;

    private HeadlessChromium(Process process, string profile) => (_process, _profile) = (process, profile);

    public ConcurrentQueue<string> Errors { get; } = new();

    [GeneratedRegex(@"DevTools listening on (ws://\S+)")]
    private static partial Regex Listening();

    public static async Task<HeadlessChromium> StartAsync()
    {
        var profile = Directory.CreateTempSubdirectory("convanim-chromium-").FullName;
        var info = new ProcessStartInfo("chromium") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[]
                 {
                     "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--autoplay-policy=no-user-gesture-required", "--hide-scrollbars",
                     $"--user-data-dir={profile}", "--remote-debugging-port=0", "--window-size=1400,1000", "about:blank",
                 })
        {
            info.ArgumentList.Add(arg);
        }
        var process = Process.Start(info)!;
        var chromium = new HeadlessChromium(process, profile);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        string? browser = null;
        while (browser is null && await process.StandardError.ReadLineAsync(timeout.Token) is { } line)
        {
            if (Listening().Match(line) is { Success: true } match) browser = match.Groups[1].Value;
        }
        if (browser is null) throw new InvalidOperationException("chromium did not start its DevTools endpoint");
        _ = process.StandardError.ReadToEndAsync();

        var port = new Uri(browser).Port;
        using var http = new HttpClient();
        var targets = JsonDocument.Parse(await http.GetStringAsync($"http://127.0.0.1:{port}/json/list", timeout.Token)).RootElement;
        var page = targets.EnumerateArray().First(t => t.GetProperty("type").GetString() == "page").GetProperty("webSocketDebuggerUrl").GetString()!;
        await chromium._socket.ConnectAsync(new Uri(page), timeout.Token);
        chromium._receiving = chromium.ReceiveAsync();
        await chromium.SendAsync("Page.enable");
        await chromium.SendAsync("Runtime.enable");
        await chromium.SendAsync("Log.enable");
        return chromium;
    }

    public async Task NavigateAsync(string url)
    {
        _loaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await SendAsync("Page.navigate", new JsonObject { ["url"] = url });
        await _loaded.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Evaluates an expression (awaiting a promise) and returns its value.</summary>
    public async Task<JsonElement> EvaluateAsync(string expression)
    {
        var result = await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["awaitPromise"] = true, ["returnByValue"] = true });
        if (result.TryGetProperty("exceptionDetails", out var exception)) throw new InvalidOperationException($"script failed: {exception}");
        return result.GetProperty("result").GetProperty("value");
    }

    public async Task<byte[]> ScreenshotAsync(bool fullPage = true)
    {
        var result = await SendAsync("Page.captureScreenshot", new JsonObject { ["format"] = "png", ["captureBeyondViewport"] = fullPage });
        return Convert.FromBase64String(result.GetProperty("data").GetString()!);
    }

    public async Task<JsonElement> SendAsync(string method, JsonObject? parameters = null)
    {
        var id = Interlocked.Increment(ref _nextId);
        var reply = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = reply;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? new JsonObject() };
        await _socket.SendAsync(System.Text.Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, _stop.Token);
        var result = await reply.Task.WaitAsync(TimeSpan.FromSeconds(60));
        return result;
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[1 << 16];
        var message = new MemoryStream();
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var part = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (part.MessageType == WebSocketMessageType.Close) break;
                message.Write(buffer, 0, part.Count);
                if (!part.EndOfMessage) continue;
                var json = JsonDocument.Parse(message.ToArray()).RootElement.Clone();
                message.SetLength(0);
                Dispatch(json);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (WebSocketException)
        {
        }
    }

    private void Dispatch(JsonElement json)
    {
        if (json.TryGetProperty("id", out var id) && _pending.TryRemove(id.GetInt32(), out var reply))
        {
            if (json.TryGetProperty("error", out var error)) reply.SetException(new InvalidOperationException(error.ToString()));
            else reply.SetResult(json.GetProperty("result"));
            return;
        }
        var method = json.TryGetProperty("method", out var m) ? m.GetString() : null;
        var parameters = json.TryGetProperty("params", out var p) ? p : default;
        switch (method)
        {
            case "Page.loadEventFired":
                _loaded.TrySetResult();
                break;
            case "Runtime.consoleAPICalled" when parameters.GetProperty("type").GetString() is "error" or "assert":
                Errors.Enqueue($"console: {parameters.GetProperty("args")}");
                break;
            case "Runtime.exceptionThrown":
                Errors.Enqueue($"exception: {parameters.GetProperty("exceptionDetails")}");
                break;
            case "Log.entryAdded" when parameters.GetProperty("entry").GetProperty("level").GetString() == "error":
                Errors.Enqueue($"log: {parameters.GetProperty("entry").GetProperty("text").GetString()} {parameters.GetProperty("entry")}");
                break;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        try
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        catch (InvalidOperationException)
        {
        }
        await _receiving.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { });
        _socket.Dispose();
        _process.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
