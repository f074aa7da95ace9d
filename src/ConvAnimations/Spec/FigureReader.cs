using System.Globalization;
using ConvAnimations.Arithmetic;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using static ConvAnimations.Spec.FigureFileReader;

namespace ConvAnimations.Spec;

/// <summary>Reads one figure: its own keys first, then the file's defaults.</summary>
internal sealed class FigureReader(YamlContext context, YamlMappingNode node, YamlMappingNode? defaults)
{
    private readonly HashSet<string> _misspelt = [];
    private string? _name;
    private bool _failed;

    private YamlNode? Get(string key) =>
        node.Children.TryGetValue(key, out var value) ? value
        : defaults is not null && key != "name" && defaults.Children.TryGetValue(key, out var fallback) ? fallback
        : null;

    private void Error(YamlNode? at, string message)
    {
        _failed = true;
        context.Error(at ?? node, _name, message);
    }

    public Figure? Read()
    {
        ReadName();
        context.CheckKeys(node, FigureKeys, _name, "a figure");
        foreach (var unknown in node.Children.Keys.Select(k => (k as YamlScalarNode)?.Value ?? "").Where(k => !FigureKeys.Contains(k)))
        {
            _failed = true;
            // A misspelt key is reported once, not again as the missing key it meant.
            if (Suggestions.Nearest(unknown, FigureKeys) is { } meant) _misspelt.Add(meant);
        }

        var title = ReadString("title") ?? _name ?? "";
        var kind = ReadWord("kind", Kinds, "convolution") switch
        {
            "transposed" => FigureKind.Transposed,
            "max_pooling" => FigureKind.MaxPooling,
            "average_pooling" => FigureKind.AveragePooling,
            _ => FigureKind.Convolution,
        };
        var frameMs = ReadFrameMs();
        var formats = ReadFormats();
        var scale = ReadScale();
        var geometry = ReadGeometry(kind);
        var values = geometry is null ? null : ReadValues(kind, geometry);
        var style = ReadWord("style", Styles, values is null ? "isometric" : "flat") == "flat" ? FigureStyle.Flat : FigureStyle.Isometric;

        var panels = geometry is null ? null : ReadPanels(kind == FigureKind.Transposed ? geometry.Input.Area : geometry.Output.Area);

        if (_failed || _name is null || geometry is null) return null;
        return new Figure(_name, title, kind, geometry, frameMs, formats, scale, style, values, context.At(node), panels);
    }

    private void ReadName()
    {
        var value = node.Children.TryGetValue("name", out var n) ? n : null;
        if (value is null)
        {
            Error(node, "a figure needs a 'name' ([a-z0-9_-]+), which names its output files");
            return;
        }
        if (value is not YamlScalarNode { Value: { Length: > 0 } text })
        {
            Error(value, $"name: expected a name of [a-z0-9_-]+, got {YamlContext.Describe(value)}");
            return;
        }
        if (!NamePattern().IsMatch(text))
        {
            Error(value, $"name '{text}' is not allowed: use only a-z, 0-9, '_' and '-' (it names output files, so no paths, spaces or capitals)");
            return;
        }
        _name = text;
    }

    private string? ReadString(string key)
    {
        var value = Get(key);
        if (value is null) return null;
        if (value is YamlScalarNode { Value: { Length: > 0 } text }) return text;
        Error(value, $"{key}: expected text, got {YamlContext.Describe(value)}");
        return null;
    }

    private string ReadWord(string key, string[] allowed, string fallback)
    {
        var value = Get(key);
        if (value is null) return fallback;
        if (value is YamlScalarNode { Value: { } text } && allowed.Contains(text)) return text;
        var got = value is YamlScalarNode { Value: { } t } ? t : "";
        Error(value, $"{key}: '{(value is YamlScalarNode ? got : YamlContext.Describe(value))}' is not one of {string.Join(", ", allowed)}{Suggestions.DidYouMean(got, allowed)}");
        return fallback;
    }

