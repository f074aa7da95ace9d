using ConvAnimations.Arithmetic;
using static ConvAnimations.Spec.ValueRules;

namespace ConvAnimations.Spec;

/// <summary>A key of a figure once read: its value (or the fallback), where it was written, and whether it was right.</summary>
internal readonly record struct Field<T>(T Value, RawNode? At, bool Ok)
{
    public bool Given => At is not null;
}

/// <summary>
/// Where a figure's keys come from: its own mapping first, then the file's defaults. Errors of a value taken from the
/// defaults were reported once, at the defaults, so they are muted here.
/// </summary>
internal sealed class KeySource(RawMap own, RawMap? defaults, Report report)
{
    public Report Report => report;

    /// <summary>The value of <paramref name="key"/> when the figure itself gives it (not the defaults), else null.</summary>
    public RawNode? Own(string key) => own[key];

    public Field<T> Read<T>(string key, T fallback, ValueRule<T> rule)
    {
        var (node, to) = own[key] is { } mine ? (mine, report) : defaults?[key] is { } shared ? (shared, report.Muted) : (null, report);
        if (node is null) return new Field<T>(fallback, null, true);
        // A wrong value is kept as far as it was read: a rule that combines keys may still check the rest of it.
        var ok = rule(node, to, out var value);
        return new Field<T>(value, node, ok);
    }
}

/// <summary>
/// Every key of a figure read on its own, each reporting its own errors (phase two's independent rules). The same
/// rules check the file's defaults, so a bad default is reported even where every figure overrides it.
/// </summary>
internal sealed record FigureFields(
    Field<string> Title,
    Field<Kind> Kind,
    Field<int> FrameMs,
    Field<IReadOnlyList<OutputFormat>> Formats,
    Field<double> Scale,
    Field<FigureStyle?> Style,
    Field<Size2> Input,
    Field<Size2> TransposedInput,
    Field<Size2> OutputPadding,
    Field<Size2> Kernel,
    Field<Size2> Stride,
    Field<Size2> Dilation,
    Field<Size2> Output,
    Field<PaddingSpec?> Padding,
    Field<ValuesSpec?> Values,
    Field<PanelsSpec?> Panels,
    Field<ThemeSpec> Theme,
    Field<Labels> Labels,
    Field<bool> Legend,
    Field<Reveal> Reveal,
    Field<int> Decimals,
    Field<PlaySpec?> Play,
    Field<string?> Alt)
{
    public static readonly string[] Keys =
    [
        "name", "title", "kind", "input", "transposed_input", "output_padding", "kernel", "stride", "padding",
        "dilation", "output", "frame_ms", "formats", "scale", "style", "values", "panels", "theme", "labels", "legend",
        "reveal", "decimals", "view", .. ChannelFields.Keys, LayerChains.Key, "play", "alt",
    ];

    /// <summary>Every key a figure may have: these, the keys of the views, and the keys that compose figures.</summary>
    public static IReadOnlyList<string> KnownKeys(IReadOnlyList<ViewRules> views) =>
        [.. Keys, .. views.SelectMany(v => v.Keys).Distinct(), .. ViewChoice.CompositionKeys(views)];

    public static FigureFields Read(KeySource keys) => new(
        keys.Read("title", "", ValueRules.Title),
        keys.Read("kind", Spec.Kind.Convolution, Name("kind", Spec.Kind.All.Select(k => k.Name).ToList(), Spec.Kind.Parse, Spec.Kind.Convolution, Unsupported.Kind)),
        keys.Read("frame_ms", 1000, FrameMsRule),
        keys.Read<IReadOnlyList<OutputFormat>>("formats", [OutputFormat.Gif, OutputFormat.Mp4], ValueRules.Formats("formats", OutputFormat.Names)),
        keys.Read("scale", 1.0, ScaleRule),
        keys.Read<FigureStyle?>("style", null, Nullable(Word<FigureStyle>("style"))),
        keys.Read("input", default, Size("input", 1, "the input has at least 1 cell on each axis")),
        keys.Read("transposed_input", default, Size("transposed_input", 1, "the transposed input has at least 1 cell on each axis")),
        keys.Read("output_padding", default, Size("output_padding", 0, "output_padding cannot be negative")),
        keys.Read("kernel", default, Size("kernel", 1, "a kernel (window) has at least 1 cell on each axis")),
        keys.Read("stride", Size2.Square(1), Size("stride", 1, "the stride must be at least 1")),
        keys.Read("dilation", Size2.Square(1), Size("dilation", 1, "the dilation must be at least 1 (1 means no holes)")),
        keys.Read("output", default, Size("output", 1, "an output map has at least 1 cell on each axis")),
        keys.Read<PaddingSpec?>("padding", null, PaddingSpec.Read),
        keys.Read<ValuesSpec?>("values", null, ValuesSpec.Read),
        keys.Read<PanelsSpec?>("panels", null, PanelsSpec.Read),
        keys.Read("theme", ThemeSpec.Guide, LookRules.Theme),
        keys.Read("labels", Spec.Labels.None, Word<Labels>("labels")),
        keys.Read("legend", false, LookRules.Legend),
        keys.Read("reveal", Spec.Reveal.All, Word<Reveal>("reveal")),
        keys.Read("decimals", 1, LookRules.Decimals),
        keys.Read<PlaySpec?>("play", null, PlaySpec.Read),
        keys.Read<string?>("alt", null, ValueRules.Alt));

    public bool AllOk => new[]
    {
        Title.Ok, Kind.Ok, FrameMs.Ok, Formats.Ok, Scale.Ok, Style.Ok, Input.Ok, TransposedInput.Ok, OutputPadding.Ok,
        Kernel.Ok, Stride.Ok, Dilation.Ok, Output.Ok, Padding.Ok, Values.Ok, Panels.Ok, Theme.Ok, Labels.Ok, Legend.Ok,
        Reveal.Ok, Decimals.Ok, Play.Ok, Alt.Ok,
    }.All(ok => ok);

    public Look Look => new(Theme.Value, Labels.Value, Legend.Value, Reveal.Value, Decimals.Value);

    private static bool FrameMsRule(RawNode node, Report report, out int ms)
    {
        if (!Int(node, report, "frame_ms", out ms)) return false;
        // GIF stores delays in hundredths of a second, so other values could not be honoured.
        if (ms is >= 20 and <= 60_000 && ms % 10 == 0) return true;
        report.Error(node, $"frame_ms: {ms} is not allowed: use a multiple of 10 from 20 to 60000 (GIF delays are in hundredths of a second)");
        return false;
    }

    private static bool ScaleRule(RawNode node, Report report, out double scale)
    {
        if (!Number(node, report, "scale", out scale)) return false;
        if (scale is >= 0.25 and <= 8) return true;
        report.Error(node, $"scale: {((RawScalar)node).Value} is out of range: use 0.25 to 8 (1.0 is the guide's cell size)");
        return false;
    }

    private static ValueRule<T?> Nullable<T>(ValueRule<T> rule) where T : struct => (RawNode node, Report report, out T? value) =>
    {
        var ok = rule(node, report, out var read);
        value = ok ? read : null;
        return ok;
    };
}

