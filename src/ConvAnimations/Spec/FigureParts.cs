using ConvAnimations.Arithmetic;
using static ConvAnimations.Spec.ValueRules;

namespace ConvAnimations.Spec;

/// <summary>
/// A padding as written for one axis: a number of cells (and another for the far side when written per side), or a
/// word that needs the kernel to become one.
/// </summary>
internal readonly record struct PaddingAmount(int Cells, PaddingWord? Word, RawNode At, int? EndCells = null);

/// <summary>The padding of one axis in cells: before the input (top, left) and after it (bottom, right).</summary>
internal readonly record struct PaddingSides(int Before, int After);

/// <summary>The 'padding' key as written; <see cref="Resolve"/> turns its words into cells once the kernel is known.</summary>
internal sealed record PaddingSpec(RawNode At, PaddingAmount Rows, PaddingAmount Cols)
{
    private static readonly string[] Sides = ["top", "bottom", "left", "right"];

    public static bool Read(RawNode node, Report report, out PaddingSpec? spec)
    {
        if (node is RawMap map) return ReadSides(map, report, out spec);
        var ok = Pair<PaddingAmount>(node, report, "padding", Amount, out var pair);
        spec = new PaddingSpec(node, pair.Rows, pair.Cols);
        if (!ok) return false;
        var written = node is RawList list ? $"[{string.Join(", ", list.Items.Select(i => (i as RawScalar)?.Value))}]" : ((RawScalar)node).Value;
        if (pair.Rows.Cells >= 0 && pair.Cols.Cells >= 0) return WithinMaxSize(node, report, "padding", written, Math.Max(pair.Rows.Cells, pair.Cols.Cells));
        report.Error(node, $"padding: {written} is not allowed: padding cannot be negative");
        return false;
    }

    /// <summary><c>padding: {top: 1, bottom: 2, left: 0, right: 1}</c>: each side a whole number, 0 when left out.</summary>
    private static bool ReadSides(RawMap map, Report report, out PaddingSpec? spec)
    {
        var ok = report.UnknownKeys(map, Sides, "padding");
        var cells = new int[4];
        for (var i = 0; i < Sides.Length; i++)
        {
            if (map[Sides[i]] is not { } side) continue;
            if (!Int(side, report, $"padding.{Sides[i]}", out cells[i])) ok = false;
            else if (cells[i] < 0)
            {
                report.Error(side, $"padding.{Sides[i]}: {cells[i]} is not allowed: padding cannot be negative");
                ok = false;
            }
            else ok &= WithinMaxSize(side, report, $"padding.{Sides[i]}", cells[i].ToString(System.Globalization.CultureInfo.InvariantCulture), cells[i]);
        }
        spec = new PaddingSpec(map, new PaddingAmount(cells[0], null, map, cells[1]), new PaddingAmount(cells[2], null, map, cells[3]));
        return ok;
    }

    private static bool Amount(RawNode node, Report report, out PaddingAmount amount)
    {
        amount = new PaddingAmount(0, null, node);
        if (node is not RawScalar scalar || IsInteger(node))
        {
            var ok = Int(node, report, "padding", out var cells);
            amount = amount with { Cells = cells };
            return ok;
        }
        if (Words<PaddingWord>.Parse(scalar.Value) is { } word)
        {
            amount = amount with { Word = word };
            return true;
        }
        var words = Words<PaddingWord>.Names;
        report.Error(node, $"padding: '{scalar.Value}' is neither a whole number nor one of {string.Join(", ", words)}{Suggestions.DidYouMean(scalar.Value, words)}");
        return false;
    }

    /// <summary>
    /// The padding in cells of each axis: numbers as written; words from the kernel's span d(k-1)+1 and, for same
    /// (TensorFlow's SAME), from the input and stride too.
    /// </summary>
    /// <param name="input">The input the padding is for: the direct convolution's (TensorFlow's SAME depends on it).</param>
    /// <param name="oneRow">Whether the input is a single row (a 1-D figure, the only kind causal padding suits).</param>
    public (PaddingSides Rows, PaddingSides Cols)? Resolve(Size2 input, Size2 kernel, Size2 stride, Size2 dilation, bool oneRow, Report report)
    {
        var rows = Cells(Rows, input.Rows, kernel.Rows, stride.Rows, dilation.Rows, oneRow, report);
        // One word for both axes is reported once.
        var cols = rows is null && Cols.At == Rows.At ? null : Cells(Cols, input.Cols, kernel.Cols, stride.Cols, dilation.Cols, oneRow, report);
        return rows is { } r && cols is { } c ? (r, c) : null;
    }

