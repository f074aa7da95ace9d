using ConvAnimations.Spec;
using ConvAnimations.Tests.Cli;
using ConvAnimations.Tests.Support;
using ConvAnimations.Views;

namespace ConvAnimations.Tests.Spec;

/// <summary>Every kind of broken figure file: the error names file, line, column, figure and rule; nothing is rendered.</summary>
public sealed class BadInputTests
{
    private const string Head = "figures:\n  - name: f\n";

    // yaml, line, column, the figure named in the error (or null), words the message must contain
    public static IEnumerable<object?[]> Cases =>
    [
        ["figures:\n  - name: f\n    input: [4, 5\n", 4, 1, null, "YAML syntax"],
        ["figures:\n  - name: f\n    input: 4\n   kernel: 3\n", 4, 4, null, "YAML syntax"],
        [Head + "    input: 4\n    kernal: 3\n", 4, 5, "f", "unknown key 'kernal' in a figure (did you mean 'kernel'?)"],
        [Head + "    input: 4\n    kernel: three\n", 4, 13, "f", "kernel: expected a whole number or [rows, cols], got 'three'"],
        [Head + "    input: 4\n    kernel: 3\n    stride: 1.5\n", 5, 13, "f", "stride: expected a whole number"],
        [Head + "    input: 4\n    kernel: [3, 3, 3]\n", 4, 13, "f", "kernel: expected a number or [rows, cols], got a list of 3"],
        [Head + "    input: 0\n    kernel: 3\n", 3, 12, "f", "input: 0 is not allowed"],
        [Head + "    input: [4, -2]\n    kernel: 3\n", 3, 12, "f", "input: [4, -2] is not allowed"],
        [Head + "    input: 4\n    kernel: 3\n    stride: 0\n", 5, 13, "f", "stride: 0 is not allowed: the stride must be at least 1"],
        [Head + "    input: 4\n    kernel: 3\n    stride: -1\n", 5, 13, "f", "stride: -1 is not allowed"],
        [Head + "    input: 4\n    kernel: 3\n    dilation: 0\n", 5, 15, "f", "dilation: 0 is not allowed"],
        [Head + "    input: 4\n    kernel: 3\n    padding: -1\n", 5, 14, "f", "padding: -1 is not allowed: padding cannot be negative"],
        [Head + "    input: 3\n    kernel: 5\n", 4, 13, "f", "the window spans d(k-1)+1 = 5 cells, more than the padded input i+2p = 3"],
        [Head + "    input: [9, 3]\n    kernel: [3, 3]\n    dilation: [1, 2]\n", 4, 13, "f", "kernel (cols): the window spans d(k-1)+1 = 5 cells"],
        [Head + "    input: 5\n    kernel: 3\n    padding: causal\n", 5, 14, "f", "padding: 'causal' is for 1-D figures (input: [1, n], kernel: [1, k])"],
        [Head + "    kind: transposed\n    input: 5\n    kernel: 3\n    padding: {top: 1, bottom: 2}\n", 6, 14, "f", "padding: a transposed figure pads both sides alike"],
        [Head + "    input: 5\n    kernel: 3\n    padding: {top: 1, botom: 2}\n", 5, 23, "f", "unknown key 'botom' in padding (did you mean 'bottom'?)"],
        [Head + "    input: 5\n    kernel: 3\n    padding: {left: -1}\n", 5, 21, "f", "padding.left: -1 is not allowed: padding cannot be negative"],
        [Head + "    input: 5\n    kernel: 3\n    padding: sme\n", 5, 14, "f", "(did you mean 'same'?)"],
        [Head + "    kind: max_pooling\n    input: 1\n    kernel: 2\n    dilation: 3\n    padding: 2\n", 7, 14, "f", "padding: the window of output 0 lies in the padding alone (its taps, 3 cells apart, miss the input), where max pooling has no input to take"],
        [Head + "    input: 4\n    kernel: 3\n    view: dots\n", 5, 11, "f", "view: 'dots' is not one of kernel, matrix, hops, subsampling"],
        [Head + "    input: 6\n    kernel: 3\n    stride: 2\n    padding: 1\n    output: 4\n", 7, 13, "f", "output: 4 does not match the figure, which computes 3: o = floor((i + 2p - d(k-1) - 1)/s) + 1 = floor((6 + 2 - 2 - 1)/2) + 1 = 3"],
        [Head + "    kind: transposed\n    input: 6\n    kernel: 3\n    stride: 2\n    output: 3\n", 7, 13, "f", "a transposed figure's output is the direct input i = 6"],
        ["figures:\n  - {name: a, input: 4, kernel: 3}\n  - {name: a, input: 5, kernel: 3}\n", 3, 12, "a", "duplicate name: already used at "],
        ["figures:\n  - name: ../evil\n    input: 4\n    kernel: 3\n", 2, 11, null, "name '../evil' is not allowed"],
        ["figures:\n  - name: Big Name\n    input: 4\n    kernel: 3\n", 2, 11, null, "name 'Big Name' is not allowed"],
        ["figures:\n  - input: 4\n    kernel: 3\n", 2, 5, null, "a figure needs a 'name'"],
        [Head + "    input: 4\n", 2, 5, "f", "a figure needs a 'kernel'"],
        [Head + "    kernel: 3\n", 2, 5, "f", "a figure needs an 'input' size"],
        [Head + "    input: 4\n    kernel: 3\n    theme: solarized-drak\n", 5, 12, "f", "theme: 'solarized-drak' is not a theme: use one of solarized-light, solarized-dark, colorblind, print (did you mean 'solarized-dark'?)"],
        [Head + "    input: 4\n    kernel: 3\n    theme: {base: print, input: \"#12\"}\n", 5, 33, "f", "theme.input: '#12' is not a colour: write it as \"#RRGGBB\""],
        [Head + "    input: 4\n    kernel: 3\n    theme: {output: blue-ish}\n", 5, 21, "f", "theme.output: 'blue-ish' is not a colour"],
        [Head + "    input: 4\n    kernel: 3\n    theme: {base: print, inptu: \"#123456\"}\n", 5, 26, "f", "unknown key 'inptu' in theme (did you mean 'input'?)"],
        // Colours a reader cannot tell apart: the pair is named, at the colour the theme sets.
        [Head + "    input: 4\n    kernel: 3\n    theme: {background: \"#000000\", input: \"#000000\", output: \"#000000\", lines: \"#000000\", highlight: \"#000000\"}\n", 5, 80, "f",
            "theme: lines #000000 on background #000000 have a contrast of 1.00:1, under the 4.5:1 that text and lines need (WCAG): change theme.lines or theme.background"],
        [Head + "    input: 4\n    kernel: 3\n    theme: {base: solarized-dark, input: \"#6C71C4\"}\n", 5, 42, "f",
            "theme: lines #EEE8D5 on input #6C71C4 have a contrast of 3.57:1, under the 4.5:1 that text and lines need (WCAG): change theme.input"],
        [Head + "    input: 4\n    kernel: 3\n    theme: {base: solarized-light, input: \"#6C71C4\"}\n", 5, 43, "f",
            "theme: text on input #6C71C4 reads at best at 4.37:1 (ink #001F27 or #FFFFFF), under the 4.5:1"],
        ["defaults:\n  theme: {lines: \"#FFFFFF\"}\nfigures:\n  - {name: f, input: 4, kernel: 3}\n", 2, 18, null, "theme: lines #FFFFFF on background #FFFFFF have a contrast of 1.00:1"],
        [Head + "    input: 4\n    kernel: 3\n    labels: all\n", 5, 13, "f", "labels: 'all' is not one of none, maps, sizes, full"],
        [Head + "    input: 4\n    kernel: 3\n    legend: yes\n", 5, 13, "f", "legend: expected true or false"],
        [Head + "    input: 4\n    kernel: 3\n    reveal: slowly\n", 5, 13, "f", "reveal: 'slowly' is not one of all, progressive"],
        [Head + "    input: 4\n    kernel: 3\n    decimals: 4\n", 5, 15, "f", "decimals: 4 is not allowed: output values show 0 to 3 decimals"],
        ["", 1, 1, null, "the file is empty"],
        ["# nothing but a comment\n", 1, 1, null, "the file is empty"],
        ["defaults:\n  scale: 1.0\n", 1, 1, null, "no 'figures' list"],
        ["figures: []\n", 1, 10, null, "'figures' must be a list with at least one figure"],
        ["- name: f\n", 1, 1, null, "expected a mapping with 'defaults' (optional) and 'figures'"],
        ["figures:\n  - 3\n", 2, 5, null, "each entry of 'figures' must be a mapping"],
        ["figurs:\n  - {name: a, input: 4, kernel: 3}\n", 1, 1, null, "unknown key 'figurs' in top level (did you mean 'figures'?)"],
        ["defaults:\n  name: x\nfigures:\n  - {name: a, input: 4, kernel: 3}\n", 2, 9, null, "'defaults' cannot set 'name'"],
        ["defaults:\n  scal: 2\nfigures:\n  - {name: a, input: 4, kernel: 3}\n", 2, 3, null, "unknown key 'scal' in defaults (did you mean 'scale'?)"],
        [Head + "    input: 300\n    kernel: 3\n", 3, 12, "f", "over the limit of 256 on an axis"],
        [Head + "    input: 120\n    kernel: 1\n", 3, 12, "f", "14400 frames"],
        [Head + "    kind: transposed\n    input: 5\n    kernel: 3\n    padding: 3\n", 6, 14, "f", "padding: 3 is above d(k-1) = 2, the most a transposed figure allows"],
        [Head + "    kind: transposed\n    transposed_input: 3\n    output_padding: 2\n    kernel: 3\n    stride: 2\n", 5, 21, "f", "output_padding 2 must be below the stride 2"],
        [Head + "    kind: transposed\n    input: 6\n    transposed_input: 3\n    kernel: 3\n", 5, 23, "f", "give either 'input'"],
        [Head + "    input: 6\n    output_padding: 1\n    kernel: 3\n", 4, 21, "f", "output_padding goes with transposed_input"],
        [Head + "    transposed_input: 3\n    kernel: 3\n", 3, 23, "f", "transposed_input is for kind: transposed only"],
        [Head + "    kind: transpose\n    input: 4\n    kernel: 3\n", 3, 11, "f", "kind: 'transpose' is not one of convolution, transposed, max_pooling, average_pooling, fully_connected (did you mean 'transposed'?)"],
        [Head + "    input: 4\n    kernel: 3\n    frame_ms: 15\n", 5, 15, "f", "frame_ms: 15 is not allowed"],
        [Head + "    input: 4\n    kernel: 3\n    formats: [gif, avi]\n", 5, 20, "f", "formats: 'avi' is not one of gif, mp4"],
        [Head + "    input: 4\n    kernel: 3\n    scale: 100\n", 5, 12, "f", "scale: 100 is out of range"],
        [Head + "    input: 4\n    kernel: 3\n    style: round\n", 5, 12, "f", "style: 'round' is not one of isometric, flat"],
        [Head + "    input: 4\n    input: 5\n    kernel: 3\n", 4, 5, null, "Duplicate key"],
        [Head + "    input: 3\n    kernel: 2\n    values:\n      input: [[1, 2, 3], [4, 5, 6]]\n      kernel: [[1, 2], [3, 4]]\n", 6, 14, "f", "values.input: has 2 rows, expected 3 rows of 3 numbers"],
        [Head + "    input: 3\n    kernel: 2\n    values:\n      input: [[1, 2, 3], [4, 5], [7, 8, 9]]\n      kernel: [[1, 2], [3, 4]]\n", 6, 26, "f", "values.input: row 2 is a list of 2, expected a list of 3 numbers"],
        [Head + "    input: 3\n    kernel: 2\n    values:\n      input: [[1, 2, 3], [4, 5, 6], [7, 8, 9]]\n      kernel: [[1, 2], [3, x]]\n", 7, 28, "f", "values.kernel: expected a number, got 'x'"],
        [Head + "    kind: max_pooling\n    input: 3\n    kernel: 2\n    values:\n      input: [[1, 2, 3], [4, 5, 6], [7, 8, 9]]\n      kernel: [[1, 2], [3, 4]]\n", 8, 15, "f", "a pooling figure has no kernel weights"],
        [Head + "    input: 3\n    kernel: 2\n    values:\n      input: [[1, 2, 3], [4, 5, 6], [7, 8, 9]]\n", 6, 7, "f", "values: needs 'kernel'"],
        [Head + "    input: 3\n    kernel: 2\n    values:\n      seed: 1\n      input: [[1, 2, 3], [4, 5, 6], [7, 8, 9]]\n", 6, 13, "f", "give either 'seed' or explicit"],
        [Head + "    kind: max_pooling\n    input: 4\n    kernel: 2\n    padding: 2\n", 6, 14, "f", "at most half the window"],
        ["figures:\n  - name: f\n    input: 4\n\tkernel: 3\n", 4, 1, null, "a tab in the indentation: indent with spaces, not tabs"],
        ["figures:\n  - name: f\n    input: 4\n    kernel: 3\n  \t  stride: 1\n", 5, 3, null, "indent with spaces, not tabs"],
        [Head + "    kind: convolution3d\n    input: 4\n    kernel: 3\n", 3, 11, "f", "is not one of convolution, transposed, max_pooling, average_pooling, fully_connected: 3-D operations are not drawn: figures are 2-D maps"],
        [Head + "    kind: depthwise\n    input: 4\n    kernel: 3\n", 3, 11, "f", "a depthwise convolution is kind: convolution with in_channels = out_channels = groups"],
        [Head + "    input: [3, 5, 5]\n    kernel: 3\n", 3, 12, "f", "input: expected a number or [rows, cols], got a list of 3 (figures are 2-D"],
        [Head + "    kind: transposed\n    input: 6\n    kernel: 3\n    stride: 2\n    padding: same\n", 7, 14, "f", "padding: same is TensorFlow's SAME, which here pads 0 before and 1 after"],
        // Fully connected figures, the connectivity and scatter views (issue 19).
        [Head + "    kind: fully_connected\n    input: 7\n    output: 5\n    kernel: 3\n", 6, 5, "f", "'kernel' does not go with kind: fully_connected, which joins every input unit to every output unit"],
        [Head + "    kind: fully_connected\n    input: 7\n    output: 5\n    values: {seed: 1}\n", 6, 5, "f", "values: a fully_connected figure has no numbers"],
        [Head + "    kind: fully_connected\n    input: 7\n", 2, 5, "f", "a fully_connected figure needs 'output': m, its output units"],
        [Head + "    kind: fully_connected\n    input: [2, 7]\n    output: 5\n", 4, 12, "f", "input: [2, 7]: a fully_connected figure's units lie in one row"],
        [Head + "    kind: fully_connected\n    view: kernel\n    input: 7\n    output: 5\n", 4, 11, "f", "view: kernel cannot draw kind: fully_connected, which has no kernel to slide: use view: connectivity"],
        [Head + "    kind: fully_connected\n    input: 200\n    output: 100\n", 2, 5, "f", "view: connectivity draws at most 4096 edges, and this figure has 20000: a fully connected layer of n inputs and m outputs has n·m, so keep n·m within the limit (64 and 64 fit)"],
        [Head + "    view: connectivity\n    input: 5\n    kernel: 3\n    in_channels: 2\n", 3, 11, "f", "view: connectivity draws one input map and one output map"],
        [Head + "    view: connectivity\n    input: 17\n    kernel: 3\n", 3, 11, "f", "view: connectivity draws at most 256 units a row, which fits a 1-D map of up to [1, 256] or a 2-D one of up to 16x16: the input has 17x17 = 289"],
        [Head + "    view: connectivity\n    equivalent: false\n    input: 5\n    kernel: 3\n", 4, 17, "f", "equivalent: only a transposed figure has an equivalent convolution"],
        [Head + "    view: scatter\n    input: 5\n    kernel: 3\n", 3, 11, "f", "view: scatter draws a transposed convolution as each input cell scattering the kernel onto the output: use kind: transposed"],
        [Head + "    kind: transposed\n    view: scatter\n    overlap: yes\n    input: 5\n    kernel: 3\n", 5, 14, "f", "overlap: expected true or false, got 'yes'"],
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Bad_input_is_reported_with_its_place_and_rule(string yaml, int line, int column, string? figure, string words)
    {
        var file = ViewTable.Default.Parse(yaml, "test.yaml");
        Assert.Empty(file.Figures);
        var error = file.Errors.FirstOrDefault(e => e.Message.Contains(words, StringComparison.Ordinal));
        Assert.True(error is not null, $"no error says \"{words}\"; got:\n{string.Join("\n", file.Errors)}");
        Assert.Equal(("test.yaml", line, column), (error.Location.File, error.Location.Line, error.Location.Column));
        Assert.Equal(figure, error.Figure);
        Assert.StartsWith($"test.yaml:{line}:{column}: error: ", error.ToString());
    }

    [Fact]
    public void Every_problem_of_a_file_is_reported_at_once()
    {
        var file = ViewTable.Default.Parse("""
            figures:
              - name: a
                input: 4
                kernal: 3
              - name: b
                input: 0
                kernel: 3
              - name: c
                input: 4
                kernel: 3
                stride: 1.5
            """, "test.yaml");
        Assert.Equal([("a", 4), ("b", 6), ("c", 11)], file.Errors.Select(e => (e.Figure!, e.Location.Line)).ToList());
    }

    [Fact]
    public void Unknown_padding_word_and_valid_words_resolve_per_axis()
    {
        var figure = Figures.Parse("figures:\n  - {name: w, input: [5, 7], kernel: [3, 5], padding: full}");
        Assert.Equal((2, 4), (figure.Geometry.Padding.Rows, figure.Geometry.Padding.Cols));
        figure = Figures.Parse("figures:\n  - {name: w, input: [5, 7], kernel: [3, 5], padding: [same, valid]}");
        Assert.Equal((1, 0), (figure.Geometry.Padding.Rows, figure.Geometry.Padding.Cols));
        figure = Figures.Parse("figures:\n  - {name: w, input: 7, kernel: 3, dilation: 2, padding: half}");
        Assert.Equal(2, figure.Geometry.Padding.Rows);
    }

    [Fact]
    public void Defaults_apply_to_every_figure_and_figures_override_them()
    {
        var file = ViewTable.Default.Parse("""
            defaults:
              frame_ms: 500
              formats: [gif]
              kernel: 3
            figures:
              - {name: a, input: 4}
              - {name: b, input: 5, frame_ms: 200, kernel: 2}
            """, "test.yaml");
        Assert.True(file.IsValid, string.Join("\n", file.Errors));
        Assert.Equal((500, 3), (file.Figures[0].FrameMs, file.Figures[0].Geometry.Rows.Kernel));
        Assert.Equal((200, 2), (file.Figures[1].FrameMs, file.Figures[1].Geometry.Rows.Kernel));
        Assert.Equal([OutputFormat.Gif], file.Figures[1].Formats);
    }
}

/// <summary>
/// Every bad-input case again through the command line (in-process: the real binary's exit codes and stack traces are
/// the fuzz test's): exit 1, the place named, output untouched.
/// </summary>
public sealed class BadInputCommandLineTests
{
    [Theory]
    [MemberData(nameof(BadInputTests.Cases), MemberType = typeof(BadInputTests))]
    public void Render_refuses_the_file_and_leaves_output_untouched(string yaml, int line, int column, string? figure, string words)
    {
        using var dir = new TempDirectory();
        var file = dir.File("bad.yaml");
        File.WriteAllText(file, yaml);
        var output = Directory.CreateDirectory(dir.File("output")).FullName;
        File.WriteAllText(Path.Combine(output, "earlier.gif"), "an earlier render");

        var result = InProcess.Convanim("render", file, "--out", output);

        Assert.Equal(1, result.ExitCode);
        var expected = $"{file}:{line}:{column}: error: {(figure is null ? "" : $"figure '{figure}': ")}";
        Assert.Contains(result.Stderr.Split('\n'), l => l.StartsWith(expected, StringComparison.Ordinal) && l.Contains(words, StringComparison.Ordinal));
        Assert.Equal(["earlier.gif"], Directory.GetFiles(output).Select(Path.GetFileName));
        Assert.Equal("an earlier render", File.ReadAllText(Path.Combine(output, "earlier.gif")));
    }
}