/// <summary>
/// Phase two for one figure: its name, its keys each on its own (<see cref="FigureFields"/>), then the rules that
/// combine keys, each run only when the keys it combines were read, so an error is reported once, where it is.
/// </summary>
internal static class FigureRules
{
    /// <summary>A figure's name node, its name when readable (else reported), and the report its other errors go to.</summary>
    public static (RawNode? NameNode, string? Name, Report Report) ReadName(RawMap node, Report unnamed)
    {
        var nameNode = node["name"];
        string? name = null;
        if (nameNode is null) unnamed.Error(node, "a figure needs a 'name' ([a-z0-9_-]+), which names its output files");
        else if (Name(nameNode, unnamed, out var text)) name = text;
        return (nameNode, name, unnamed.For(name));
    }

    /// <summary>The figure, or null when anything is wrong; its name (when readable) for the uniqueness check.</summary>
    public static (Figure? Figure, RawNode? NameNode, string? Name) Read(RawMap node, RawMap? defaults, Report unnamed, IReadOnlyList<ViewRules> views)
    {
        var (nameNode, name, report) = ReadName(node, unnamed);
        var known = FigureFields.KnownKeys(views);
        var knownKeys = report.UnknownKeys(node, known, "a figure");
        // A misspelt key is reported once, not again as the missing key it meant.
        var meant = node.Keys.Select(k => k.Value).Where(k => !known.Contains(k)).Select(k => Suggestions.Nearest(k, known)).OfType<string>().ToHashSet();
        var dense = DenseRules.IsDense(node, defaults);
        var keys = new KeySource(node, dense ? DenseRules.Applicable(defaults) : defaults, report);
        var fields = FigureFields.Read(keys);
        var channelFields = ChannelFields.Read(keys);
        var word = ViewChoice.Read(keys, views);
        dense &= fields.Kind.Ok;
        if (dense) word = DenseRules.View(word, views, node, report);

        var present = dense ? DenseRules.Presence(fields, node, meant, report) : Presence(fields, keys, meant, node);
        var units = present && dense ? DenseRules.Geometry(fields, report) : null;
        var geometry = !present ? null : dense ? units?.Geometry : Geometry(fields, keys);
        var kind = fields.Kind.Value;
        var channels = geometry is null ? null : channelFields.Resolve(kind, geometry, node, report);
        var values = geometry is null || channels is null || fields.Values.Value is not { } spec ? null
            : channels.IsMulti ? ChannelValueRules.Resolve(spec, kind, geometry, channels, report) : spec.Resolve(kind, geometry, report);
        // The view is chosen once the maps are known; with maps in error, its rules are still checked for one map.
        var (view, chosen) = word.Ok ? ViewChoice.Choose(views, word, channels ?? Channels.Single, node, channels is null ? report.Muted : report) : (null, false);
        ViewOptions? options = null;
        var optionsOk = view is not null && view.ReadOptions(keys, out options) && OwnKeysOnly(view, views, node, report);
        var request = view is null || geometry is null ? null : new ViewRequest(kind, geometry, channels ?? Channels.Single, fields.Values.Given, word.At ?? node, options, units?.Outputs ?? 0);
        var viewFits = request is not null && view!.Accepts(request, report);

        var valid = knownKeys && fields.AllOk && channels is not null && chosen && viewFits && optionsOk && fields.Values.Given == values is not null;
        if (name is null || geometry is null || view is null || !valid) return (null, nameNode, name);
        var style = fields.Style.Value ?? (values is null ? FigureStyle.Isometric : FigureStyle.Flat);
        var figure = new Figure(name, fields.Title.Given ? fields.Title.Value : name, kind, geometry, fields.FrameMs.Value,
            fields.Formats.Value, fields.Scale.Value, style, values, report.At(node))
        {
            Look = fields.Look, View = view, Options = options, Channels = channels!,
            PaddingWords = fields.Padding.Value?.Words ?? default, OutputUnits = units?.Outputs ?? 0, Alt = fields.Alt.Value,
        };
        return (Played(figure, fields.Play.Value, fields.Panels.Value, report), nameNode, name);
    }