    /// <summary>The words as written for each axis (null where a number was written).</summary>
    public PaddingWords Words => new(Rows.Word, Cols.Word);

    private static PaddingSides? Cells(PaddingAmount amount, int input, int kernel, int stride, int dilation, bool oneRow, Report report)
    {
        var spread = dilation * (kernel - 1);
        switch (amount.Word)
        {
            case null:
                return new PaddingSides(amount.Cells, amount.EndCells ?? amount.Cells);
            case PaddingWord.Valid:
                return new PaddingSides(0, 0);
            case PaddingWord.Full:
                return new PaddingSides(spread, spread);
            case PaddingWord.Same:
                var (before, after) = Axis.SamePadding(input, kernel, stride, dilation);
                return new PaddingSides(before, after);
            case PaddingWord.Half:
                var (first, last) = Axis.HalfPadding(kernel, dilation);
                return new PaddingSides(first, last);
            case PaddingWord.Causal when oneRow:
                return new PaddingSides(spread, 0);
            default:
                report.Error(amount.At, "padding: 'causal' is for 1-D figures (input: [1, n], kernel: [1, k]): it pads d(k-1) on the left only, as Keras does");
                return null;
        }
    }
}

/// <summary>The 'values' key as written; <see cref="Resolve"/> checks its shapes once the figure's sizes are known.</summary>
internal sealed record ValuesSpec(RawMap At, RawNode? Input, RawNode? Kernel, RawNode? SeedAt, int? Seed)
{
    public static readonly string[] Keys = ["input", "kernel", "seed"];

    public static bool Read(RawNode node, Report report, out ValuesSpec? spec)
    {
        spec = null;
        if (node is not RawMap map)
        {
            report.Error(node, $"values: expected a mapping with 'input' and 'kernel' or 'seed', got {RawYaml.Describe(node)}");
            return false;
        }
        var ok = report.UnknownKeys(map, Keys, "values");
        int? seed = null;
        if (map["seed"] is { } seedNode)
        {
            if (Int(seedNode, report, "values.seed", out var n)) seed = n;
            else ok = false;
            if (map["input"] is not null || map["kernel"] is not null)
            {
                report.Error(seedNode, "values: give either 'seed' or explicit 'input'/'kernel' numbers, not both");
                ok = false;
            }
        }
        // Every number is checked here, whatever the shapes turn out to be.
        foreach (var key in new[] { "input", "kernel" })
        {
            // Below the first level, at any depth (a multi-channel figure's values have 3 or 4).
            var rows = (map[key] as RawList)?.Items ?? [];
            foreach (var item in rows.OfType<RawList>().SelectMany(Leaves))
            {
                ok &= CellValue(item, report, $"values.{key}", out _);
            }
        }
        spec = new ValuesSpec(map, map["input"], map["kernel"], map["seed"], seed);
        return ok;
    }

    private static IEnumerable<RawNode> Leaves(RawList list) => list.Items.SelectMany(item => item is RawList inner ? Leaves(inner) : [item]);

    public FigureValues? Resolve(Kind kind, Geometry geometry, Report report)
    {
        var pooling = kind.IsPooling;
        var inputShape = kind.AnimatedInput(geometry);
        var inputName = kind.IsTransposed ? "the transposed input (the direct output o)" : "the input";
        if (pooling && Kernel is not null)
        {
            report.Error(Kernel, "values.kernel: a pooling figure has no kernel weights, only a window");
            return null;
        }
        if (SeedAt is not null)
        {
            if (Seed is not { } seed || Input is not null || Kernel is not null) return null;
            var random = new SplitMix(seed);
            return new FigureValues(Fill(inputShape, () => random.Next(4)), pooling ? null : Fill(geometry.Kernel, () => random.Next(3)));
        }
        if (Input is null) report.Error(At, $"values: needs 'input' ({inputShape.Yaml} numbers, {inputName}) or 'seed'");
        if (!pooling && Kernel is null) report.Error(At, $"values: needs 'kernel' ({geometry.Kernel.Yaml} weights) or 'seed'");
        var input = Input is null ? null : Matrix(Input, "values.input", inputShape, inputName, report);
        var kernel = Kernel is null ? null : Matrix(Kernel, "values.kernel", geometry.Kernel, "the kernel", report);
        return input is not null && (pooling || kernel is not null) ? new FigureValues(input, kernel) : null;
    }

