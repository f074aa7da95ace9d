using ConvAnimations.Explain;
using ConvAnimations.Preparation;
using ConvAnimations.Rendering;
using ConvAnimations.Scenes;
using ConvAnimations.Spec;
using ConvAnimations.Tests.Cli;
using ConvAnimations.Tests.Support;
using ConvAnimations.Views;

namespace ConvAnimations.Tests.Connectivity;

/// <summary>
/// <c>kind: fully_connected</c> as the reader takes it, and what <c>view: connectivity</c> draws and says: weights
/// counted, the frame's edges over the pattern, zero units dashed and their edges faint, large figures numbered.
/// </summary>
public sealed class ConnectivityViewTests
{
    [Fact]
    public void A_fully_connected_figure_is_drawn_as_units_and_edges_and_the_defaults_kernel_keys_pass_it_by()
    {
        var file = ViewTable.Default.Parse("""
            defaults: {kernel: 3, stride: 2, padding: 1, values: {seed: 3}}
            figures:
              - {name: dense, kind: fully_connected, input: 7, output: [1, 5]}
              - {name: row, kind: fully_connected, input: [1, 4], output: 2, view: connectivity}
            """, "d.yaml");
        Assert.True(file.IsValid, string.Join("\n", file.Errors));
        var dense = file.Figures[0];
        Assert.Same(ConnectivityView.Instance, dense.View);
        Assert.Null(dense.Values);
        Assert.Equal((new ConvAnimations.Arithmetic.Size2(1, 7), new ConvAnimations.Arithmetic.Size2(1, 5), 5), (dense.AnimatedInput, dense.AnimatedOutput, dense.FrameCount));
        var prepared = new PreparedFigure(dense);
        Assert.Equal(5, prepared.Animation.Frames.Count);
        Assert.Equal(5, prepared.Scene.Frames.Count);
        Assert.Equal((4, 2), (file.Figures[1].AnimatedInput.Cols, file.Figures[1].AnimatedOutput.Cols));

        var text = prepared.Describe();
        Assert.Contains("n·m = 7·5 = 35 weights, one an edge", text);
        Assert.Contains("k·k·C_in/groups·C_out", text);
        Assert.Equal(["m = 5 output units, each joined to all n = 7 input units: n·m = 35 weights"], ArithmeticText.OutputFormulas(dense));
        Assert.Contains(prepared.Scene.Annotations.Captions, c => c.Text == "7·5 = 35 weights, one an edge");
    }

    [Fact]
    public void The_pytorch_program_of_a_fully_connected_figure_is_a_linear_layer_of_n_times_m_weights()
    {
        var program = Repo.Prepared("fully_connected").PyTorch(out var why);
        Assert.Null(why);
        Assert.Contains("layer = nn.Linear(7, 5, bias=False, dtype=torch.float64)", program);
        Assert.Contains("assert layer.weight.numel() == 7 * 5", program);
        Assert.Contains("assert y.shape == (1, 5)", program);
        var result = InProcess.Convanim("explain", "fully_connected", "--pytorch", "--file", Repo.FiguresFile);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("nn.Linear(7, 5", result.Stdout);
    }

    [Fact]
    public void A_convolution_counts_its_shared_weights()
    {
        var prepared = Repo.Prepared("convolution_connectivity_7");
        Assert.Contains(prepared.Scene.Annotations.Captions, c => c.Text == "3 weights, shared by 15 edges");
        Assert.Contains("15 edges (the non-zero entries of C); 3 weights shared by them", prepared.Describe());
        var transposed = Repo.Prepared("why_insert_zeros").Describe();
        Assert.Contains("(the non-zero entries of Cᵀ: C's, reversed)", transposed);
        Assert.Contains("equivalent convolution: 1x7 = 7 units, 5 of them zeros", transposed);
        Assert.Contains("the 6 from input units are Cᵀ's", transposed);
    }

