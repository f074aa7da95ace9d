using System.Text.Json.Nodes;
using ConvAnimations.Spec;
using ConvAnimations.Tests.Spec;
using ConvAnimations.Tests.Support;
using ConvAnimations.Views;
using CsCheck;
using Json.Schema;

namespace ConvAnimations.Tests.Schema;

/// <summary>
/// figures.schema.json, the editors' view of the figure language: it accepts every file the reader accepts, rejects
/// the bad inputs a schema can express, and names the same keys and words as the reader's tables.
/// </summary>
public sealed class FiguresSchemaTests
{
    private static readonly string SchemaFile = Path.Combine(Repo.Root, "figures.schema.json");
    private static readonly JsonSchema Schema = JsonSchema.FromFile(SchemaFile);
    private static readonly string StarterFile = Path.Combine(Repo.Root, "src", "ConvAnimations.Cli", "Commands", "starter.yaml");
    private static readonly EvaluationOptions Options = new() { OutputFormat = Json.Schema.OutputFormat.List };
    private static readonly JsonObject SchemaJson = JsonNode.Parse(File.ReadAllText(SchemaFile))!.AsObject();

    /// <summary>Good files that use every key and every form of a value, besides figures.yaml.</summary>
    public static readonly string[] GoodFiles =
    [
        """
        defaults: {frame_ms: 500, formats: [gif, png, webp], scale: 0.5, kernel: 3, stride: [1, 2]}
        figures:
          - {name: a, input: 4}
          - name: wide_transposed
            title: A wide transposed convolution
            kind: transposed
            input: [6, 9]
            kernel: [3, 2]
            stride: [2, 3]
            padding: [1, 0]
            dilation: [1, 2]
            output: [6, 9]
            style: flat
            panels: {frames: [0, 1, 2, 3], columns: 2, formats: [svg, pdf]}
          - {name: framework, kind: transposed, transposed_input: [3, 2], output_padding: [1, 0], kernel: 3, stride: 2, padding: half}
          - {name: tf_same, input: 6, kernel: 3, stride: 2, padding: same, play: first_row}
          - {name: played, input: 6, kernel: 3, play: [0, 1, "4-6"], panels: {frames: [0, 4]}}
          - {name: sampled, input: 6, kernel: 3, play: {every: 4}}
          - {name: paper, input: 5, kernel: 3, stride: 2, padding: 1, labels: full, legend: true, theme: print, panels: {frames: [0, 1, 2, 3], columns: 2, width: 120mm, text: 8pt, letters: true, formats: [pdf, svg, png]}}
          - {name: spread_maps, input: 5, kernel: 1, in_channels: 3, out_channels: 2, layout: spread, labels: maps}
          - {name: words, input: [5, 7], kernel: [3, 5], padding: [full, valid], formats: [svg, pdf, mp4]}
          - {name: half, input: 7, kernel: 3, dilation: 2, padding: half, frame_ms: 20}
          - {name: numbers, kind: average_pooling, input: 5, kernel: 3, padding: 1, values: {seed: 7}}
          - {name: maxed, kind: max_pooling, input: 5, kernel: 2, stride: 2, values: {seed: -3}, panels: {}}
          - {name: explicit, input: 3, kernel: 2, stride: 1, output: 2, values: {input: [[1, 2, 3], [4, 5, 6], [7, 8, 9]], kernel: [[0, 1], [-1.5, 2e2]]}}
          - {name: 2024, title: 42, input: 4}
          - {name: "quoted-name", title: "a title: with a colon", input: 4, scale: 8}
        """,
        // The keys that came with channels, views, compositions and looks, and YAML's anchors and aliases.
        """
        defaults: &d
          frame_ms: 500
          formats: [gif, png]
        figures:
          - name: grouped
            input: &five 5
            kernel: 3
            in_channels: 4
            out_channels: 2
            groups: 2
            theme: {base: solarized-dark, input: "#1d4e89", highlight: "#b58900"}
            labels: full
            legend: true
          - name: two_maps
            input: [3, 4]
            kernel: 2
            in_channels: 2
            values: {input: [[[1, 2, 3, 4], [5, 6, 7, 8], [9, 0, 1, 2]], [[0, 1, 0, 1], [1, 0, 1, 0], [2, 2, 2, 2]]], kernel: [[[[1, 0], [0, 1]], [[2, 1], [1, 2]]]]}
            reveal: progressive
            decimals: 1
            theme: colorblind
          - {name: matrix, view: matrix, kind: transposed, input: *five, kernel: 3, stride: 2, padding: {top: 1, bottom: 1, left: 0, right: 0}}
          - {name: hops, view: hops, input: 5, kernel: 3, stride: 2, formats: [png, svg, pdf]}
          - {name: kept, view: subsampling, input: 5, kernel: 3, stride: 2, formats: [png]}
          - {name: pooled, kind: max_pooling, input: 4, kernel: 2, in_channels: 3, values: {seed: 1}, theme: print}
          - {name: both, beside: [matrix, pooled], title: Side by side}
          - {name: after, sequence: [hops, both]}
        """,
        // Chains of layers, with every key a layer takes.
        """
        defaults: {kernel: 3, view: blocks}
        figures:
          - name: chain
            title: A chain
            input: [1, 16]
            in_channels: 2
            view: stack
            style: flat
            labels: sizes
            layers:
              - {name: first, title: Causal, kind: convolution, kernel: [1, 2], stride: 1, padding: causal, dilation: [1, 2], out_channels: 4, groups: 2}
              - {kind: transposed, kernel: [1, 3], stride: [1, 2], padding: [0, 1], output_padding: [0, 1]}
              - {kind: max_pooling, kernel: [1, 2], stride: [1, 2], padding: {left: 1}}
          - {name: blocks, input: 12, reveal: progressive, legend: true, layers: [{out_channels: 3}, {kind: average_pooling, kernel: 2, stride: 2}]}
          - {name: both, beside: [chain, blocks]}
        """,
        .. CommandLineFigures(),
    ];