    private static double[,]? Matrix(RawNode value, string key, Size2 shape, string what, Report report)
    {
        var expected = $"{shape.Rows} rows of {shape.Cols} numbers ({what} is {shape.Rows}x{shape.Cols})";
        if (value is not RawList rows)
        {
            report.Error(value, $"{key}: expected {expected}, got {RawYaml.Describe(value)}");
            return null;
        }
        if (rows.Items.Count != shape.Rows)
        {
            report.Error(value, $"{key}: has {rows.Items.Count} rows, expected {expected}");
            return null;
        }
        var matrix = new double[shape.Rows, shape.Cols];
        var ok = true;
        for (var r = 0; r < shape.Rows; r++)
        {
            if (rows.Items[r] is not RawList row || row.Items.Count != shape.Cols)
            {
                report.Error(rows.Items[r], $"{key}: row {r + 1} is {RawYaml.Describe(rows.Items[r])}, expected a list of {shape.Cols} numbers ({what} is {shape.Rows}x{shape.Cols})");
                ok = false;
                continue;
            }
            for (var c = 0; c < shape.Cols; c++)
            {
                // Wrong numbers were reported by Read, which looks into nested lists (of multi-channel values).
                if (row.Items[c] is RawList nested)
                {
                    report.Error(nested, $"{key}: expected a number, got {RawYaml.Describe(nested)}");
                    ok = false;
                }
                else if (CellValue(row.Items[c], report.Muted, key, out var number)) matrix[r, c] = number;
                else ok = false;
            }
        }
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

/// <summary>The 'panels' key as written; <see cref="Resolve"/> checks its frames once the figure's frame count is known.</summary>
internal sealed record PanelsSpec(IReadOnlyList<(int Index, RawNode At)>? Frames, int? Columns, IReadOnlyList<OutputFormat> Formats)
{
    public static readonly string[] Keys = ["frames", "columns", "formats", .. PaperRules.Keys];

    /// <summary>The page for a paper (<c>width</c>, <c>text</c>, <c>letters</c>), when a width is given.</summary>
    public PanelPaper? Paper { get; init; }

    /// <summary>The paper's static figure: frames side by side (default all, in one row), as PDF unless told.</summary>
    public static bool Read(RawNode node, Report report, out PanelsSpec? spec)
    {
        spec = null;
        if (node is not RawMap map)
        {
            report.Error(node, $"panels: expected a mapping with 'frames', 'columns' and 'formats' (each optional), got {RawYaml.Describe(node)}");
            return false;
        }
        var ok = report.UnknownKeys(map, Keys, "panels");

        List<(int, RawNode)>? frames = null;
        if (map["frames"] is { } framesNode)
        {
            frames = [];
            if (framesNode is not RawList { Items.Count: > 0 } list)
            {
                report.Error(framesNode, $"panels.frames: expected a list of frame indices such as [0, 1, 2, 3], got {RawYaml.Describe(framesNode)}");
                ok = false;
            }
            else
            {
                foreach (var item in list.Items)
                {
                    if (Int(item, report, "panels.frames", out var index)) frames.Add((index, item));
                    else ok = false;
                }
            }
        }
        int? columns = null;
        if (map["columns"] is { } columnsNode && Int(columnsNode, report, "panels.columns", out var n))
        {
            columns = n;
            if (n < 1)
            {
                report.Error(columnsNode, $"panels.columns: {n} is not allowed: at least 1 panel a row");
                ok = false;
            }
        }
        else if (map["columns"] is not null)
        {
            ok = false;
        }
        IReadOnlyList<OutputFormat> formats = [OutputFormat.Pdf];
        if (map["formats"] is { } formatsNode) ok &= ValueRules.Formats("panels.formats", OutputFormat.PanelNames)(formatsNode, report, out formats);
        ok &= PaperRules.Read(map, report, out var paper);
        spec = new PanelsSpec(frames, columns, formats) { Paper = paper };
        return ok;
    }

    public Panels? Resolve(int frameCount, Report report)
    {
        var ok = true;
        foreach (var (index, at) in Frames ?? [])
        {
            if (index >= 0 && index < frameCount) continue;
            report.Error(at, $"panels.frames: {index} is not a frame of this figure, which has frames 0 to {frameCount - 1}");
            ok = false;
        }
        var frames = Frames?.Select(f => f.Index).ToList() ?? Enumerable.Range(0, frameCount).ToList();
        return ok ? new Panels(frames, Math.Clamp(Columns ?? frames.Count, 1, Math.Max(1, frames.Count)), Formats) { Paper = Paper } : null;
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
