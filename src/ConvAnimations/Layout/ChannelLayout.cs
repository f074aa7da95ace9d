using ConvAnimations.Spec;

namespace ConvAnimations.Layout;

/// <summary>
/// One frame of a multi-channel figure: output map <see cref="OutputChannel"/>, the input maps it reads (its group),
/// and the cell and taps, the same on each of those maps.
/// </summary>
public sealed record ChannelFrame(int OutputChannel, IReadOnlyList<int> InputChannels, Frame Frame);

/// <summary>
/// The numbers of a multi-channel figure as the frames apply them: each input map's grid, the kernels per output map
/// and input map of its group (<c>[C_out][C_in/g]</c>, turned 180 degrees for a transposed figure; none for pooling),
/// every output map, and what each input map of its group adds to it (<c>[C_out][C_in/g]</c>, none for pooling).
/// </summary>
public sealed record ChannelNumbers(
    IReadOnlyList<double[,]> Grid, IReadOnlyList<IReadOnlyList<double[,]>>? Kernel, IReadOnlyList<double[,]> Output,
    IReadOnlyList<IReadOnlyList<double[,]>>? Partials);

/// <summary>What a multi-channel figure adds to its <see cref="Animation"/>: the channels, the frames over every output map, the numbers.</summary>
public sealed record ChannelAnimation(Channels Channels, IReadOnlyList<ChannelFrame> Frames, ChannelNumbers? Values);

/// <summary>
/// Lays out the maps of a multi-channel figure: frames run over output maps (outermost), then output cells
/// row-major; output map m sums, over the input maps n of its group, the single-channel operation of map n with
/// the kernel that joins n to m. Pooling pools map m alone.
/// </summary>
internal static class ChannelLayout
{
    public static ChannelAnimation Of(Figure figure, CellKind[,] grid, IReadOnlyList<Frame> cells)
    {
        var channels = figure.Channels;
        var frames = new List<ChannelFrame>(cells.Count * channels.Out);
        for (var m = 0; m < channels.Out; m++)
        {
            var inputs = channels.InputsOf(m);
            frames.AddRange(cells.Select(cell => new ChannelFrame(m, inputs, cell)));
        }
        return new ChannelAnimation(channels, frames, figure.Values?.Channels is { } values ? Compute(figure, values, grid, cells) : null);
    }

    private static ChannelNumbers Compute(Figure figure, ChannelValues values, CellKind[,] grid, IReadOnlyList<Frame> cells)
    {
        var channels = figure.Channels;
        // Each map's grid, from the single-channel numbers of that map alone.
        var noKernel = figure.IsPooling ? null : new double[figure.Geometry.Kernel.Rows, figure.Geometry.Kernel.Cols];
        var grids = values.Input.Select(map => Numbers.Compute(figure with { Values = new FigureValues(map, noKernel) }, grid, cells).Grid).ToList();
        var output = new List<double[,]>();
        List<IReadOnlyList<double[,]>>? kernels = values.Weight is null ? null : [];
        List<IReadOnlyList<double[,]>>? partials = values.Weight is null ? null : [];
        for (var m = 0; m < channels.Out; m++)
        {
            var inputs = channels.InputsOf(m);
            if (values.Weight is not { } weight)
            {
                output.Add(Numbers.Compute(figure with { Values = new FigureValues(values.Input[m], null) }, grid, cells).Output);
                continue;
            }
            var sum = new double[figure.AnimatedOutput.Rows, figure.AnimatedOutput.Cols];
            var applied = new List<double[,]>();
            var parts = new List<double[,]>();
            for (var j = 0; j < inputs.Count; j++)
            {
                var n = inputs[j];
                // Conv2d's weight[m][j]; ConvTranspose2d's weight[n][m mod (C_out/g)], the direct kernel of map n to map m.
                var kernel = figure.IsTransposed ? weight[n][m % channels.OutPerGroup] : weight[m][j];
                var one = Numbers.Compute(figure with { Values = new FigureValues(values.Input[n], kernel) }, grid, cells);
                applied.Add(one.Kernel!);
                parts.Add(one.Output);
                for (var r = 0; r < sum.GetLength(0); r++)
                    for (var c = 0; c < sum.GetLength(1); c++)
                        sum[r, c] += one.Output[r, c];
            }
            kernels!.Add(applied);
            partials!.Add(parts);
            output.Add(sum);
        }
        return new ChannelNumbers(grids, kernels, output, partials);
    }

}
