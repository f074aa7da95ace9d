using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using ConvAnimations.Pipeline;
using ConvAnimations.Scenes;
using ConvAnimations.Spec;
using ConvAnimations.Tests.Support;
using ConvAnimations.Writers;

namespace ConvAnimations.Tests.Writers;

/// <summary>
/// The formats written as one document from the scene, without a browser: every figure of figures.yaml writes both,
/// well formed, with a group of marks per frame, the player's data and a policy whose hashes are those of its style and
/// script; the same bytes from run to run (each format's files: WriterTableTests).
/// </summary>
public sealed partial class DocumentFormatTests
{
    [Fact]
    public void The_player_and_the_animated_svg_are_named_after_the_figure()
    {
        Assert.Equal("f.animated.svg", Path.GetFileName(FigureOutputs.AnimationPath("d", "f", OutputFormat.AnimatedSvg)));
        Assert.Equal("f.html", Path.GetFileName(FigureOutputs.AnimationPath("d", "f", OutputFormat.Html)));
    }

    [Fact]
    public async Task Every_figure_writes_a_player_and_an_animated_svg_with_a_group_for_each_frame_and_the_same_bytes_each_time()
    {
        var figures = Repo.FigureNames().Select(n => Repo.Figure((string)n[0]) with { Formats = [OutputFormat.Html, OutputFormat.AnimatedSvg], Panels = null }).ToList();
        using var first = new TempDirectory();
        using var second = new TempDirectory();
        Assert.All(await RenderPipeline.RunAsync(figures.Prepared(), new RenderOptions(first.Path)), r => Assert.True(r.Outcome == FigureOutcome.Rendered, r.Error));
        await RenderPipeline.RunAsync(figures.Prepared(), new RenderOptions(second.Path));
        XNamespace svg = "http://www.w3.org/2000/svg";
        foreach (var figure in figures)
        {
            var prepared = figure.Prepared();
            var frames = figure.FrameCount;
            foreach (var name in new[] { $"{figure.Name}.html", $"{figure.Name}.animated.svg" })
            {
                Assert.True(File.ReadAllBytes(first.File(name)).AsSpan().SequenceEqual(File.ReadAllBytes(second.File(name))), $"{name} differs between runs");
            }

            // The animated SVG: XML, its title the alt text, every frame with marks in groups of their own.
            var document = XDocument.Load(first.File($"{figure.Name}.animated.svg")).Root!;
            Assert.Equal(prepared.Alt(), document.Element(svg + "title")!.Value);
            var groups = document.Descendants(svg + "g").Select(g => (string?)g.Attribute("class")).OfType<string>()
                .Select(c => FrameClass().Match(c)).Where(m => m.Success).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
            var withMarks = Enumerable.Range(0, frames).Where(n => prepared.Scene.Frames[n].Marks.Count > 0);
            Assert.True(withMarks.All(groups.Contains), $"{figure.Name}: frames without a group");

            // The player: a policy that allows exactly its style and its script, its data, the alt text as its name.
            var page = File.ReadAllText(first.File($"{figure.Name}.html"));
            var policy = Regex.Match(page, "http-equiv=\"Content-Security-Policy\" content=\"([^\"]*)\"").Groups[1].Value;
            string Hash(string text) => "'sha256-" + Convert.ToBase64String(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text))) + "'";
            Assert.Equal($"default-src 'none'; style-src {Hash(Regex.Match(page, "<style>(.*?)</style>", RegexOptions.Singleline).Groups[1].Value)}; " +
                         $"script-src {Hash(Regex.Match(page, "<script>(.*?)</script>", RegexOptions.Singleline).Groups[1].Value)}; img-src data:; base-uri 'none'; form-action 'none'", policy);
            Assert.Contains($"aria-label=\"{System.Net.WebUtility.HtmlEncode(prepared.Alt())}\"", page);
            var data = JsonDocument.Parse(Regex.Match(page, "<script type=\"application/json\">(.*?)</script>", RegexOptions.Singleline).Groups[1].Value).RootElement;
            Assert.Equal(frames, data.GetProperty("n").GetInt32());
            Assert.Equal(prepared.Scene.Links.Links.Count, data.GetProperty("l").GetArrayLength());
        }
        // Every view's linked cells: the kernel views, the channels, the matrix, the composed figures, the stacks, the
        // scatter (not the diagrams, the blocks, nor the units and edges of the connectivity view, which link no cells yet).
        static bool Linked(Figure f) => f.Parts.Count > 0 && !f.View.ForLayers ? f.Parts.Any(Linked) : f.View.Name is not ("hops" or "blocks" or "connectivity");
        Assert.All(figures.Where(Linked), f => Assert.True(f.Prepared().Scene.Links.Links.Count > 0, $"{f.Name} has no linked cells"));
    }

    /// <summary>
    /// A stack's links are its frames' receptive fields as explain --json gives them: the output cell, and on every map
    /// below the same cells, moved by one offset per map (its padding on the grid the map is drawn as).
    /// </summary>
    [Fact]
    public void A_stacks_links_are_the_receptive_fields_explain_json_gives()
    {
        var figure = Repo.Prepared("wavenet");
        var frames = JsonDocument.Parse(figure.Json()).RootElement.GetProperty("frames").EnumerateArray().ToList();
        var links = figure.Scene.Links;
        var top = links.Maps.Max(m => m.Plane);
        Assert.Equal(frames.Count, links.Links.Count);
        var offsets = new Dictionary<int, (int, int)>();
        foreach (var (frame, link) in frames.Zip(links.Links))
        {
            var output = frame.GetProperty("output");
            Assert.Equal(new PlaneCell(top, new ConvAnimations.Layout.Cell(output[0].GetInt32(), output[1].GetInt32())), Assert.Single(link.Outputs));
            var receptive = frame.GetProperty("receptive").EnumerateArray().Select(c => (Map: c[0].GetInt32(), Row: c[1].GetInt32(), Col: c[2].GetInt32())).Where(c => c.Map < top).ToList();
            Assert.Equal(receptive.Count, link.Inputs.Count);
            foreach (var map in receptive.Select(c => c.Map).Distinct())
            {
                var expected = receptive.Where(c => c.Map == map).Select(c => (c.Row, c.Col)).Order().ToList();
                var actual = link.Inputs.Where(c => c.Plane == map).Select(c => (c.Cell.Row, c.Cell.Col)).Order().ToList();
                var offset = (actual[0].Row - expected[0].Row, actual[0].Col - expected[0].Col);
                Assert.Equal(offsets.TryAdd(map, offset) ? offset : offsets[map], offset);
                Assert.Equal(expected.Select(c => (c.Row + offset.Item1, c.Col + offset.Item2)), actual);
            }
        }
    }

    /// <summary>
    /// A scatter's links are explain --json's frames: the input cell that scatters joined to each output cell it adds to
    /// (on the output, drawn inside the p cells the transpose crops, and on the overlap map).
    /// </summary>
    [Fact]
    public void A_scatters_links_are_the_frames_explain_json_gives()
    {
        var figure = Repo.Prepared("transposed_scatter");
        var json = JsonDocument.Parse(figure.Json()).RootElement;
        var padding = json.GetProperty("direct").GetProperty("padding");
        var (pr, pc) = (padding[0].GetInt32(), padding[1].GetInt32());
        var frames = json.GetProperty("frames").EnumerateArray().ToList();
        var links = figure.Scene.Links;
        var plane = links.Maps.ToDictionary(m => m.Name, m => m.Plane);
        Assert.Equal(["input", "output", "overlap"], links.Maps.Select(m => m.Name));
        static ConvAnimations.Layout.Cell At(JsonElement c, int dr = 0, int dc = 0) => new(c[0].GetInt32() + dr, c[1].GetInt32() + dc);
        // A link for each output cell a frame's input adds to, in the frames' order.
        Assert.Equal(frames.Sum(f => f.GetProperty("outputs").GetArrayLength()), links.Links.Count);
        var next = 0;
        foreach (var (frame, n) in frames.Select((f, n) => (f, n)))
        {
            foreach (var output in frame.GetProperty("outputs").EnumerateArray())
            {
                var link = links.Links[next++];
                Assert.Equal(new PlaneCell(plane["input"], At(frame.GetProperty("input"))), Assert.Single(link.Inputs));
                Assert.Equal([new PlaneCell(plane["output"], At(output, pr, pc)), new PlaneCell(plane["overlap"], At(output))], link.Outputs);
                Assert.Equal(new FrameSpan(n, 1), link.Shown);
            }
        }
    }

    /// <summary><c>play:</c> keeps every computation linked; each shows on the frame that now plays it, or on none.</summary>
    [Fact]
    public void A_figure_that_plays_some_frames_keeps_its_links_on_the_frames_it_plays()
    {
        var all = Figures.Parse("figures:\n  - {name: f, input: 5, kernel: 3}\n").Prepared().Scene.Links;
        var played = Figures.Parse("figures:\n  - {name: f, input: 5, kernel: 3, play: [1, 4, 8]}\n").Prepared().Scene.Links;
        Assert.Equal(all.Links.Count, played.Links.Count);
        Assert.Equal([0, 0, 0, 0, 0, 0, 0, 0, 0], Enumerable.Range(0, 9).Select(i => played.Links[i].Inputs.Except(all.Links[i].Inputs).Count()));
        Assert.Equal([(0, 0), (0, 1), (1, 0), (1, 0), (1, 1), (2, 0), (2, 0), (2, 0), (2, 1)], played.Links.Select(l => (l.Shown.First, l.Shown.Count)));
    }

    [GeneratedRegex(@"\bv([0-9]+)\b")]
    private static partial Regex FrameClass();
}
