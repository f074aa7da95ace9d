using ConvAnimations.Layout;
using ConvAnimations.Preparation;
using ConvAnimations.Rendering;
using ConvAnimations.Scenes;
using ConvAnimations.Spec;
using ConvAnimations.Tests.Support;
using ConvAnimations.Views;
using ConvAnimations.Writers;
using CsCheck;

namespace ConvAnimations.Tests.Matrix;

/// <summary>The scenes of the matrix view, the composed figures and the diagrams: what each frame marks, and that they draw.</summary>
public sealed class MatrixSceneTests
{
    private static Scene SceneOf(string yaml) => new PreparedFigure(Figures.Parse($"figures:\n  - {yaml}\n")).Scene;

    /// <summary>The kernel view's two planes come first; then the matrix, x and y.</summary>
    private const int MatrixPlane = 2, XPlane = 3, YPlane = 4;

    private static IReadOnlyList<Cell> Filled(SceneFrame frame, int plane) =>
        frame.Marks.OfType<CellFill>().Where(f => f.Plane == plane && f.Shade == Shade.Highlight).SelectMany(f => f.Cells).ToList();

    [Fact]
    public void Each_frame_shades_the_line_of_C_that_computes_it_and_the_entries_of_x_it_multiplies()
    {
        var scene = SceneOf("{name: m, view: matrix, input: 4, kernel: 3}");
        Assert.Equal(4, scene.Frames.Count);
        Assert.Equal(new(4, 16), scene.Planes[MatrixPlane].Size);
        for (var r = 0; r < 4; r++)
        {
            var frame = scene.Frames[r];
            // The guide, section 4.1: row r of C holds the kernel at columns 4(r//2 + a) + r%2 + b.
            var columns = from a in Enumerable.Range(0, 3) from b in Enumerable.Range(0, 3) select 4 * (r / 2 + a) + r % 2 + b;
            Assert.Equal(columns.Select(c => new Cell(r, c)), Filled(frame, MatrixPlane));
            Assert.Equal(columns.Select(c => new Cell(c, 0)), Filled(frame, XPlane));
            Assert.Equal([new Cell(r, 0)], Filled(frame, YPlane));
            Assert.Equal(new BlockOutline(MatrixPlane, new Cell(r, 0), new(1, 16)), frame.Marks.OfType<BlockOutline>().Single());
            // Every non-zero entry is written w with its tap: 36 of them, 9 a row.
            Assert.Equal(36, frame.Marks.OfType<Label>().Count(l => l.Plane == MatrixPlane && l.Text == "w"));
        }
    }

    [Fact]
    public void A_strided_transposed_figure_shows_C_transposed_with_the_columns_of_C_as_its_lines()
    {
        var figure = Figures.Parse("figures:\n  - {name: m, view: matrix, kind: transposed, input: 5, kernel: 3, stride: 2, padding: 1}\n");
        var scene = new PreparedFigure(figure).Scene;
        var c = ConvolutionMatrix.Of(figure.Geometry);
        Assert.Equal(new(25, 9), scene.Planes[MatrixPlane].Size);
        Assert.Equal(new(9, 1), scene.Planes[XPlane].Size);
        var columns = c.Lines(transposed: true);
        for (var j = 0; j < 25; j++)
        {
            Assert.Equal(columns[j].Select(e => new Cell(j, e.Row)), Filled(scene.Frames[j], MatrixPlane));
            Assert.Equal(columns[j].Select(e => new Cell(e.Row, 0)), Filled(scene.Frames[j], XPlane));
        }
        // Frame 6 computes output (1, 1): the direct outputs 0, 1, 3, 4 reach input 6 with taps (2,2), (2,0), (0,2), (0,0).
        Assert.Equal([0, 1, 3, 4], columns[6].Select(e => e.Row));
        Assert.Equal([(2, 2), (2, 0), (0, 2), (0, 0)], columns[6].Select(e => (e.KernelRow, e.KernelCol)));
    }

    [Fact]
    public void Large_matrices_keep_64_lines_and_show_what_each_frame_computes()
    {
        var scene = SceneOf("{name: m, view: matrix, input: 12, kernel: 3, scale: 0.25}");
        Assert.Equal(new(64, 64), scene.Planes[MatrixPlane].Size);
        foreach (var n in new[] { 0, 45, 99 })
        {
            var frame = scene.Frames[n];
            Assert.Equal(9, Filled(frame, MatrixPlane).Count);
            Assert.Equal(9, Filled(frame, XPlane).Count);
            Assert.Contains(frame.Marks, m => m is Ellipsis { Plane: MatrixPlane });
            // Columns are left out too (144 > 64): each entry of x drawn is numbered, and the shaded ones are the
            // input cells under the window of output cell (n / 10, n % 10): (r + a) * 12 + c + b.
            var index = frame.Marks.OfType<Label>().Where(l => l.Plane == XPlane).ToDictionary(l => (int)l.Row, l => int.Parse(l.Text, System.Globalization.CultureInfo.InvariantCulture));
            var expected = from a in Enumerable.Range(0, 3) from b in Enumerable.Range(0, 3) select (n / 10 + a) * 12 + n % 10 + b;
            Assert.Equal(expected.Order(), Filled(frame, XPlane).Select(cell => index[cell.Row]).Order());
        }
        var size = SceneRenderer.SizeOf(scene);
        Assert.True(size.Width < 1000 && size.Height < 600, $"{size}");
    }