    [Fact]
    public void Each_frame_draws_its_outputs_edges_thick_over_the_pattern_each_tap_its_own_colour()
    {
        var scene = Repo.Prepared("convolution_connectivity").Scene;
        Assert.Equal(3, scene.Frames.Count);
        for (var j = 0; j < 3; j++)
        {
            var edges = scene.Frames[j].Marks.OfType<Edge>().ToList();
            // 9 edges of C and the key's 3 swatches; output j's three edges thick, one for each tap, in the tap's colour.
            Assert.Equal(12, edges.Count);
            var thick = edges.Where(e => e.Weight == Weight.Thick && e.FromRow != e.ToRow).ToList();
            Assert.Equal([0, 1, 2], thick.Select(e => e.Tap!.Value).Order());
            Assert.All(edges, e => Assert.Equal(EdgeTone.Full, e.Tone));
            var units = scene.Frames[j].Marks.OfType<Unit>().ToList();
            Assert.Equal(8, units.Count);
            Assert.Equal(4, units.Count(u => u.Highlighted));
        }
    }

    [Fact]
    public void With_numbers_the_units_show_their_values_and_the_frames_edges_their_weights()
    {
        var figure = Figures.Parse("figures:\n  - {name: n, view: connectivity, input: [1, 5], kernel: [1, 3], values: {input: [[1, 2, 3, 4, 5]], kernel: [[7, 8, 9]]}}\n");
        var scene = new PreparedFigure(figure).Scene;
        // The key names each tap by its weight, on every frame.
        Assert.Equal(["7", "8", "9"], scene.Planes[0].Labels.Select(l => l.Text));
        for (var j = 0; j < 3; j++)
        {
            var texts = scene.Frames[j].Marks.OfType<Label>().Select(l => l.Text).ToList();
            Assert.Equal(["7", "8", "9"], texts.Where(t => t is "7" or "8" or "9").Order());
            Assert.Equal(["1", "2", "3", "4", "5"], texts.Where(t => t.Length == 1 && t[0] is >= '1' and <= '5'));
            // Output j = 7·x[j] + 8·x[j+1] + 9·x[j+2].
            Assert.Contains((7 * (j + 1) + 8 * (j + 2) + 9 * (j + 3)).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture), texts);
        }
    }

    [Fact]
    public void The_equivalent_convolution_draws_zero_units_dashed_and_their_edges_faint()
    {
        var figure = Repo.Figure("why_zero_padding");
        var scene = new PreparedFigure(figure).Scene;
        var marks = scene.Frames[0].Marks;
        var units = marks.OfType<Unit>().ToList();
        // Cᵀ: 3 inputs and 5 outputs; below it 7 grid units (4 of them zeros) and 5 outputs.
        Assert.Equal(20, units.Count);
        Assert.Equal(4, units.Count(u => u.Dashed && u.Fill is null));
        var faint = marks.OfType<Edge>().Where(e => e.Tone == EdgeTone.Faint).ToList();
        Assert.Equal(6, faint.Count);
        // The edges from the grid's input units lie exactly under Cᵀ's: the same columns, the same taps.
        var edges = marks.OfType<Edge>().Where(e => e.FromRow != e.ToRow).ToList();
        var rows = edges.Select(e => e.FromRow).Distinct().Order().ToList();
        var top = edges.Where(e => e.FromRow == rows[0]).Select(e => (e.FromCol, e.ToCol, e.Tap, e.Weight)).Order();
        var bottom = edges.Where(e => e.FromRow == rows[1] && e.Tone == EdgeTone.Full).Select(e => (e.FromCol, e.ToCol, e.Tap, e.Weight)).Order();
        Assert.Equal(top, bottom);
    }

    [Fact]
    public void A_large_figure_numbers_its_units_and_draws_the_pattern_faint()
    {
        var figure = Figures.Parse("figures:\n  - {name: big, view: connectivity, input: 16, kernel: 3, padding: same, scale: 0.25}\n");
        var scene = new PreparedFigure(figure).Scene;
        var indices = scene.Planes[0].Labels.Select(l => l.Text).Where(t => int.TryParse(t, out _)).ToList();
        Assert.Equal(2 * 256, indices.Count);
        Assert.Contains("255", indices);
        var edges = scene.Frames[100].Marks.OfType<Edge>().Where(e => e.FromRow != e.ToRow).ToList();
        Assert.Equal(16 * 16 * 9 - 4 * 16 * 3 + 4, edges.Count);
        Assert.All(edges.Where(e => e.Weight == Weight.Thin), e => Assert.Equal(EdgeTone.Hairline, e.Tone));
        Assert.Equal(9, edges.Count(e => e.Weight == Weight.Thick && e.Tone == EdgeTone.Full));
        using var renderer = new SceneRenderer(scene);
        Assert.True(renderer.Size.Width <= Budget.MaxSide);
    }
}
