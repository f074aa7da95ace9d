using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using ConvAnimations.Cli.Serve;
using ConvAnimations.Tests.Support;
using Xunit.Abstractions;

namespace ConvAnimations.Tests.Serve;

/// <summary>
/// `serve` with large figures: the drawings it keeps are bounded, the page shows a wide figure whole and draws no frame,
/// and a signal stops it as one stops a render. The process tests run the real tool and read its memory from /proc.
/// </summary>
public sealed class ServeMemoryTests(ITestOutputHelper output)
{
    /// <summary>Eight figures of about 10 megapixels a frame (3252x2910 to 3352x3106), each different.</summary>
    private static string LargeFigures() =>
        "figures:\n" + string.Concat(Enumerable.Range(1, 8).Select(i =>
            $"  - {{name: b{i}, input: 64, kernel: 3, stride: 2, padding: {i % 2}, dilation: {(i + 1) / 2}, formats: [png]}}\n"));

    /// <summary>The real `serve`, started in <paramref name="directory"/>; its address once it prints it.</summary>
    private static async Task<(Process Process, Uri Address)> StartServe(string directory, string file)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Processes.ConvanimDll, "serve", file, "--port", "0" }) info.ArgumentList.Add(arg);
        var process = Process.Start(info)!;
        process.BeginErrorReadLine();
        var address = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && Regex.Match(line, @"at (http://127\.0\.0\.1:\d+/)") is { Success: true } m) address.TrySetResult(new Uri(m.Groups[1].Value));
        };
        process.BeginOutputReadLine();
        return (process, await address.Task.WaitAsync(TimeSpan.FromSeconds(60)));
    }

    /// <summary>A line of /proc/PID/status in MB (VmRSS: resident now, VmHWM: the peak).</summary>
    private static double Megabytes(Process process, string key)
    {
        var line = File.ReadLines($"/proc/{process.Id}/status").First(l => l.StartsWith(key + ":", StringComparison.Ordinal));
        return long.Parse(line[(key.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
    }

    private static int PngWidth(byte[] png) => BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16));

    /// <summary>
    /// Every figure's frame at full size (the page's "this frame as PNG" link), then as the page asks for it: the
    /// process's peak stays within the drawings' budget and what a request needs, where it grew with every figure
    /// viewed (to about 700 MB for these eight, and stayed there).
    /// </summary>
    [Fact]
    public async Task Memory_stays_bounded_however_many_large_figures_are_viewed()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("large.yaml"), LargeFigures());
        var (serve, address) = await StartServe(dir.Path, "large.yaml");
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
            var start = Megabytes(serve, "VmRSS");
            // The start (about 75 MB), the drawings' budget, and one full-size frame's work (its background and buffer, 80 MB).
            void Bounded(string after)
            {
                var (now, peak) = (Megabytes(serve, "VmRSS"), Megabytes(serve, "VmHWM"));
                output.WriteLine($"serve: {start:0} MB at the start, {now:0} MB {after}, peak {peak:0} MB (drawing budget {DrawingCache.DefaultBudget >> 20} MB)");
                Assert.True(peak < 450, $"serve grew to a peak of {peak:0} MB ({now:0} MB now) {after}");
            }
            var widths = new List<int>();
            for (var i = 1; i <= 8; i++) widths.Add(PngWidth(await http.GetByteArrayAsync(new Uri(address, $"figures/b{i}/0.png"))));
            Assert.All(widths, w => Assert.InRange(w, 3000, 3400));
            Bounded("after eight large figures at full size");
            for (var i = 1; i <= 8; i++)
            {
                var small = PngWidth(await http.GetByteArrayAsync(new Uri(address, $"figures/b{i}/1.png?width=600")));
                Assert.InRange(small, 600, 900);
            }
            Bounded("after them again as the page asks for them");
        }
        finally
        {
            serve.Kill();
            await serve.WaitForExitAsync();
            serve.Dispose();
        }
    }

    /// <summary>The drawings kept are let go, least recently used first, once they hold more than the budget.</summary>
    [Fact]
    public void The_drawing_cache_keeps_at_most_its_budget()
    {
        using var cache = new DrawingCache(budget: 100);
        var made = new List<Counted>();
        Counted Make()
        {
            var drawing = new Counted();
            made.Add(drawing);
            return drawing;
        }
        var owners = Enumerable.Range(0, 5).Select(_ => new object()).ToList();
        foreach (var owner in owners) cache.Use(owner, 0, 40, Make, d => d.Uses++);
        Assert.Equal(80L, cache.Bytes);
        Assert.Equal(3, made.Count(d => d.Disposed));
        // The most recent two are kept: using them again makes nothing new.
        cache.Use(owners[3], 0, 40, Make, d => d.Uses++);
        cache.Use(owners[4], 0, 40, Make, d => d.Uses++);
        Assert.Equal(5, made.Count);
        // One larger than the budget is kept alone while it is the latest.
        cache.Use(owners[0], 1, 500, Make, d => d.Uses++);
        Assert.Equal(500L, cache.Bytes);
        Assert.Equal(5, made.Count(d => d.Disposed));
        cache.Forget(owners[0]);
        Assert.Equal(0L, cache.Bytes);
        Assert.All(made, d => Assert.True(d.Disposed));
    }

    private sealed class Counted : IDisposable
    {
        public int Uses { get; set; }

        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }

    /// <summary>
    /// The page shows each figure in its player, vectors drawn by the browser at the size shown: a figure wider than
    /// the page fits it, and the server draws no frame for the page (it draws one only when a frame's link is followed).
    /// </summary>
    [Fact]
    public async Task The_page_shows_a_wide_figure_whole_and_asks_the_server_to_draw_no_frame()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("f.yaml"), "figures:\n  - {name: wide, input: 24, kernel: 3, scale: 2}\n  - {name: small, input: 4, kernel: 3}\n");
        await using var server = await PreviewServer.StartAsync(dir.File("f.yaml"), 0, dir.File("output"), TextWriter.Null);
        await using var chromium = await HeadlessChromium.StartAsync();
        var requests = new System.Collections.Concurrent.ConcurrentQueue<string>();
        chromium.Page.Request += (_, e) => requests.Enqueue(e.Request.Url);
        await chromium.NavigateAsync(server.Address.AbsoluteUri);
        var clock = Stopwatch.StartNew();
        System.Text.Json.JsonElement state;
        while (true)
        {
            state = await chromium.EvaluateAsync("""
                [...document.querySelectorAll('figure iframe.player')].map(f => {
                  const svg = f.contentDocument && f.contentDocument.querySelector('figure svg');
                  return { frame: Math.round(f.getBoundingClientRect().width), page: document.documentElement.clientWidth,
                           shown: svg ? Math.round(svg.getBoundingClientRect().width) : 0, own: svg ? svg.width.baseVal.value : 0 };
                })
                """);
            if (state.GetArrayLength() == 2 && state.EnumerateArray().All(i => i.GetProperty("shown").GetInt32() > 0)) break;
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"the players did not load: {state}");
            await Task.Delay(50);
        }
        output.WriteLine(state.ToString());
        var (big, little) = (state[0], state[1]);
        Assert.Equal(server.Current.Find("wide")!.Width, big.GetProperty("own").GetInt32());
        Assert.True(big.GetProperty("frame").GetInt32() <= big.GetProperty("page").GetInt32(), $"the wide figure's player is wider than the page: {big}");
        Assert.True(big.GetProperty("shown").GetInt32() < big.GetProperty("own").GetInt32(), $"the wide figure is not shown smaller: {big}");
        Assert.Equal(little.GetProperty("own").GetInt32(), little.GetProperty("shown").GetInt32());
        Assert.DoesNotContain(requests, url => url.EndsWith(".png", StringComparison.Ordinal) || url.Contains(".png?", StringComparison.Ordinal));
        Assert.Empty(chromium.Errors);
    }

    /// <summary>SIGINT and SIGTERM stop `serve` as they stop `render`: with the interruption's exit code.</summary>
    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task A_signal_stops_serve_with_the_interruption_exit_code(string signal)
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("f.yaml"), "figures:\n  - {name: a, input: 4, kernel: 3}\n");
        var (serve, address) = await StartServe(dir.Path, "f.yaml");
        using (serve)
        {
            using var http = new HttpClient();
            Assert.Contains("convanim serve", await http.GetStringAsync(address));
            Processes.Run("kill", [$"-{signal}", serve.Id.ToString(CultureInfo.InvariantCulture)]);
            Assert.True(serve.WaitForExit(30_000), "serve did not stop");
            Assert.Equal(130, serve.ExitCode);
        }
    }
}