    [Fact]
    public void The_slots_of_a_long_axis_hold_the_lines_asked_for_the_ends_and_a_gap_between_runs()
    {
        Gen.Select(Gen.Int[65, 5000], Gen.Int[1, 30]).SelectMany((count, n) => Gen.Int[0, count - 1].Array[n].Select(must => (count, must)))
            .Sample(t =>
            {
                var (count, must) = t;
                var slots = MatrixView.Slots(count, must.Length);
                var chosen = MatrixView.Choose(count, slots, must);
                Assert.Equal(slots, chosen.Length);
                var lines = chosen.Where(l => l >= 0).ToList();
                Assert.Equal(lines.Order().Distinct(), lines);
                Assert.Superset(must.Append(0).Append(count - 1).ToHashSet(), lines.ToHashSet());
                // A gap stands between two shown lines that are not neighbours, and only there.
                for (var i = 0; i < chosen.Length; i++)
                {
                    if (chosen[i] != -1) continue;
                    Assert.True(i > 0 && i + 1 < chosen.Length && chosen[i - 1] >= 0 && chosen[i + 1] > chosen[i - 1] + 1);
                }
                Assert.Equal(lines.Zip(lines.Skip(1)).Count(p => p.Second > p.First + 1), chosen.Count(l => l == -1));
                Assert.Equal(slots, chosen.Count(l => l >= -1));
            }, iter: 300);
    }

    [Fact]
    public void A_sequence_plays_its_parts_in_turn_on_a_canvas_large_enough_for_each()
    {
        var file = ViewTable.Default.Parse("""
            figures:
              - {name: conv, input: 4, kernel: 3}
              - {name: conv_t, kind: transposed, input: 4, kernel: 3}
              - {name: s, sequence: [conv, conv_t]}
              - {name: b, beside: [conv, conv_t]}
            """, "s.yaml");
        var scenes = file.Figures.ToDictionary(f => f.Name, f => new PreparedFigure(f).Scene);
        var sequence = scenes["s"];
        Assert.Equal(20, sequence.Frames.Count);
        Assert.Equal([true, true, false, false], sequence.Planes.Select(p => p.VisibleOn(3)));
        Assert.Equal([false, false, true, true], sequence.Planes.Select(p => p.VisibleOn(4)));
        Assert.All(sequence.Frames[2].Marks, m => Assert.True(m.Plane < 2));
        Assert.All(sequence.Frames[19].Marks, m => Assert.True(m.Plane >= 2));
        var size = SceneRenderer.SizeOf(sequence);
        foreach (var part in new[] { scenes["conv"], scenes["conv_t"] })
        {
            var partSize = SceneRenderer.SizeOf(part);
            Assert.True(size.Width >= partSize.Width && size.Height >= partSize.Height);
        }

        // Side by side, in step: the 4-frame part holds its last frame while the other plays on.
        var beside = scenes["b"];
        Assert.Equal(16, beside.Frames.Count);
        Assert.All(beside.Planes, p => Assert.Null(p.Visible));
        Assert.Equal(ConvAnimations.Pipeline.Canonical.Write(scenes["conv"].Frames[3].Marks), ConvAnimations.Pipeline.Canonical.Write(beside.Frames[10].Marks.Where(m => m.Plane < 2).ToList()));
        Assert.Equal(scenes["conv_t"].Frames[10].Marks.Count, beside.Frames[10].Marks.Count(m => m.Plane >= 2));
        Assert.True(SceneRenderer.SizeOf(beside).Width > SceneRenderer.SizeOf(scenes["conv"]).Width + SceneRenderer.SizeOf(scenes["conv_t"]).Width - 60);
    }

    [Fact]
    public void The_diagrams_are_one_picture_in_every_still_format()
    {
        var hops = Figures.Parse("figures:\n  - {name: h, view: hops, input: 5, kernel: 3, stride: 2}\n");
        var subsampling = Figures.Parse("figures:\n  - {name: s, view: subsampling, input: 5, kernel: 3, stride: 2}\n");
        var hopsScene = new PreparedFigure(hops).Scene;
        var arrows = hopsScene.Frames.Single().Marks.OfType<Segment>().ToList();
        // k = 3, s = 2 on 5x5: one hop of two cells each way, four positions.
        Assert.Equal(2, arrows.Count);
        Assert.All(arrows, a => Assert.True(a.Arrowhead && Math.Abs(a.ToCol - a.FromCol + a.ToRow - a.FromRow) > 1.8f));
        Assert.Equal(4, hopsScene.Frames.Single().Marks.OfType<Dot>().Count());
        Assert.Contains("1 + 1 hop = 2 positions", hopsScene.Annotations.Captions.Last().Text);

        var subScene = new PreparedFigure(subsampling).Scene;
        var marks = subScene.Frames.Single().Marks;
        // The stride-1 output is 3x3: 4 kept, 5 crossed out with two strokes each.
        Assert.Equal(10, marks.OfType<Segment>().Count());
        Assert.Equal(4, marks.OfType<CellFill>().Single(f => f.Shade == Shade.Output).Cells.Count);
        Assert.Equal(1, hops.FrameCount);

        foreach (var scene in new[] { hopsScene, subScene })
        {
            using var renderer = new SceneRenderer(scene);
            foreach (var format in new[] { StillFormat.Png, StillFormat.Svg, StillFormat.Pdf })
            {
                using var file = new MemoryStream();
                format.WriteFrame(file, renderer, 0);
                Assert.True(file.Length > 500, $"{format}: {file.Length} bytes");
            }
        }
    }
}