    private static IEnumerable<string> CommandLineFigures() =>
    [
        "figures:\n  - {name: wide, kind: transposed, input: [6, 9], kernel: [3, 2], stride: [2, 3], padding: [1, 0], dilation: [1, 2]}\n",
        "figures:\n  - {name: a, input: 4, kernel: 3}\n  - {name: b, input: 5, kernel: 3, stride: 2}\n",
    ];

    public static IEnumerable<object[]> Good() =>
        new[] { File.ReadAllText(Repo.FiguresFile), File.ReadAllText(StarterFile) }.Concat(GoodFiles).Select((yaml, i) => new object[] { i, yaml });

    [Theory]
    [MemberData(nameof(Good))]
    public void Accepts_every_file_the_reader_accepts(int index, string yaml)
    {
        var read = ViewTable.Default.Parse(yaml, $"good{index}.yaml");
        Assert.True(read.IsValid, string.Join("\n", read.Errors));
        AssertValid(yaml, true);
    }

    /// <summary>The bad-input cases (by the words of the reader's error) that a schema can express: types, enums, ranges, unknown keys.</summary>
    public static readonly string[] Expressible =
    [
        "unknown key 'kernal' in a figure", "kernel: expected a whole number or [rows, cols], got 'three'", "stride: expected a whole number",
        "got a list of 3", "input: 0 is not allowed", "input: [4, -2] is not allowed", "stride: 0 is not allowed", "stride: -1 is not allowed",
        "dilation: 0 is not allowed", "padding: -1 is not allowed", "(did you mean 'same'?)", "name '../evil' is not allowed",
        "name 'Big Name' is not allowed", "a figure needs a 'name'", "the file is empty", "no 'figures' list",
        "'figures' must be a list with at least one figure", "expected a mapping with 'defaults' (optional) and 'figures'",
        "each entry of 'figures' must be a mapping", "unknown key 'figurs' in top level", "'defaults' cannot set 'name'",
        "unknown key 'scal' in defaults", "kind: 'transpose' is not one of", "frame_ms: 15 is not allowed", "formats: 'avi' is not one of",
        "scale: 100 is out of range", "style: 'round' is not one of", "values.kernel: expected a number, got 'x'",
    ];

    [Fact]
    public void Rejects_the_bad_inputs_it_can_express()
    {
        var cases = BadInputTests.Cases.Select(c => ((string)c[0]!, (string)c[4]!)).ToList();
        foreach (var words in Expressible)
        {
            var matching = cases.Where(c => c.Item2.Contains(words, StringComparison.Ordinal) || words.Contains(c.Item2, StringComparison.Ordinal)).ToList();
            Assert.True(matching.Count > 0, $"no bad-input case says \"{words}\"");
            foreach (var (yaml, _) in matching) AssertValid(yaml, false);
        }
    }