    /// <summary>The figure with the frames <c>play:</c> chooses, then its panels, which number the frames it shows; null when either is wrong.</summary>
    public static Figure? Played(Figure figure, PlaySpec? play, PanelsSpec? panels, Report report)
    {
        if (play is not null)
        {
            if (play.Resolve(figure.View, figure, figure.View.FrameCount(figure), report) is not { } frames) return null;
            figure = figure with { Play = frames };
        }
        if (panels is null) return figure;
        return panels.Resolve(figure.FrameCount, report) is { } resolved ? figure with { Panels = resolved } : null;
    }

    /// <summary>A figure gives no key that only other views take (the defaults may: they serve every view).</summary>
    private static bool OwnKeysOnly(ViewRules view, IReadOnlyList<ViewRules> views, RawMap node, Report report)
    {
        var ok = true;
        foreach (var key in node.Keys.Where(k => !view.Keys.Contains(k.Value)))
        {
            // The same word may name a view of one map and one of several: say which.
            var takers = views.Where(v => v.Keys.Contains(key.Value))
                .Select(v => $"view: {v.Word ?? v.Name}" + (v.Word == view.Word && v.Maps == MapCount.Several ? " with several feature maps (in_channels, out_channels)" : "")).Distinct().ToList();
            if (takers.Count == 0) continue;
            report.Error(key, $"'{key.Value}' is for {string.Join(" or ", takers)}, not view: {view.Word ?? view.Name}");
            ok = false;
        }
        return ok;
    }

