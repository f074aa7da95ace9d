using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using ConvAnimations.Cli.Commands;
using ConvAnimations.Cli.Serve;
using ConvAnimations.Tests.Support;
using Xunit.Abstractions;

namespace ConvAnimations.Tests.Serve;

/// <summary>`serve` end to end: the page in headless chromium follows the file on disk; bad requests are refused.</summary>
public sealed class PreviewPageTests(ITestOutputHelper output)
{
    private const string Figures = """
        figures:
          - {name: conv, input: 5, kernel: 3, stride: 2, padding: 1}
          - {name: trans, kind: transposed, input: 5, kernel: 3, stride: 2}
          - {name: maxed, kind: max_pooling, input: 4, kernel: 2, values: {seed: 3}}
        """;

    /// <summary>Every figure card: its name, key, the frame its player shows, and whether its player loaded.</summary>
    private const string PageState = """
        (() => {
          const errors = document.getElementById('errors');
          return {
            figures: [...document.querySelectorAll('main > figure')].map(f => {
              const player = f.querySelector('iframe.player'), doc = player.contentDocument;
              const ready = !!(doc && doc.readyState === 'complete' && doc.querySelector('.num'));
              return { name: f.dataset.name, key: f.dataset.key, index: ready ? doc.querySelector('.num').textContent : '',
                       src: player.getAttribute('src'), loaded: ready && doc.querySelector('figure svg').getBoundingClientRect().width > 0,
                       explain: f.querySelector('.explain').textContent, files: [...f.querySelectorAll('.files a')].map(a => a.getAttribute('href')) };
            }),
            errors: errors.hidden ? '' : errors.textContent,
          };
        })()
        """;

    /// <summary>What one figure's player shows: the groups of marks on show.</summary>
    private static string Shown(string name) => $$"""
        [...document.querySelector('figure[data-name="{{name}}"] iframe').contentDocument.querySelectorAll('figure svg .v.on')].map(g => g.getAttribute('class')).join(' ')
        """;

    /// <summary>Sets one figure's player to a frame with its slider.</summary>
    private static string Slide(string name, int frame) => $$"""
        (() => { const s = document.querySelector('figure[data-name="{{name}}"] iframe').contentDocument.querySelector('.pos'); s.value = {{frame}}; s.dispatchEvent(new Event('input')); return 0; })()
        """;