    [Theory]
    [InlineData("figures:\n  - {name: a, input: 4, kernel: 3, formats: [gif, gif]}")]
    [InlineData("figures:\n  - {name: a, input: 4, kernel: 3, formats: []}")]
    [InlineData("figures:\n  - {name: a, input: 4, kernel: 3, frame_ms: 1005}")]
    [InlineData("figures:\n  - {name: a, input: 4, kernel: 3, scale: 0.1}")]
    [InlineData("figures:\n  - {name: a, input: 4, kernel: \"3\"}")]
    [InlineData("figures:\n  - {name: a, input: 10001, kernel: 3}")]
    [InlineData("figures:\n  - {name: a, input: 4, kernel: 3, panels: {formats: [gif]}}")]
    [InlineData("figures:\n  - {name: a, input: 4, kernel: 3, panels: {columns: 0}}")]
    [InlineData("figures:\n  - {name: a, input: 4, kernel: 3, panels: {rows: 2}}")]
    [InlineData("figures:\n  - {name: a, input: 4, kernel: 3, values: {seed: 1, inputs: [[1]]}}")]
    [InlineData("figures:\n  - {name: a, input: 4, kernel: 3, values: {input: [[1, 2000000]], kernel: [[1]]}}")]
    [InlineData("figures:\n  - {name: a, input: 4, kernel: 3, title: \"\"}")]
    [InlineData("figures:\n  - {name: a, input: 4, kernel: 3, title: \"tab\\there\"}")]
    public void Rejects_more_bad_values_of_one_key(string yaml)
    {
        Assert.False(ViewTable.Default.Parse(yaml, "bad.yaml").IsValid);
        AssertValid(yaml, false);
    }

    [Fact]
    public void Names_the_same_keys_and_words_as_the_reader()
    {
        var figure = SchemaJson["definitions"]!["figureKeys"]!["properties"]!.AsObject();
        Assert.Equal(FigureFields.KnownKeys(ViewTable.Default.Views).Order(), figure.Select(p => p.Key).Order());
        Assert.Equal(ValuesSpec.Keys.Order(), figure["values"]!["properties"]!.AsObject().Select(p => p.Key).Order());
        Assert.Equal(PanelsSpec.Keys.Order(), figure["panels"]!["properties"]!.AsObject().Select(p => p.Key).Order());
        Assert.Equal(LayerChains.LayerKeys.Order(), figure["layers"]!["items"]!["properties"]!.AsObject().Select(p => p.Key).Order());
        Assert.Equal(Kind.All.Select(k => k.Name), Enum(figure["kind"]));
        Assert.Equal(ViewTable.Default.Words, Enum(figure["view"]));
        Assert.Equal(Words<FigureStyle>.Names, Enum(figure["style"]));
        Assert.Equal(ConvAnimations.Spec.OutputFormat.Names, Enum(figure["formats"]!["items"]));
        Assert.Equal(ConvAnimations.Spec.OutputFormat.PanelNames, Enum(figure["panels"]!["properties"]!["formats"]!["items"]));
        Assert.Equal(Words<PaddingWord>.Names, Enum(SchemaJson["definitions"]!["paddingAmount"]!["oneOf"]![1]));
        Assert.All(figure, key => Assert.False(string.IsNullOrWhiteSpace(key.Value!["description"]?.GetValue<string>()), $"{key.Key} has no description"));
    }

    /// <summary>
    /// The schema is never stricter than the reader: random edits of the good files (CsCheck, shrunk on failure) that
    /// the reader still accepts are accepted by the schema too.
    /// </summary>
    [Fact]
    public void Whatever_the_reader_accepts_after_random_edits_the_schema_accepts()
    {
        string[] sources = [File.ReadAllText(Repo.FiguresFile), File.ReadAllText(StarterFile), .. GoodFiles];
        Gen.Select(Gen.Int[0, sources.Length - 1],
                Gen.Select(Gen.Enum<MutationKind>(), Gen.Int[0, 1_000_000], Gen.Int[0, 1_000_000], Gen.Int[0, 1000], (k, a, o, p) => new Mutation(k, a, o, p)).Array[1, 4])
            .Sample(sample =>
            {
                var text = sample.Item2.Aggregate(sources[sample.Item1], (t, m) => m.Apply(t));
                if (!ViewTable.Default.Parse(text, "mutated.yaml").IsValid) return true;
                var result = Schema.Evaluate(Element(YamlAsJson.Convert(text)), Options);
                return result.IsValid;
            }, iter: 1500);
    }

    [Fact]
    public void Figures_yaml_names_the_schema_for_the_yaml_language_server() =>
        Assert.Equal("# yaml-language-server: $schema=./figures.schema.json", File.ReadLines(Repo.FiguresFile).First());

    private static System.Text.Json.JsonElement Element(JsonNode? node) => System.Text.Json.JsonSerializer.SerializeToElement(node);

    private static IEnumerable<string> Enum(JsonNode? node) => node!["enum"]!.AsArray().Select(v => v!.GetValue<string>());

    private static void AssertValid(string yaml, bool expected)
    {
        JsonNode? json;
        try
        {
            json = YamlAsJson.Convert(yaml);
        }
        catch (YamlDotNet.Core.YamlException) when (!expected)
        {
            return;
        }
        var result = Schema.Evaluate(Element(json), Options);
        var errors = string.Join("\n", (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")));
        Assert.True(result.IsValid == expected, $"expected the schema to {(expected ? "accept" : "reject")}:\n{yaml}\n{errors}");
    }
}