    /// <summary>The rules about which keys go together: required keys, and keys that exclude or need each other.</summary>
    private static bool Presence(FigureFields fields, KeySource keys, HashSet<string> meant, RawMap node)
    {
        var report = keys.Report;
        var ok = true;
        if (!fields.Kernel.Given)
        {
            if (!meant.Contains("kernel")) report.Error(node, "a figure needs a 'kernel' size (a number or [rows, cols])");
            ok = false;
        }
        var transposed = fields.Kind.Value.IsTransposed;
        if (fields.TransposedInput.Given && fields.Kind.Ok && !transposed)
        {
            report.Error(fields.TransposedInput.At!, "transposed_input is for kind: transposed only; use 'input' for this kind");
            ok = false;
        }
        if (fields.OutputPadding.Given && !fields.TransposedInput.Given)
        {
            report.Error(fields.OutputPadding.At!, "output_padding goes with transposed_input (the framework convention); with 'input', a = (i + 2p - d(k-1) - 1) mod s is computed");
            ok = false;
        }
        if (fields.Input.Given && fields.TransposedInput.Given)
        {
            report.Error(fields.TransposedInput.At!, "give either 'input' (the direct convolution's input, the guide's convention) or 'transposed_input' (ConvTranspose2d's input), not both");
            ok = false;
        }
        if (!fields.Input.Given && !fields.TransposedInput.Given)
        {
            if (!meant.Contains("input") && !meant.Contains("transposed_input"))
            {
                report.Error(node, transposed
                    ? "a transposed figure needs 'input' (the direct convolution's input) or 'transposed_input' with optional 'output_padding'"
                    : "a figure needs an 'input' size (a number or [rows, cols])");
            }
            ok = false;
        }
        return ok;
    }

    /// <summary>
    /// The arithmetic of the figure from its sizes, with the rules that need several of them (a layer of a chain is
    /// checked by them too, its input given as its <c>input</c> or, for a transposed layer, its <c>transposed_input</c>).
    /// </summary>
    internal static Geometry? Geometry(FigureFields f, KeySource keys)
    {
        var report = keys.Report;
        if (!(f.Kind.Ok && f.Kernel.Ok && f.Stride.Ok && f.Dilation.Ok && f.Padding.Ok && f.Input.Ok && f.TransposedInput.Ok && f.OutputPadding.Ok)) return null;
        var (kind, kernel, stride, dilation) = (f.Kind.Value, f.Kernel.Value, f.Stride.Value, f.Dilation.Value);
        var oneRow = f.TransposedInput.Given ? f.TransposedInput.Value.Rows == 1 : f.Input.Value.Rows == 1;
        // TensorFlow's SAME pads for the direct convolution's input; given the transposed input i', that is i' s
        // (Conv2DTranspose's output with padding="same").
        var direct = f.TransposedInput.Given ? new Size2(f.TransposedInput.Value.Rows * stride.Rows, f.TransposedInput.Value.Cols * stride.Cols) : f.Input.Value;
        var sides = f.Padding.Value is { } spec ? spec.Resolve(direct, kernel, stride, dilation, oneRow, report) : (new PaddingSides(0, 0), new PaddingSides(0, 0));
        if (sides is not var (rowsPadding, colsPadding)) return null;
        if (kind.IsTransposed && (rowsPadding.Before != rowsPadding.After || colsPadding.Before != colsPadding.After))
        {
            var words = f.Padding.Value!.Words;
            report.Error(f.Padding.At!, words.Rows == PaddingWord.Same || words.Cols == PaddingWord.Same
                ? $"padding: same is TensorFlow's SAME, which here pads {rowsPadding.Before} before and {rowsPadding.After} after (rows), {colsPadding.Before} and {colsPadding.After} (cols); " +
                  "a transposed figure pads both sides alike (ConvTranspose2d has no other padding): give a number per axis, or half (the guide's d(k-1)/2 on each side)"
                : "padding: a transposed figure pads both sides alike (ConvTranspose2d has no other padding); give one number per axis");
            return null;
        }
        var p = new Size2(rowsPadding.Before, colsPadding.Before);

        var input = f.Input.Value;
        if (f.TransposedInput.Given)
        {
            var (transposedInput, outputPadding) = (f.TransposedInput.Value, f.OutputPadding.Value);
            if (outputPadding.Rows >= stride.Rows || outputPadding.Cols >= stride.Cols)
            {
                report.Error(f.OutputPadding.At!, $"output_padding {outputPadding.Yaml} must be below the stride {stride.Yaml} (ConvTranspose2d's rule: more would add cells no window reaches)");
                return null;
            }
            input = new Size2(
                Axis.TransposedOutputSize(transposedInput.Rows, kernel.Rows, stride.Rows, p.Rows, dilation.Rows, outputPadding.Rows),
                Axis.TransposedOutputSize(transposedInput.Cols, kernel.Cols, stride.Cols, p.Cols, dilation.Cols, outputPadding.Cols));
            if (input.Rows < 1 || input.Cols < 1)
            {
                report.Error(f.TransposedInput.At!, $"transposed_input {transposedInput.Yaml} gives a direct input of {input.Yaml}: (i'-1)s - 2p + d(k-1) + output_padding + 1 must be at least 1; lower the padding");
                return null;
            }
        }

        var geometry = new Geometry(
            new Axis(input.Rows, kernel.Rows, stride.Rows, rowsPadding.Before, dilation.Rows, rowsPadding.After),
            new Axis(input.Cols, kernel.Cols, stride.Cols, colsPadding.Before, dilation.Cols, colsPadding.After));
        return Fits(geometry, kind, f, keys) && Matches(geometry, kind, f.Output, report) ? geometry : null;
    }