    [Fact]
    public async Task The_page_shows_every_figure_steps_frames_follows_edits_and_shows_errors()
    {
        using var dir = new TempDirectory();
        var path = dir.File("figures.yaml");
        File.WriteAllText(path, Figures);
        Directory.CreateDirectory(dir.File("output"));
        File.WriteAllText(dir.File("output/conv.gif"), "an earlier render");
        var log = new StringWriter();
        await using var server = await PreviewServer.StartAsync(path, 0, dir.File("output"), TextWriter.Synchronized(log));
        Assert.Equal("127.0.0.1", server.Address.Host);
        await using var chromium = await HeadlessChromium.StartAsync();
        await chromium.NavigateAsync(server.Address.AbsoluteUri);

        // Every figure with its first frame, its explanation and its files.
        var state = await Until(chromium, s => s.GetProperty("figures").GetArrayLength() == 3 && s.GetProperty("figures").EnumerateArray().All(f => f.GetProperty("loaded").GetBoolean()), "three figures");
        var figures = state.GetProperty("figures").EnumerateArray().ToList();
        Assert.Equal(["conv", "trans", "maxed"], figures.Select(f => f.GetProperty("name").GetString()));
        Assert.All(figures, f => Assert.True(f.GetProperty("loaded").GetBoolean(), $"frame did not load: {f}"));
        Assert.Contains("o = floor((i + 2p - d(k-1) - 1)/s) + 1 = floor((5 + 2 - 2 - 1)/2) + 1 = 3", figures[0].GetProperty("explain").GetString());
        Assert.Contains("files/conv.gif", figures[0].GetProperty("files").EnumerateArray().Select(a => a.GetString()));

        // Each figure plays in its player, the same page a render writes as NAME.html. Next shows frame 2 of 9, a
        // different picture; previous goes back. The figures play from the start, so first the slider stops this one
        // at frame 1 (however far it has played on a busy machine).
        var conv = await (await chromium.Page.QuerySelectorAsync("figure[data-name=conv] iframe")).ContentFrameAsync();
        using (var http = new HttpClient())
        {
            Assert.Contains($"aria-label=\"{WebUtility.HtmlEncode(server.Current.Find("conv")!.Alt)}\"", await http.GetStringAsync(new Uri(server.Address, "figures/conv/player.html")));
        }
        await chromium.EvaluateAsync(Slide("conv", 0));
        await Until(chromium, s => Card(s, "conv").GetProperty("index").GetString() == "1 / 9", "frame 1 of conv, paused");
        var first = await chromium.EvaluateAsync(Shown("conv"));
        await conv.ClickAsync(".next");
        state = await Until(chromium, s => Card(s, "conv").GetProperty("index").GetString() == "2 / 9", "frame 2 of conv");
        Assert.NotEqual(first.GetString(), (await chromium.EvaluateAsync(Shown("conv"))).GetString());
        // The link to the frame on show as PNG.
        var png = await chromium.EvaluateAsync("(() => { const a = document.querySelector('figure[data-name=conv] a.frame-png'); a.onclick(); return a.getAttribute('href'); })()");
        Assert.EndsWith("/1.png?v=" + Card(state, "conv").GetProperty("key").GetString(), png.GetString());
        await conv.ClickAsync(".prev");
        await Until(chromium, s => Card(s, "conv").GetProperty("index").GetString() == "1 / 9", "back to frame 1");
        Assert.Equal(first.GetString(), (await chromium.EvaluateAsync(Shown("conv"))).GetString());
        // The slider jumps to a frame; play at 4x speed (250 ms a frame) moves on by itself.
        await chromium.EvaluateAsync(Slide("conv", 7));
        await Until(chromium, s => Card(s, "conv").GetProperty("index").GetString() == "8 / 9", "frame 8 from the slider");
        await conv.SelectAsync(".rate", "4");
        await conv.ClickAsync(".play");
        await Until(chromium, s => Card(s, "conv").GetProperty("index").GetString() == "1 / 9", "playing on to frame 9 and around to 1");
        // Previous from frame 1 wraps to 9: the slider stops the playing figure at frame 1 first.
        await chromium.EvaluateAsync(Slide("conv", 0));
        await Until(chromium, s => Card(s, "conv").GetProperty("index").GetString() == "1 / 9", "frame 1 of conv, paused again");
        await conv.ClickAsync(".prev");
        await Until(chromium, s => Card(s, "conv").GetProperty("index").GetString() == "9 / 9", "previous from frame 1 wraps to 9");
        await Task.Delay(300);
        Assert.Equal("9 / 9", Card(await chromium.EvaluateAsync(PageState), "conv").GetProperty("index").GetString());

        // Saving a change: that figure re-renders and the page shows it without a reload; the others are kept.
        var keys = server.Current.Figures.ToDictionary(f => f.Figure.Name, f => (f.Key, f.Revision));
        var clock = Stopwatch.StartNew();
        File.WriteAllText(path, Figures.Replace("{name: conv, input: 5, kernel: 3, stride: 2, padding: 1}", "{name: conv, input: 6, kernel: 3, stride: 2, padding: 1}"));
        state = await Until(chromium, s => Card(s, "conv").GetProperty("key").GetString() != keys["conv"].Key && Card(s, "conv").GetProperty("loaded").GetBoolean(), "the edited figure");
        var latency = clock.Elapsed;
        output.WriteLine($"edit to page: {latency.TotalMilliseconds:0} ms");
        Assert.True(latency < TimeSpan.FromSeconds(2), $"the page took {latency.TotalMilliseconds:0} ms to follow the edit");
        Assert.Contains("(6 + 2 - 2 - 1)/2", Card(state, "conv").GetProperty("explain").GetString());
        foreach (var name in new[] { "trans", "maxed" })
        {
            Assert.Equal(keys[name], server.Current.Figures.Where(f => f.Figure.Name == name).Select(f => (f.Key, f.Revision)).Single());
        }
        Assert.Contains("1 figure(s) changed, 2 unchanged", log.ToString());

        // A broken file: the errors with file:line:column on the page, the last good figures still there.
        // The file is written in place, so the server may read it half-written first and show that file's error, then
        // the whole file's on the next change: what counts is the error it settles on.
        File.WriteAllText(path, Figures.Replace("kernel: 2,", "kernel: 2, stride: x,"));
        var expected = new Regex(@"figures\.yaml:4:\d+: error: figure 'maxed': stride: expected a whole number");
        state = await Until(chromium, s => expected.IsMatch(s.GetProperty("errors").GetString()!), "the error");
        Assert.Matches(expected, state.GetProperty("errors").GetString());
        Assert.Equal(3, state.GetProperty("figures").GetArrayLength());
        Assert.All(state.GetProperty("figures").EnumerateArray(), f => Assert.True(f.GetProperty("loaded").GetBoolean()));
        Directory.CreateDirectory(Path.Combine(Repo.Root, "TestResults"));
        await File.WriteAllBytesAsync(Path.Combine(Repo.Root, "TestResults", "serve.png"), await chromium.ScreenshotAsync());

        File.WriteAllText(path, Figures);
        await Until(chromium, s => s.GetProperty("errors").GetString() == "" && Card(s, "conv").GetProperty("key").GetString() == keys["conv"].Key, "the fixed file");
        Assert.Empty(chromium.Errors);
        // Nothing was written into the output folder.
        Assert.Equal(["conv.gif"], Directory.EnumerateFileSystemEntries(dir.File("output")).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("figures/nope/0.png", HttpStatusCode.NotFound)]
    [InlineData("figures/conv/9.png", HttpStatusCode.BadRequest)]
    [InlineData("figures/conv/-1.png", HttpStatusCode.BadRequest)]
    [InlineData("figures/conv/0.gif", HttpStatusCode.BadRequest)]
    [InlineData("files/..%2Ffigures.yaml", HttpStatusCode.BadRequest)]
    [InlineData("files/%2e%2e/figures.yaml", HttpStatusCode.NotFound)]
    [InlineData("files/../figures.yaml", HttpStatusCode.NotFound)]
    [InlineData("files/missing.gif", HttpStatusCode.NotFound)]
    [InlineData("figures/conv/8.svg", HttpStatusCode.OK)]
    [InlineData("figures/conv/0.png?width=50", HttpStatusCode.OK)]
    [InlineData("figures/conv/0.png?width=0", HttpStatusCode.BadRequest)]
    [InlineData("figures/conv/0.png?width=-5", HttpStatusCode.BadRequest)]
    [InlineData("figures/conv/0.png?width=wide", HttpStatusCode.BadRequest)]
    [InlineData("files/conv.gif", HttpStatusCode.OK)]
    public async Task Requests_outside_the_figures_are_refused(string url, HttpStatusCode expected)
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("figures.yaml"), Figures);
        Directory.CreateDirectory(dir.File("output"));
        File.WriteAllText(dir.File("output/conv.gif"), "GIF89a");
        await using var server = await PreviewServer.StartAsync(dir.File("figures.yaml"), 0, dir.File("output"), TextWriter.Null);
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri(server.Address, url));
        Assert.Equal(expected, response.StatusCode);
        if (expected != HttpStatusCode.OK) Assert.DoesNotContain("figures:", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_serve_command_prints_its_address_and_stops_when_cancelled()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("figures.yaml"), Figures);
        var text = new StringWriter();
        var stdout = TextWriter.Synchronized(text);
        string Printed()
        {
            lock (stdout) return text.ToString();
        }
        using var stop = new CancellationTokenSource();
        var serving = ConvanimCommand.InvokeAsync(["serve", dir.File("figures.yaml"), "--port", "0"], stdout, TextWriter.Null, stop.Token);
        Match address = Match.Empty;
        for (var i = 0; i < 100 && !(address = Regex.Match(Printed(), @"at (http://127\.0\.0\.1:\d+/)")).Success; i++) await Task.Delay(100);
        Assert.True(address.Success, Printed());
        Assert.Contains("(3 figures)", Printed());
        using var http = new HttpClient();
        Assert.Contains("<title>convanim serve</title>", await http.GetStringAsync(address.Groups[1].Value));
        await stop.CancelAsync();
        Assert.Equal(0, await serving.WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Equal(1, (await ConvanimCommand.InvokeAsync(["serve", dir.File("missing.yaml")], TextWriter.Null, TextWriter.Null)));
        Assert.Equal(2, (await ConvanimCommand.InvokeAsync(["serve", "--port", "70000"], TextWriter.Null, TextWriter.Null)));
        var taken = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        try
        {
            var error = new StringWriter();
            var port = ((IPEndPoint)taken.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(1, await ConvanimCommand.InvokeAsync(["serve", dir.File("figures.yaml"), "--port", port], TextWriter.Null, error));
            Assert.Contains($"cannot listen on 127.0.0.1:{port}", error.ToString());
        }
        finally
        {
            taken.Stop();
        }
    }

    private static JsonElement Card(JsonElement state, string name) =>
        state.GetProperty("figures").EnumerateArray().Single(f => f.GetProperty("name").GetString() == name);

    /// <summary>The page's state once it satisfies the condition (polled every 50 ms, for up to 10 s).</summary>
    private static async Task<JsonElement> Until(HeadlessChromium chromium, Func<JsonElement, bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var state = await chromium.EvaluateAsync(PageState);
            if (condition(state)) return state;
            if (clock.Elapsed > TimeSpan.FromSeconds(10)) throw new TimeoutException($"the page did not show {what}; it shows {state}");
            await Task.Delay(50);
        }
    }
}