    private int ReadFrameMs()
    {
        var value = Get("frame_ms");
        if (value is null) return 1000;
        if (!context.TryInt(value, _name, "frame_ms", out var ms))
        {
            _failed = true;
            return 1000;
        }
        // GIF stores delays in hundredths of a second, so other values could not be honoured.
        if (ms < 20 || ms > 60_000 || ms % 10 != 0)
        {
            Error(value, $"frame_ms: {ms} is not allowed: use a multiple of 10 from 20 to 60000 (GIF delays are in hundredths of a second)");
        }
        return ms;
    }

    private IReadOnlyList<OutputFormat> ReadFormats() =>
        Get("formats") is { } value ? ReadFormatList(value, "formats", OutputFormats.Names) : [OutputFormat.Gif, OutputFormat.Mp4];

    /// <summary>A non-empty list of distinct format names, each one of <paramref name="allowed"/>.</summary>
    private List<OutputFormat> ReadFormatList(YamlNode value, string key, IReadOnlyList<string> allowed)
    {
        var formats = new List<OutputFormat>();
        if (value is not YamlSequenceNode { Children.Count: > 0 } list)
        {
            Error(value, $"{key}: expected a list such as [{string.Join(", ", allowed.Take(2))}], got {YamlContext.Describe(value)}");
            return formats;
        }
        foreach (var item in list.Children)
        {
            var text = (item as YamlScalarNode)?.Value ?? "";
            if (!allowed.Contains(text) || OutputFormats.Parse(text) is not { } format)
            {
                var why = OutputFormats.Parse(text) is not null ? $" (panels are still pictures: {string.Join(", ", allowed)})" : "";
                Error(item, $"{key}: '{text}' is not one of {string.Join(", ", allowed)}{why}{Suggestions.DidYouMean(text, allowed)}");
                continue;
            }
            if (formats.Contains(format)) Error(item, $"{key}: '{text}' is listed twice");
            else formats.Add(format);
        }
        return formats;
    }

    /// <summary>The paper's static figure: frames side by side (default all, in one row), as PDF unless told.</summary>
    private Panels? ReadPanels(int frameCount)
    {
        if (Get("panels") is not { } value) return null;
        if (value is not YamlMappingNode map)
        {
            Error(value, $"panels: expected a mapping with 'frames', 'columns' and 'formats' (each optional), got {YamlContext.Describe(value)}");
            return null;
        }
        context.CheckKeys(map, PanelKeys, _name, "panels");
        if (map.Children.Keys.Any(k => !PanelKeys.Contains((k as YamlScalarNode)?.Value))) _failed = true;

        var frames = Enumerable.Range(0, frameCount).ToList();
        if (map.Children.TryGetValue("frames", out var framesNode))
        {
            if (framesNode is not YamlSequenceNode { Children.Count: > 0 } list)
            {
                Error(framesNode, $"panels.frames: expected a list of frame indices such as [0, 1, 2, 3], got {YamlContext.Describe(framesNode)}");
            }
            else
            {
                frames = [];
                foreach (var item in list.Children)
                {
                    if (!context.TryInt(item, _name, "panels.frames", out var index)) _failed = true;
                    else if (index < 0 || index >= frameCount) Error(item, $"panels.frames: {index} is not a frame of this figure, which has frames 0 to {frameCount - 1}");
                    else frames.Add(index);
                }
            }
        }
        var columns = frames.Count;
        if (map.Children.TryGetValue("columns", out var columnsNode))
        {
            if (!context.TryInt(columnsNode, _name, "panels.columns", out columns)) _failed = true;
            else if (columns < 1) Error(columnsNode, $"panels.columns: {columns} is not allowed: at least 1 panel a row");
        }
        var formats = map.Children.TryGetValue("formats", out var formatsNode)
            ? ReadFormatList(formatsNode, "panels.formats", OutputFormats.StillNames)
            : [OutputFormat.Pdf];
        return new Panels(frames, Math.Clamp(columns, 1, Math.Max(1, frames.Count)), formats);
    }