    /// <summary>A window fits, the padding suits the kind, and the figure is within the limits of a picture.</summary>
    private static bool Fits(Geometry geometry, Kind kind, FigureFields f, KeySource keys)
    {
        var report = keys.Report;
        var kernelAt = f.Kernel.At!;
        var paddingAt = f.Padding.At ?? kernelAt;
        var ok = true;
        foreach (var (axis, axisName) in geometry.DistinctAxes)
        {
            var label = axisName.Length > 0 ? $" ({axisName})" : "";
            if (!axis.KernelFits)
            {
                report.Error(kernelAt, $"kernel{label}: the window spans d(k-1)+1 = {axis.EffectiveKernel} cells, more than the padded input i+2p = {axis.PaddedInput}; lower the kernel or dilation, or raise the input or padding");
                ok = false;
            }
            else if (kind.IsPooling && 2 * Math.Max(axis.Padding, axis.PaddingEnd) > axis.EffectiveKernel)
            {
                report.Error(paddingAt, $"padding{label}: {Math.Max(axis.Padding, axis.PaddingEnd)} is more than half the window ({axis.EffectiveKernel} cells): pooling pads at most half the window, as frameworks require, so no window lies in the padding alone");
                ok = false;
            }
            else if (kind.Reduction == Reduction.Maximum && axis.FirstWindowOutsideInput() is { } outside)
            {
                report.Error(paddingAt, $"padding{label}: the window of output {outside} lies in the padding alone (its taps, {axis.Dilation} cells apart, miss the input), where max pooling has no input to take: frameworks give minus infinity there; lower the padding or the dilation");
                ok = false;
            }
            else if (kind.IsTransposed && axis.TransposedPadding < 0)
            {
                report.Error(paddingAt, $"padding{label}: {axis.Padding} is above d(k-1) = {axis.Dilation * (axis.Kernel - 1)}, the most a transposed figure allows (its equivalent convolution would need negative padding p' = d(k-1) - p)");
                ok = false;
            }
        }
        if (!ok) return false;

        var grid = kind.Grid(geometry);
        var animatedOutput = kind.AnimatedOutput(geometry);
        var inputAt = f.Input.At ?? f.TransposedInput.At!;
        if (grid.Rows > FigureFileReader.MaxCellsPerAxis || grid.Cols > FigureFileReader.MaxCellsPerAxis)
        {
            report.Error(inputAt, $"the figure's grid is {grid.Rows}x{grid.Cols} cells, over the limit of {FigureFileReader.MaxCellsPerAxis} on an axis: too large to be a useful picture");
            return false;
        }
        if ((long)animatedOutput.Rows * animatedOutput.Cols > FigureFileReader.MaxFrames)
        {
            report.Error(inputAt, $"the figure has {(long)animatedOutput.Rows * animatedOutput.Cols} frames (one per output cell, {animatedOutput.Rows}x{animatedOutput.Cols}), over the limit of {FigureFileReader.MaxFrames}");
            return false;
        }
        return true;
    }

    /// <summary>The optional 'output' key: a check of the map the figure shows.</summary>
    private static bool Matches(Geometry geometry, Kind kind, Field<Size2> output, Report report)
    {
        var animatedOutput = kind.AnimatedOutput(geometry);
        if (!output.Given || output.Value == animatedOutput) return true;
        var why = string.Join("; ", geometry.DistinctAxes.Select(a => (a.Label.Length > 0 ? $"{a.Label}: " : "") + (kind.IsTransposed
            ? $"a transposed figure's output is the direct input i = {a.Axis.Input}"
            : Formulas.DirectOutput(a.Axis))));
        report.Error(output.At!, $"output: {output.Value.Yaml} does not match the figure, which computes {animatedOutput.Yaml}: {why}");
        return false;
    }
}
