using ConvAnimations.Pipeline;
using ConvAnimations.Preparation;
using ConvAnimations.Spec;
using ConvAnimations.Tests.Support;
using ConvAnimations.Views;

namespace ConvAnimations.Tests.Pipeline;

/// <summary>How figures are shared out into ffmpeg processes: bounded batches, so memory does not grow with the file.</summary>
public sealed class BatchTests
{
    private static IReadOnlyList<Figure> SmallFigures(int count)
    {
        var yaml = "figures:\n" + string.Concat(Enumerable.Range(0, count).Select(i =>
            $"  - {{name: f{i}, input: {4 + i % 4}, kernel: {2 + i % 2}, stride: {1 + i / 4 % 2}}}\n"));
        var file = ViewTable.Default.Parse(yaml, "many.yaml");
        Assert.True(file.IsValid, string.Join("\n", file.Errors));
        return file.Figures;
    }

    [Theory]
    [InlineData(3, 2)]
    [InlineData(40, 2)]
    [InlineData(500, 2)]
    [InlineData(500, 8)]
    public void Every_figure_is_in_one_batch_and_no_batch_exceeds_the_bounds(int figures, int cores)
    {
        var all = SmallFigures(figures);
        var batches = RenderPipeline.Plan(all.Prepared(), cores);

        Assert.Equal(all.Select(f => f.Name).Order(), batches.SelectMany(b => b.Items).Select(f => f.Name).Order());
        Assert.True(batches.Count >= Math.Min(figures, cores), $"{batches.Count} batches for {cores} cores");
        foreach (var batch in batches.Where(b => !b.Large))
        {
            Assert.InRange(batch.Items.Count, 1, RenderOptions.DefaultBatchFigures);
            var bytes = batch.Items.Sum(f => FigureCost.Of(f).FrameBytes);
            Assert.True(batch.Items.Count == 1 || bytes <= RenderOptions.DefaultBatchBytes, $"a batch of {batch.Items.Count} figures holds {bytes} bytes of frames");
        }
    }

    [Fact]
    public void A_few_figures_are_shared_out_over_the_cores_and_many_into_many_batches()
    {
        Assert.Equal(2, RenderPipeline.Plan(SmallFigures(6).Prepared(), 2).Count);
        Assert.True(RenderPipeline.Plan(SmallFigures(500).Prepared(), 2).Count >= 500 / RenderOptions.DefaultBatchFigures);
    }

    [Fact]
    public void A_figure_needing_a_palette_pass_is_alone_in_its_batch()
    {
        var file = ViewTable.Default.Parse("figures:\n  - {name: big, input: 40, kernel: 3}\n  - {name: small, input: 4, kernel: 3}\n", "big.yaml");
        var batches = RenderPipeline.Plan(file.Figures.Prepared(), 2);
        var large = Assert.Single(batches, b => b.Large);
        Assert.Equal("big", Assert.Single(large.Items).Name);
    }
}