    private double ReadScale()
    {
        var value = Get("scale");
        if (value is null) return 1.0;
        if (!context.TryNumber(value, _name, "scale", out var scale))
        {
            _failed = true;
            return 1.0;
        }
        if (scale < 0.25 || scale > 8) Error(value, $"scale: {scale.ToString(CultureInfo.InvariantCulture)} is out of range: use 0.25 to 8 (1.0 is the guide's cell size)");
        return scale;
    }

    /// <summary>A number or [rows, cols], each at least <paramref name="min"/>.</summary>
    private Size2 ReadSize(string key, int min, Size2 fallback, string rule)
    {
        var value = Get(key);
        if (value is null) return fallback;
        var size = ReadPair(value, key, item => context.TryInt(item, _name, key, out var n) ? n : null);
        if (size is not { } pair) return fallback;
        if (pair.Rows < min || pair.Cols < min) Error(value, $"{key}: {Show(pair)} is not allowed: {rule}");
        return pair;
    }

    private Size2? ReadPair(YamlNode value, string key, Func<YamlNode, int?> item)
    {
        switch (value)
        {
            case YamlScalarNode scalar when IntegerPattern().IsMatch(scalar.Value ?? ""):
                return item(scalar) is { } n ? Size2.Square(n) : Fail();
            case YamlSequenceNode { Children.Count: 2 } list:
                var rows = item(list.Children[0]);
                var cols = item(list.Children[1]);
                return rows is { } r && cols is { } c ? new Size2(r, c) : Fail();
            case YamlSequenceNode list:
                Error(value, $"{key}: expected a number or [rows, cols], got a list of {list.Children.Count}");
                return null;
            default:
                Error(value, $"{key}: expected a whole number or [rows, cols], got {YamlContext.Describe(value)}");
                return null;
        }

        Size2? Fail()
        {
            _failed = true;
            return null;
        }
    }

    private static string Show(Size2 size) => size.Rows == size.Cols ? $"{size.Rows}" : $"[{size.Rows}, {size.Cols}]";

