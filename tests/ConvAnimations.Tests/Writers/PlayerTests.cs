using System.Globalization;
using System.Text.Json;
using ConvAnimations.Pipeline;
using ConvAnimations.Preparation;
using ConvAnimations.Rendering;
using ConvAnimations.Spec;
using ConvAnimations.Tests.Support;
using ConvAnimations.Writers;
using PuppeteerSharp;
using PuppeteerSharp.PageAccessibility;
using SkiaSharp;
using static ConvAnimations.Tests.Support.BrowserPictures;

namespace ConvAnimations.Tests.Writers;

/// <summary>
/// The interactive player (html) in a real chromium: its frames against the PNG frames, the keyboard, the linked cells
/// against <c>explain --json</c>'s taps, its accessible names and reduced motion, no request of any kind, the player in
/// a frame of another page and pasted into one.
/// </summary>
public sealed class PlayerTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private readonly BrowserPictures _pictures = new(output);

    [Fact]
    public async Task Each_frame_looks_as_its_png_and_the_keys_step_it()
    {
        using var dir = new TempDirectory();
        var figures = await Render(dir, Drawn);
        await using var chromium = await HeadlessChromium.StartAsync();
        const string Number = "document.querySelector('.num').textContent";
        foreach (var figure in figures)
        {
            var n = figure.Figure.FrameCount;
            await chromium.NavigateAsync(new Uri(dir.File($"{figure.Name}.html")).AbsoluteUri);
            await chromium.Page.FocusAsync("figure");
            async Task Looks(int frame)
            {
                Assert.Equal($"{frame + 1} / {n}", Text(await chromium.EvaluateAsync(Number)));
                using var expected = PngFrame(figure, frame);
                using var shot = await Shot(await chromium.Page.QuerySelectorAsync("figure svg"));
                _pictures.AssertSame(expected, shot, $"{figure.Name} player frame {frame}");
            }
            // Home, Right, End, the slider to the middle frame, then Right from the last around to the first, and Left back.
            await chromium.Page.Keyboard.PressAsync("Home");
            await Looks(0);
            if (n == 1) continue;
            await chromium.Page.Keyboard.PressAsync("ArrowRight");
            await Looks(1);
            await chromium.Page.Keyboard.PressAsync("End");
            await Looks(n - 1);
            await chromium.EvaluateAsync($"(() => {{ const s = document.querySelector('.pos'); s.value = {n / 2}; s.dispatchEvent(new Event('input')); return 0; }})()");
            await Looks(n / 2);
            await chromium.Page.Keyboard.PressAsync("End");
            await chromium.Page.Keyboard.PressAsync("ArrowRight");
            Assert.Equal($"1 / {n}", Text(await chromium.EvaluateAsync(Number)));
            await chromium.Page.Keyboard.PressAsync("ArrowLeft");
            Assert.Equal($"{n} / {n}", Text(await chromium.EvaluateAsync(Number)));
            // Space plays and pauses.
            const string Play = "document.querySelector('.play').getAttribute('aria-label')";
            Assert.Equal("Play", Text(await chromium.EvaluateAsync(Play)));
            await chromium.Page.Keyboard.PressAsync(" ");
            Assert.Equal("Pause", Text(await chromium.EvaluateAsync(Play)));
            await chromium.Page.Keyboard.PressAsync(" ");
            Assert.Equal("Play", Text(await chromium.EvaluateAsync(Play)));
        }
        Assert.Empty(chromium.Errors);
    }

    /// <summary>One frame of <c>explain --json</c>: its output map and cell, the input maps it reads and its taps, its line of the matrix.</summary>
    private sealed record JsonFrame(int OutputChannel, int[] InputChannels, (int, int) Output, (int, int)[] Taps, int? Line);

    private static (int, int) Cell(JsonElement e) => (e[0].GetInt32(), e[1].GetInt32());

    private static List<JsonFrame> Frames(JsonElement json) => json.GetProperty("frames").EnumerateArray().Select(f => new JsonFrame(
        f.TryGetProperty("output_channel", out var m) ? m.GetInt32() : 0,
        f.TryGetProperty("input_channels", out var n) ? n.EnumerateArray().Select(x => x.GetInt32()).ToArray() : [0],
        Cell(f.GetProperty("output")),
        f.GetProperty("taps").EnumerateArray().Select(Cell).ToArray(),
        f.TryGetProperty("matrix_row", out var row) ? row.GetInt32() : f.TryGetProperty("matrix_column", out var col) ? col.GetInt32() : null)).ToList();

    /// <summary>
    /// Every output cell and every cell of the grid of each input map (padding and inserted zeros too), and in a
    /// matrix view every entry of x and y, hovered in turn: the cells lit are exactly those explain --json gives, the
    /// taps of the frames that compute a hovered output, the outputs of the frames whose taps hold a hovered input.
    /// </summary>
    [Fact]
    public async Task Hovering_a_cell_lights_what_explain_json_says_computed_it_or_reads_it()
    {
        using var dir = new TempDirectory();
        var figures = await Render(dir, "padding_strides", "padding_strides_odd_transposed", "depthwise", "no_padding_no_strides_transposed_matrix");
        await using var chromium = await HeadlessChromium.StartAsync();
        var hovered = 0;
        foreach (var figure in figures)
        {
            var json = JsonDocument.Parse(figure.Json()).RootElement;
            var frames = Frames(json);
            var multi = json.TryGetProperty("channels", out var channels);
            var (cIn, cOut) = multi ? (channels.GetProperty("in").GetInt32(), channels.GetProperty("out").GetInt32()) : (1, 1);
            string In(int n) => multi ? $"input {n}" : "input";
            string Out(int m) => multi ? $"output {m}" : "output";
            var grid = json.GetProperty("grid").EnumerateArray().Select(r => r.GetString()!).ToList();
            var outputSize = Cell(json.GetProperty("output"));

            // A matrix view: the entries of x each line multiplies (C's non-zero entries in that line).
            var matrix = json.TryGetProperty("matrix", out var m) ? m : (JsonElement?)null;
            var transposed = json.GetProperty("kind").GetString() == "transposed";
            var (c, x, y) = (transposed ? "Cᵀ" : "C", "x", "y");
            IEnumerable<int> Columns(int line) => matrix is { } mm
                ? mm.GetProperty("entries").EnumerateArray().Where(e => e[transposed ? 1 : 0].GetInt32() == line).Select(e => e[transposed ? 0 : 1].GetInt32())
                : [];
            HashSet<string> Computing(IEnumerable<JsonFrame> fs) => fs.SelectMany(f => f.InputChannels.SelectMany(n => f.Taps.Select(t => $"{In(n)} {t.Item1} {t.Item2}"))
                .Concat(f.Line is { } l ? Columns(l).SelectMany(j => new[] { $"{x} {j} 0", $"{c} {l} {j}" }).Append($"{y} {l} 0") : [])
                .Append($"{Out(f.OutputChannel)} {f.Output.Item1} {f.Output.Item2}")).ToHashSet();
            HashSet<string> Reading(IEnumerable<JsonFrame> fs) => fs.SelectMany(f => new[] { $"{Out(f.OutputChannel)} {f.Output.Item1} {f.Output.Item2}" }
                .Concat(f.Line is { } l ? [$"{y} {l} 0"] : [])).ToHashSet();

            await chromium.NavigateAsync(new Uri(dir.File($"{figure.Name}.html")).AbsoluteUri);
            await chromium.Page.Mouse.MoveAsync(0, 0);
            using var renderer = new SceneRenderer(figure.Scene);
            var planes = figure.Scene.Links.Maps.ToDictionary(p => p.Name, p => p.Plane);

            // Every cell to hover, with what it must light; the pointer is moved to each by the page itself (a real
            // mouse for the first few), so that hundreds of cells take a moment.
            var cases = new List<(string Map, int Row, int Col, HashSet<string> Expected, int Frame)>();
            for (var o = 0; o < cOut; o++)
            {
                // The maps of output map o and those it reads are in front on its frames: its first frame is shown.
                var shown = frames.FindIndex(f => f.OutputChannel == o);
                for (var r = 0; r < outputSize.Item1; r++)
                    for (var col = 0; col < outputSize.Item2; col++)
                        cases.Add((Out(o), r, col, Computing(frames.Where(f => f.OutputChannel == o && f.Output == (r, col))), shown));
                foreach (var n in Enumerable.Range(0, cIn).Where(n => frames.Any(f => f.OutputChannel == o && f.InputChannels.Contains(n))))
                {
                    for (var r = 0; r < grid.Count; r++)
                        for (var col = 0; col < grid[r].Length; col++)
                            cases.Add((In(n), r, col, Reading(frames.Where(f => f.InputChannels.Contains(n) && f.Taps.Contains((r, col)))), shown));
                }
            }
            if (matrix is not null)
            {
                foreach (var line in frames.Select(f => f.Line!.Value)) cases.Add((y, line, 0, Computing(frames.Where(f => f.Line == line)), 0));
                foreach (var j in frames.SelectMany(f => Columns(f.Line!.Value)).Distinct().Order()) cases.Add((x, j, 0, Reading(frames.Where(f => Columns(f.Line!.Value).Contains(j))), 0));
            }

            void Check((string Map, int Row, int Col, HashSet<string> Expected, int Frame) hover, JsonElement litCells)
            {
                var lit = litCells.EnumerateArray().Select(e => e.GetString()!).ToList();
                var cell = $"{hover.Map} {hover.Row} {hover.Col}";
                Assert.True(lit.Contains($"hover:{cell}"), $"{figure.Name}: hovering {cell} lit {string.Join(", ", lit)}");
                var expected = hover.Expected.Where(e => e != cell).ToHashSet();
                var actual = lit.Where(l => l.StartsWith("lit:", StringComparison.Ordinal)).Select(l => l[4..]).ToHashSet();
                Assert.True(expected.SetEquals(actual), $"{figure.Name}: hovering {cell}\n expected {string.Join(", ", expected.Order())}\n lit      {string.Join(", ", actual.Order())}");
                hovered++;
            }
            const string Lit = "[...document.querySelectorAll('figure svg [data-cell]')].map(e => e.getAttribute('class') + ':' + e.dataset.cell)";
            // The middle of a cell, in the picture's pixels (as the PNG frames draw it).
            string Point((string Map, int Row, int Col, HashSet<string> Expected, int Frame) hover)
            {
                var p = renderer.Projection.Planes[planes[hover.Map]].MapPoint(hover.Col + 0.5f, hover.Row + 0.5f);
                return $"[{p.X.ToString(CultureInfo.InvariantCulture)}, {p.Y.ToString(CultureInfo.InvariantCulture)}, {hover.Frame}]";
            }
            const string Show = "(f => { const s = document.querySelector('.pos'); s.value = f; s.dispatchEvent(new Event('input')); })";
            foreach (var hover in cases.Take(3))
            {
                await chromium.EvaluateAsync($"({Show})({hover.Frame})");
                var p = renderer.Projection.Planes[planes[hover.Map]].MapPoint(hover.Col + 0.5f, hover.Row + 0.5f);
                var box = await (await chromium.Page.QuerySelectorAsync("figure svg")).BoundingBoxAsync();
                await chromium.Page.Mouse.MoveAsync(box.X + (decimal)p.X, box.Y + (decimal)p.Y);
                Check(hover, await chromium.EvaluateAsync(Lit));
            }
            var lits = await chromium.EvaluateAsync($$"""
                (() => {
                  const svg = document.querySelector('figure svg'), show = {{Show}};
                  return [{{string.Join(", ", cases.Select(Point))}}].map(([x, y, f]) => {
                    show(f);
                    const box = svg.getBoundingClientRect();
                    svg.dispatchEvent(new PointerEvent('pointermove', { clientX: box.left + x, clientY: box.top + y, bubbles: true }));
                    return {{Lit}};
                  });
                })()
                """);
            foreach (var (hover, lit) in cases.Zip(lits.EnumerateArray())) Check(hover, lit);
        }
        output.WriteLine($"{hovered} cells hovered");
        Assert.Empty(chromium.Errors);
    }

    /// <summary>
    /// The scatter in chromium: hovering each output cell lights the input cells whose copy of the kernel reaches it
    /// (and the same cell on the overlap map); hovering each input cell lights the output cells it adds to, as
    /// <c>explain --json</c>'s frames give them.
    /// </summary>
    [Fact]
    public async Task Hovering_a_scatters_cells_lights_what_explain_json_says_they_add_to()
    {
        using var dir = new TempDirectory();
        var figure = (await Render(dir, "transposed_scatter")).Single();
        var json = JsonDocument.Parse(figure.Json()).RootElement;
        var padding = json.GetProperty("direct").GetProperty("padding");
        var (pr, pc) = (padding[0].GetInt32(), padding[1].GetInt32());
        var frames = json.GetProperty("frames").EnumerateArray()
            .Select(f => (Input: Cell(f.GetProperty("input")), Outputs: f.GetProperty("outputs").EnumerateArray().Select(Cell).ToList())).ToList();
        var cases = new List<(string Map, int Row, int Col, HashSet<string> Expected)>();
        foreach (var output in frames.SelectMany(f => f.Outputs).Distinct())
        {
            var expected = frames.Where(f => f.Outputs.Contains(output)).Select(f => $"input {f.Input.Item1} {f.Input.Item2}").Append($"overlap {output.Item1} {output.Item2}").ToHashSet();
            cases.Add(("output", output.Item1 + pr, output.Item2 + pc, expected));
        }
        foreach (var (input, outputs) in frames)
        {
            cases.Add(("input", input.Item1, input.Item2, outputs.SelectMany(o => new[] { $"output {o.Item1 + pr} {o.Item2 + pc}", $"overlap {o.Item1} {o.Item2}" }).ToHashSet()));
        }

        await using var chromium = await HeadlessChromium.StartAsync();
        await chromium.NavigateAsync(new Uri(dir.File($"{figure.Name}.html")).AbsoluteUri);
        using var renderer = new SceneRenderer(figure.Scene);
        var planes = figure.Scene.Links.Maps.ToDictionary(p => p.Name, p => p.Plane);
        string Point((string Map, int Row, int Col, HashSet<string> Expected) hover)
        {
            var p = renderer.Projection.Planes[planes[hover.Map]].MapPoint(hover.Col + 0.5f, hover.Row + 0.5f);
            return $"[{p.X.ToString(CultureInfo.InvariantCulture)}, {p.Y.ToString(CultureInfo.InvariantCulture)}]";
        }
        var lits = await chromium.EvaluateAsync($$"""
            (() => {
              const svg = document.querySelector('figure svg');
              return [{{string.Join(", ", cases.Select(Point))}}].map(([x, y]) => {
                const box = svg.getBoundingClientRect();
                svg.dispatchEvent(new PointerEvent('pointermove', { clientX: box.left + x, clientY: box.top + y, bubbles: true }));
                return [...document.querySelectorAll('figure svg [data-cell]')].map(e => e.getAttribute('class') + ':' + e.dataset.cell);
              });
            })()
            """);
        foreach (var (hover, litCells) in cases.Zip(lits.EnumerateArray()))
        {
            var lit = litCells.EnumerateArray().Select(e => e.GetString()!).ToList();
            var cell = $"{hover.Map} {hover.Row} {hover.Col}";
            Assert.Contains($"hover:{cell}", lit);
            var actual = lit.Where(l => l.StartsWith("lit:", StringComparison.Ordinal)).Select(l => l[4..]).ToHashSet();
            Assert.True(hover.Expected.SetEquals(actual), $"hovering {cell}\n expected {string.Join(", ", hover.Expected.Order())}\n lit      {string.Join(", ", actual.Order())}");
        }
        Assert.Equal(frames.Count + frames.SelectMany(f => f.Outputs).Distinct().Count(), cases.Count);
        Assert.Empty(chromium.Errors);
    }

    [Fact]
    public async Task Its_name_is_the_alt_text_every_control_is_named_and_reduced_motion_starts_paused()
    {
        using var dir = new TempDirectory();
        var figure = await Quick(dir);
        var page = new Uri(dir.File("quick.html")).AbsoluteUri;
        await using var chromium = await HeadlessChromium.StartAsync();
        await chromium.Page.EmulateMediaFeaturesAsync([new MediaFeatureValue { MediaFeature = MediaFeature.PrefersReducedMotion, Value = "reduce" }]);
        await chromium.NavigateAsync(page);
        await Task.Delay(1000); // five frames' time
        Assert.Equal("1 / 9", Text(await chromium.EvaluateAsync("document.querySelector('.num').textContent")));
        Assert.Equal("Play", Text(await chromium.EvaluateAsync("document.querySelector('.play').getAttribute('aria-label')")));

        // The accessible names as chromium computes them: the figure's is its alt text, and every control has one.
        var tree = await chromium.Page.Accessibility.SnapshotAsync(new AccessibilitySnapshotOptions { InterestingOnly = true });
        var nodes = new List<SerializedAXNode>();
        void Walk(SerializedAXNode node)
        {
            nodes.Add(node);
            foreach (var child in node.Children ?? []) Walk(child);
        }
        Walk(tree);
        Assert.Contains(nodes, n => n.Role == "figure" && n.Name == figure.Alt());
        foreach (var role in new[] { "button", "slider", "combobox" })
        {
            Assert.Contains(nodes, n => n.Role == role);
            Assert.All(nodes.Where(n => n.Role == role), n => Assert.False(string.IsNullOrWhiteSpace(n.Name), $"a {role} has no name"));
        }

        await chromium.Page.EmulateMediaFeaturesAsync([new MediaFeatureValue { MediaFeature = MediaFeature.PrefersReducedMotion, Value = "no-preference" }]);
        await chromium.NavigateAsync(page);
        await Until(() => chromium.EvaluateAsync("document.querySelector('.num').textContent"), t => t != "1 / 9", "playing on from frame 1");
        Assert.Equal("Pause", Text(await chromium.EvaluateAsync("document.querySelector('.play').getAttribute('aria-label')")));
        Assert.Empty(chromium.Errors);
    }

    [Fact]
    public async Task It_requests_nothing_its_policy_forbids_every_request_and_it_plays_in_a_frame_of_another_page()
    {
        using var dir = new TempDirectory();
        var figure = await Quick(dir);
        var size = figure.Size;
        File.WriteAllText(dir.File("host.html"), $"""
            <!DOCTYPE html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>host</title></head>
            <body><h1>A page with a figure</h1><iframe src="quick.html" title="the figure" width="{size.Width + 20}" height="{size.Height + Player.ControlsHeight + 20}"></iframe></body></html>
            """);
        using var site = new StaticSite(dir.Path);
        await using var chromium = await HeadlessChromium.StartAsync();
        var requests = new System.Collections.Concurrent.ConcurrentQueue<string>();
        chromium.Page.Request += (_, e) => requests.Enqueue(e.Request.Url);

        // Alone: the page itself, and nothing else, while it plays, is hovered, clicked and stepped.
        await chromium.NavigateAsync(new Uri(site.Address, "quick.html").AbsoluteUri);
        var box = await (await chromium.Page.QuerySelectorAsync("figure svg")).BoundingBoxAsync();
        await chromium.Page.Mouse.MoveAsync(box.X + box.Width / 2, box.Y + box.Height / 2);
        await chromium.Page.Mouse.ClickAsync(box.X + box.Width / 3, box.Y + box.Height / 2);
        await chromium.Page.FocusAsync("figure");
        await chromium.Page.Keyboard.PressAsync("ArrowRight");
        await Task.Delay(500);
        Assert.Equal(["/quick.html"], site.Requests);
        Assert.Single(requests);
        Assert.Empty(chromium.Errors);

        // Its policy refuses a picture, a fetch and a script from anywhere, its own server included.
        var refused = await chromium.EvaluateAsync("""
            new Promise(done => {
              const seen = new Set();
              document.addEventListener('securitypolicyviolation', e => { seen.add(e.effectiveDirective); if (seen.size === 3) done([...seen].sort()); });
              new Image().src = '/picture.png';
              fetch('/data.json').catch(() => {});
              const s = document.createElement('script'); s.src = '/code.js'; document.head.append(s);
              setTimeout(() => done([...seen].sort()), 3000);
            })
            """);
        Assert.Equal(["connect-src", "img-src", "script-src-elem"], refused.EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["/quick.html"], site.Requests);

        // In a frame of another page: the host, the player, nothing more; the keys step it inside its frame.
        while (chromium.Errors.TryDequeue(out _)) { }
        await chromium.NavigateAsync(new Uri(site.Address, "host.html").AbsoluteUri);
        var frame = await (await chromium.Page.QuerySelectorAsync("iframe")).ContentFrameAsync();
        await frame.FocusAsync("figure");
        await chromium.Page.Keyboard.PressAsync("Home");
        await chromium.Page.Keyboard.PressAsync("ArrowRight");
        await chromium.Page.Keyboard.PressAsync("ArrowRight");
        Assert.Equal("3 / 9", await frame.EvaluateExpressionAsync<string>("document.querySelector('.num').textContent"));
        using var expected = PngFrame(figure, 2);
        using var shot = await Shot(await frame.QuerySelectorAsync("figure svg"));
        _pictures.AssertSame(expected, shot, "quick in a frame, frame 2");
        Assert.Equal(["/quick.html", "/host.html", "/quick.html"], site.Requests);
        Assert.Empty(chromium.Errors);
    }

    [Fact]
    public async Task Pasted_into_another_page_two_players_work_apart_and_nothing_of_them_reaches_the_page()
    {
        using var dir = new TempDirectory();
        var one = await Quick(dir, "one");
        var two = await Quick(dir, "two", "kind: transposed\n    input: 5\n    kernel: 3\n    stride: 2");
        string Fragment(PreparedFigure f)
        {
            using var renderer = new SceneRenderer(f.Scene);
            return Player.Fragment(new Drawing(f, renderer));
        }
        // The page has rules and elements of the names the player uses for its own.
        File.WriteAllText(dir.File("page.html"), $$"""
            <!DOCTYPE html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>a blog post</title>
            <style>.bar { color: rgb(1, 2, 3); } svg { border: 0; }</style></head>
            <body><p>Some text.</p>
            {{Fragment(one)}}
            <div class="v" id="page-v">a div of class v</div><p class="info" id="page-info">page info</p><div class="bar" id="page-bar">bar</div>
            {{Fragment(two)}}
            </body></html>
            """);
        await using var chromium = await HeadlessChromium.StartAsync();
        await chromium.Page.EmulateMediaFeaturesAsync([new MediaFeatureValue { MediaFeature = MediaFeature.PrefersReducedMotion, Value = "reduce" }]);
        await chromium.NavigateAsync(new Uri(dir.File("page.html")).AbsoluteUri);

        var page = await chromium.EvaluateAsync("""
            (() => {
              const style = id => getComputedStyle(document.getElementById(id));
              return { v: style('page-v').display, info: style('page-info').fontSize, bar: style('page-bar').display + ' ' + style('page-bar').color,
                       globals: ['show', 'step', 'link', 'root', 'data', 'frame'].filter(n => n in window) };
            })()
            """);
        Assert.Equal("block", page.GetProperty("v").GetString());
        Assert.Equal("16px", page.GetProperty("info").GetString());
        Assert.Equal("block rgb(1, 2, 3)", page.GetProperty("bar").GetString());
        Assert.Empty(page.GetProperty("globals").EnumerateArray());

        // Each player steps on its own.
        var figures = await chromium.Page.QuerySelectorAllAsync("figure");
        Assert.Equal(2, figures.Length);
        await figures[1].FocusAsync();
        await chromium.Page.Keyboard.PressAsync("End");
        await figures[0].FocusAsync();
        await chromium.Page.Keyboard.PressAsync("ArrowRight");
        var numbers = await chromium.EvaluateAsync("[...document.querySelectorAll('figure .num')].map(n => n.textContent)");
        Assert.Equal(["2 / 9", $"{two.Figure.FrameCount} / {two.Figure.FrameCount}"], numbers.EnumerateArray().Select(n => n.GetString()));
        using (var expected = PngFrame(one, 1))
        using (var shot = await Shot(await figures[0].QuerySelectorAsync("svg"))) _pictures.AssertSame(expected, shot, "one pasted, frame 1");
        using (var expected = PngFrame(two, two.Figure.FrameCount - 1))
        using (var shot = await Shot(await figures[1].QuerySelectorAsync("svg"))) _pictures.AssertSame(expected, shot, "two pasted, last frame");
        Assert.Empty(chromium.Errors);
    }
}