    private Geometry? ReadGeometry(FigureKind kind)
    {
        var transposed = kind == FigureKind.Transposed;
        var kernel = ReadSize("kernel", 1, Size2.Square(0), "a kernel (window) has at least 1 cell on each axis");
        var stride = ReadSize("stride", 1, Size2.Square(1), "the stride must be at least 1");
        var dilation = ReadSize("dilation", 1, Size2.Square(1), "the dilation must be at least 1 (1 means no holes)");
        var paddingNode = Get("padding");
        var inputNode = Get("input");
        var transposedInputNode = Get("transposed_input");
        var outputPaddingNode = Get("output_padding");

        if (Get("kernel") is null && !_misspelt.Contains("kernel")) Error(node, "a figure needs a 'kernel' size (a number or [rows, cols])");
        if (transposedInputNode is not null && !transposed)
        {
            Error(transposedInputNode, "transposed_input is for kind: transposed only; use 'input' for this kind");
        }
        if (outputPaddingNode is not null && transposedInputNode is null)
        {
            Error(outputPaddingNode, "output_padding goes with transposed_input (the framework convention); with 'input', a = (i + 2p - d(k-1) - 1) mod s is computed");
        }
        if (inputNode is not null && transposedInputNode is not null)
        {
            Error(transposedInputNode, "give either 'input' (the direct convolution's input, the guide's convention) or 'transposed_input' (ConvTranspose2d's input), not both");
        }
        if (inputNode is null && transposedInputNode is null && !_misspelt.Contains("input") && !_misspelt.Contains("transposed_input"))
        {
            Error(node, transposed
                ? "a transposed figure needs 'input' (the direct convolution's input) or 'transposed_input' with optional 'output_padding'"
                : "a figure needs an 'input' size (a number or [rows, cols])");
        }
        if (_failed) return null;

        var padding = ReadPadding(paddingNode, kernel, dilation);
        if (padding is null || _failed) return null;

        Size2 input;
        if (transposedInputNode is not null)
        {
            var transposedInput = ReadSize("transposed_input", 1, Size2.Square(1), "the transposed input has at least 1 cell on each axis");
            var outputPadding = ReadSize("output_padding", 0, Size2.Square(0), "output_padding cannot be negative");
            if (_failed) return null;
            if (outputPadding.Rows >= stride.Rows || outputPadding.Cols >= stride.Cols)
            {
                Error(outputPaddingNode, $"output_padding {Show(outputPadding)} must be below the stride {Show(stride)} (ConvTranspose2d's rule: more would add cells no window reaches)");
                return null;
            }
            input = new Size2(
                Axis.TransposedOutputSize(transposedInput.Rows, kernel.Rows, stride.Rows, padding.Value.Rows, dilation.Rows, outputPadding.Rows),
                Axis.TransposedOutputSize(transposedInput.Cols, kernel.Cols, stride.Cols, padding.Value.Cols, dilation.Cols, outputPadding.Cols));
            if (input.Rows < 1 || input.Cols < 1)
            {
                Error(transposedInputNode, $"transposed_input {Show(transposedInput)} gives a direct input of {Show(input)}: (i'-1)s - 2p + d(k-1) + output_padding + 1 must be at least 1; lower the padding");
                return null;
            }
        }
        else
        {
            input = ReadSize("input", 1, Size2.Square(1), "the input has at least 1 cell on each axis");
            if (_failed) return null;
        }

        var geometry = new Geometry(
            new Axis(input.Rows, kernel.Rows, stride.Rows, padding.Value.Rows, dilation.Rows),
            new Axis(input.Cols, kernel.Cols, stride.Cols, padding.Value.Cols, dilation.Cols));
        return CheckGeometry(geometry, kind) ? geometry : null;
    }

    private Size2? ReadPadding(YamlNode? value, Size2 kernel, Size2 dilation)
    {
        if (value is null) return Size2.Square(0);
        var rowsSpread = dilation.Rows * (kernel.Rows - 1);
        var colsSpread = dilation.Cols * (kernel.Cols - 1);
        Size2? size;
        if (value is YamlScalarNode { Value: var word } && !IntegerPattern().IsMatch(word ?? ""))
        {
            // A single word applies to both axes, which may differ in kernel size.
            var rows = PaddingOf(value, rowsSpread);
            var cols = rows is null ? null : PaddingOf(value, colsSpread);
            size = rows is { } r && cols is { } c ? new Size2(r, c) : null;
        }
        else
        {
            var axis = 0;
            size = ReadPair(value, "padding", item => PaddingOf(item, axis++ == 0 ? rowsSpread : colsSpread));
        }
        if (size is { } pair && (pair.Rows < 0 || pair.Cols < 0))
        {
            Error(value, $"padding: {Show(pair)} is not allowed: padding cannot be negative");
            return null;
        }
        return size;
    }

    /// <summary>A padding number, or a word resolved for one axis whose kernel spreads over d(k-1)+1 cells.</summary>
    private int? PaddingOf(YamlNode item, int spread)
    {
        if (item is not YamlScalarNode { Value: { } text } || IntegerPattern().IsMatch(text))
        {
            return context.TryInt(item, _name, "padding", out var n) ? n : Failed();
        }
        switch (text)
        {
            case "valid":
                return 0;
            case "full":
                return spread;
            case "same" or "half" when spread % 2 == 0:
                return spread / 2;
            case "same" or "half":
                Error(item, $"padding: '{text}' needs d(k-1) even so the padding d(k-1)/2 is the same on both sides; here d(k-1) = {spread}. Give the padding as a number instead");
                return null;
            default:
                Error(item, $"padding: '{text}' is neither a whole number nor one of {string.Join(", ", PaddingWords)}{Suggestions.DidYouMean(text, PaddingWords)}");
                return null;
        }

        int? Failed()
        {
            _failed = true;
            return null;
        }
    }

    private bool CheckGeometry(Geometry geometry, FigureKind kind)
    {
        var ok = true;
        foreach (var (axis, axisName) in geometry.DistinctAxes)
        {
            var label = axisName.Length > 0 ? $" ({axisName})" : "";
            if (!axis.KernelFits)
            {
                Error(Get("kernel"), $"kernel{label}: the window spans d(k-1)+1 = {axis.EffectiveKernel} cells, more than the padded input i+2p = {axis.PaddedInput}; lower the kernel or dilation, or raise the input or padding");
                ok = false;
            }
            else if (kind is FigureKind.MaxPooling or FigureKind.AveragePooling && 2 * axis.Padding > axis.EffectiveKernel)
            {
                Error(Get("padding"), $"padding{label}: {axis.Padding} is more than half the window ({axis.EffectiveKernel} cells): pooling pads at most half the window, as frameworks require, so no window lies in the padding alone");
                ok = false;
            }
            else if (kind == FigureKind.Transposed && axis.TransposedPadding < 0)
            {
                Error(Get("padding"), $"padding{label}: {axis.Padding} is above d(k-1) = {axis.Dilation * (axis.Kernel - 1)}, the most a transposed figure allows (its equivalent convolution would need negative padding p' = d(k-1) - p)");
                ok = false;
            }
        }
        if (!ok) return false;

        var grid = kind == FigureKind.Transposed
            ? new Size2(geometry.Rows.TransposedGrid, geometry.Cols.TransposedGrid)
            : new Size2(geometry.Rows.PaddedInput, geometry.Cols.PaddedInput);
        var animatedOutput = kind == FigureKind.Transposed ? geometry.Input : geometry.Output;
        if (grid.Rows > MaxCellsPerAxis || grid.Cols > MaxCellsPerAxis)
        {
            Error(Get("input") ?? Get("transposed_input"), $"the figure's grid is {grid.Rows}x{grid.Cols} cells, over the limit of {MaxCellsPerAxis} on an axis: too large to be a useful picture");
            return false;
        }
        if ((long)animatedOutput.Rows * animatedOutput.Cols > MaxFrames)
        {
            Error(Get("input") ?? Get("transposed_input"), $"the figure has {animatedOutput.Rows * animatedOutput.Cols} frames (one per output cell, {animatedOutput.Rows}x{animatedOutput.Cols}), over the limit of {MaxFrames}");
            return false;
        }

        if (Get("output") is { } outputNode)
        {
            var expected = ReadSize("output", 1, animatedOutput, "an output map has at least 1 cell on each axis");
            if (_failed) return false;
            if (expected != animatedOutput)
            {
                var why = string.Join("; ", geometry.DistinctAxes.Select(a => (a.Label.Length > 0 ? $"{a.Label}: " : "") + (kind == FigureKind.Transposed
                    ? $"a transposed figure's output is the direct input i = {a.Axis.Input}"
                    : Explanation.DirectOutput(a.Axis))));
                Error(outputNode, $"output: {Show(expected)} does not match the figure, which computes {Show(animatedOutput)}: {why}");
                return false;
            }
        }
        return true;
    }

    private FigureValues? ReadValues(FigureKind kind, Geometry geometry)
    {
        var value = Get("values");
        if (value is null) return null;
        if (value is not YamlMappingNode map)
        {
            Error(value, $"values: expected a mapping with 'input' and 'kernel' or 'seed', got {YamlContext.Describe(value)}");
            return null;
        }
        context.CheckKeys(map, ValueKeys, _name, "values");
        if (map.Children.Keys.Any(k => !ValueKeys.Contains((k as YamlScalarNode)?.Value))) _failed = true;

        var pooling = kind is FigureKind.MaxPooling or FigureKind.AveragePooling;
        var inputShape = kind == FigureKind.Transposed ? geometry.Output : geometry.Input;
        var inputName = kind == FigureKind.Transposed ? "the transposed input (the direct output o)" : "the input";
        map.Children.TryGetValue("input", out var inputNode);
        map.Children.TryGetValue("kernel", out var kernelNode);
        map.Children.TryGetValue("seed", out var seedNode);

        if (pooling && kernelNode is not null)
        {
            Error(kernelNode, "values.kernel: a pooling figure has no kernel weights, only a window");
            return null;
        }
        if (seedNode is not null)
        {
            if (inputNode is not null || kernelNode is not null)
            {
                Error(seedNode, "values: give either 'seed' or explicit 'input'/'kernel' numbers, not both");
                return null;
            }
            if (!context.TryInt(seedNode, _name, "values.seed", out var seed))
            {
                _failed = true;
                return null;
            }
            var random = new SplitMix(seed);
            var randomInput = Fill(inputShape, () => random.Next(4));
            var randomKernel = pooling ? null : Fill(geometry.Kernel, () => random.Next(3));
            return new FigureValues(randomInput, randomKernel);
        }
        if (inputNode is null)
        {
            Error(map, $"values: needs 'input' ({Show(inputShape)} numbers, {inputName}) or 'seed'");
            return null;
        }
        if (!pooling && kernelNode is null)
        {
            Error(map, $"values: needs 'kernel' ({Show(geometry.Kernel)} weights) or 'seed'");
            return null;
        }
        var input = ReadMatrix(inputNode, "values.input", inputShape, inputName);
        var kernel = pooling ? null : ReadMatrix(kernelNode!, "values.kernel", geometry.Kernel, "the kernel");
        return input is null || (!pooling && kernel is null) ? null : new FigureValues(input, kernel);
    }

    private double[,]? ReadMatrix(YamlNode value, string key, Size2 shape, string what)
    {
        var expected = $"{shape.Rows} rows of {shape.Cols} numbers ({what} is {shape.Rows}x{shape.Cols})";
        if (value is not YamlSequenceNode rows)
        {
            Error(value, $"{key}: expected {expected}, got {YamlContext.Describe(value)}");
            return null;
        }
        if (rows.Children.Count != shape.Rows)
        {
            Error(value, $"{key}: has {rows.Children.Count} rows, expected {expected}");
            return null;
        }
        var matrix = new double[shape.Rows, shape.Cols];
        var ok = true;
        for (var r = 0; r < shape.Rows; r++)
        {
            if (rows.Children[r] is not YamlSequenceNode row || row.Children.Count != shape.Cols)
            {
                Error(rows.Children[r], $"{key}: row {r + 1} is {YamlContext.Describe(rows.Children[r])}, expected a list of {shape.Cols} numbers ({what} is {shape.Rows}x{shape.Cols})");
                ok = false;
                continue;
            }
            for (var c = 0; c < shape.Cols; c++)
            {
                if (context.TryNumber(row.Children[c], _name, key, out var number)) matrix[r, c] = number;
                else ok = false;
            }
        }
        if (!ok) _failed = true;
        return ok ? matrix : null;
    }

    private static double[,] Fill(Size2 shape, Func<int> next)
    {
        var matrix = new double[shape.Rows, shape.Cols];
        for (var r = 0; r < shape.Rows; r++)
            for (var c = 0; c < shape.Cols; c++)
                matrix[r, c] = next();
        return matrix;
    }
}

/// <summary>SplitMix64: a seed gives the same numbers on every machine and .NET version.</summary>
internal sealed class SplitMix(long seed)
{
    private ulong _state = unchecked((ulong)seed);

    public int Next(int bound)
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (int)(z % (ulong)bound);
    }
}
