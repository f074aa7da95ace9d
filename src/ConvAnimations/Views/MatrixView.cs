using ConvAnimations.Arithmetic;
using ConvAnimations.Explain;
using ConvAnimations.Layout;
using ConvAnimations.Scenes;
using ConvAnimations.Spec;

namespace ConvAnimations.Views;

/// <summary>
/// The matrix view (the guide's section 4.1): the kernel view and beside it <c>C x = y</c> (<c>Cᵀ x = y</c> for a
/// transposed figure), input and output flattened row-major. Each frame outlines the line of the matrix that computes
/// its output cell, shades its non-zero entries like the kernel's taps, and shades the entries of x they multiply and
/// the entry of y they give. Non-zero entries show w with the tap's index in the direct kernel (or the weight of a
/// numerical figure); zeros are blank cells on a light grid. Over <see cref="MaxLines"/> lines or columns, a frame
/// shows the first and last ones and those around what it computes, with dots where lines are left out.
/// </summary>
public sealed class MatrixView : View
{
    public static readonly MatrixView Instance = new();

    /// <summary>The most non-zero entries C may have (explain --json lists them all).</summary>
    public const int MaxEntries = 1_000_000;

    public const int MaxLines = 64;

    private const int MatrixPlane = 0, XPlane = 1, YPlane = 2;

    /// <summary>Sizes in cells: a weight's w and its index, numbers, the symbols of the equation.</summary>
    private const float WSize = 0.5f, IndexSize = 0.3f, NumberSize = 0.47f, SymbolSize = 0.8f;

    public override string Name => "matrix";

    internal override bool Accepts(ViewRequest request, Report report)
    {
        var (kind, g) = (request.Kind, request.Geometry);
        if (kind.IsPooling)
        {
            report.Error(request.At, "view: matrix is for kind convolution or transposed: pooling is not a matrix product (it has no weights)");
            return false;
        }
        var entries = (long)g.Output.Area * g.Kernel.Area;
        if (entries <= MaxEntries) return true;
        report.Error(request.At, $"view: matrix: C would have up to {entries} non-zero entries ({g.Output.Area} output cells x {g.Kernel.Area} taps), " +
                                 $"over the limit of {MaxEntries}; use a smaller input or kernel");
        return false;
    }

    public override string Describe(Animation animation)
    {
        var figure = animation.Figure;
        var c = ConvolutionMatrix.Of(figure.Geometry);
        var (r, k) = (c.Shape.Rows, c.Shape.Cols);
        return base.Describe(animation) + (figure.IsTransposed
            ? $"matrix: y = Cᵀ x, Cᵀ {k}x{r} ({c.Entries.Count} non-zero entries); frame j computes row j of Cᵀ, column j of C\n"
            : $"matrix: y = C x, C {r}x{k} ({c.Entries.Count} non-zero entries); frame n computes row n of C\n");
    }

    /// <summary>The kernel view's document with C's shape and non-zero entries [row, col, kr, kc], and per frame its line of C.</summary>
    public override string Json(Animation animation)
    {
        var c = ConvolutionMatrix.Of(animation.Figure.Geometry);
        var line = animation.Figure.IsTransposed ? "matrix_column" : "matrix_row";
        var entries = c.Entries.Select(e => $"[{e.Row}, {e.Col}, {e.KernelRow}, {e.KernelCol}]").Chunk(10).Select(l => string.Join(", ", l)).ToList();
        var list = entries.Count > 0 ? "\n    " + string.Join(",\n    ", entries) + "\n  " : "";
        return FigureJson.Document([
            .. FigureJson.Header(animation, Named),
            FigureJson.Grid(animation),
            FigureJson.Member("matrix", $"{{\"shape\": {c.Shape.Json}, \"entries\": [{list}]}}"),
            .. FigureJson.Frames(animation.Figure, animation.Frames.Select(f => FigureJson.Frame(f, $", \"{line}\": {ConvolutionMatrix.LineOf(animation, f)}"))),
            .. FigureJson.Values(animation.Values),
        ]);
    }

    public override Scene Build(Animation animation)
    {
        var figure = animation.Figure;
        var kernelView = KernelView.Instance.Build(animation);
        var matrix = Equation(animation);
        return SceneComposer.Beside([kernelView, matrix], SceneComposer.Gap, figure.Scale, figure.Look.Theme) with { Links = Links(animation, kernelView.Planes.Count) };
    }

    /// <summary>
    /// Each frame's computation in both pictures: the output cell and its entry of y, from the taps on the grid, the
    /// entries of x its line of the matrix multiplies, and that line's non-zero entries. A matrix drawn in part (its
    /// lines or columns left out) shows other entries on each frame: then only the kernel's picture is linked.
    /// </summary>
    private static CellLinks Links(Animation animation, int matrixPlane)
    {
        var kernel = KernelView.Links(animation);
        var transposed = animation.Figure.IsTransposed;
        var c = ConvolutionMatrix.Of(animation.Figure.Geometry);
        var lines = c.Lines(transposed);
        var (lineCount, columnCount) = transposed ? (c.Shape.Cols, c.Shape.Rows) : (c.Shape.Rows, c.Shape.Cols);
        if (lineCount > MaxLines || columnCount > MaxLines) return kernel;
        var (x, y) = (matrixPlane + XPlane, matrixPlane + YPlane);
        return CellLinks.PerFrame([.. kernel.Maps, new LinkedMap(matrixPlane + MatrixPlane, transposed ? "Cᵀ" : "C"), new LinkedMap(x, "x"), new LinkedMap(y, "y")],
            animation.Frames.Count, i =>
            {
                var link = kernel.Links[i];
                var line = ConvolutionMatrix.LineOf(animation, animation.Frames[i]);
                var columns = lines[line].Select(e => transposed ? e.Row : e.Col).ToList();
                return link with
                {
                    Outputs = [.. link.Outputs, new PlaneCell(y, new Cell(line, 0))],
                    Inputs = [.. link.Inputs, .. columns.Select(j => new PlaneCell(x, new Cell(j, 0))), .. columns.Select(j => new PlaneCell(matrixPlane + MatrixPlane, new Cell(line, j)))],
                };
            });
    }

    private static Scene Equation(Animation animation)
    {
        var figure = animation.Figure;
        var transposed = figure.IsTransposed;
        var c = ConvolutionMatrix.Of(figure.Geometry);
        // The matrix drawn: C, or Cᵀ whose line j is column j of C.
        var lines = c.Lines(transposed);
        var (lineCount, columnCount) = transposed ? (c.Shape.Cols, c.Shape.Rows) : (c.Shape.Rows, c.Shape.Cols);
        int ColumnOf(MatrixEntry e) => transposed ? e.Row : e.Col;
        var widest = lines.Max(l => l.Count);
        var (rowSlots, colSlots) = (Slots(lineCount, 1), Slots(columnCount, widest));

        var height = Math.Max(rowSlots, colSlots);
        var (matrixTop, xTop) = ((height - rowSlots) / 2f, (height - colSlots) / 2f);
        var xLeft = colSlots + 1f;
        var yLeft = xLeft + 3f;
        var middle = height / 2f;
        var matrixLabels = new List<Label>
        {
            new(MatrixPlane, colSlots / 2f, -0.9f, "C", SymbolSize, TextAlign.Center, Surface.Background),
        };
        // Cᵀ: the font has no superscript T, so a small T is raised beside the C.
        if (transposed) matrixLabels.Add(new Label(MatrixPlane, colSlots / 2f + 0.3f, -1.2f, "T", SymbolSize * 0.6f, TextAlign.Left, Surface.Background));
        var planes = new List<Plane>
        {
            new(new CellKind[rowSlots, colSlots], new Placement(0, matrixTop, 0), GridLine.Faint, Coloured: false, matrixLabels),
            new(MapParts.Filled(new Size2(colSlots, 1), CellKind.Input), new Placement(xLeft, xTop, 0), GridLine.Solid, Coloured: true,
                [new Label(XPlane, 0.5f, -0.9f, "x", SymbolSize, TextAlign.Center, Surface.Background),
                 new Label(XPlane, 2f, middle - xTop, "=", SymbolSize, TextAlign.Center, Surface.Background)]),
            new(MapParts.Filled(new Size2(rowSlots, 1), CellKind.Output), new Placement(yLeft, matrixTop, 0), GridLine.Solid, Coloured: true,
                [new Label(YPlane, 0.5f, -0.9f, "y", SymbolSize, TextAlign.Center, Surface.Background)]),
        };

        var values = animation.Values;
        var kernel = figure.Values?.Kernel;
        var x = figure.Values?.Input.Cast<double>().ToArray();
        var y = values?.Output.Cast<double>().ToArray();
        var progressive = values is not null && figure.Look.Reveal == Reveal.Progressive;

        SceneFrame Frame(int index)
        {
            var current = ConvolutionMatrix.LineOf(animation, animation.Frames[index]);
            var used = lines[current].Select(ColumnOf).ToList();
            var rows = Choose(lineCount, rowSlots, [current]);
            var cols = Choose(columnCount, colSlots, used);
            var colSlot = new Dictionary<int, int>();
            for (var j = 0; j < cols.Length; j++)
            {
                if (cols[j] >= 0) colSlot[cols[j]] = j;
            }
            var currentRow = Array.IndexOf(rows, current);
            var currentCells = lines[current].Select(e => new Cell(currentRow, colSlot[ColumnOf(e)])).ToList();

            var marks = new List<Mark>();
            var nonZero = new List<Cell>();
            var labels = new List<Label>();
            for (var i = 0; i < rows.Length; i++)
            {
                if (rows[i] < 0) continue;
                foreach (var e in lines[rows[i]])
                {
                    if (!colSlot.TryGetValue(ColumnOf(e), out var j)) continue;
                    var cell = new Cell(i, j);
                    nonZero.Add(cell);
                    labels.AddRange(Weight(cell, e, kernel, i == currentRow));
                }
            }
            marks.Add(new CellFill(MatrixPlane, currentCells, Shade.Highlight));
            marks.Add(new CellBorders(MatrixPlane, nonZero));
            marks.AddRange(labels);
            marks.AddRange(Gaps(rows, cols.Length, vertical: true));
            marks.AddRange(Gaps(cols, rows.Length, vertical: false));
            marks.Add(new BlockOutline(MatrixPlane, new Cell(currentRow, 0), new Size2(1, cols.Length)));
            // With lines left out, each line drawn says which it is (and so which entry of y it gives); with columns
            // left out, each entry of x drawn says which it is (and so which column of the matrix it meets).
            if (rows.Length < lineCount) marks.AddRange(Indices(MatrixPlane, rows));
            if (cols.Length < columnCount) marks.AddRange(Indices(XPlane, cols));

            // x: the entries the line multiplies; y: the entry it gives.
            marks.Add(new CellFill(XPlane, used.Select(u => new Cell(colSlot[u], 0)).ToList(), Shade.Highlight));
            marks.AddRange(VectorMarks(XPlane, cols, x, v => MapParts.FormatInput(v), Shade.Input, j => used.Contains(j)));
            marks.Add(new CellFill(YPlane, [new Cell(currentRow, 0)], Shade.Highlight));
            marks.AddRange(VectorMarks(YPlane, rows, y, figure.Look.Format, Shade.Output, j => j == current, j => !progressive || j <= current));
            return new SceneFrame(marks);
        }

        var frames = new OnDemand<SceneFrame>(animation.Frames.Count, Frame);
        return new Scene(FigureStyle.Flat, planes, frames, figure.Scale, figure.Look.Theme, Annotations.None);
    }

    /// <summary>A non-zero entry: the weight's number, or w with the tap's row and column as a subscript.</summary>
    private static IEnumerable<Label> Weight(Cell cell, MatrixEntry e, double[,]? kernel, bool highlighted)
    {
        var on = new Surface(null, highlighted);
        if (kernel is not null)
        {
            yield return new Label(MatrixPlane, cell.Col + 0.5f, cell.Row + 0.5f, MapParts.FormatInput(kernel[e.KernelRow, e.KernelCol]), NumberSize, TextAlign.Center, on);
            yield break;
        }
        yield return new Label(MatrixPlane, cell.Col + 0.42f, cell.Row + 0.42f, "w", WSize, TextAlign.Right, on);
        yield return new Label(MatrixPlane, cell.Col + 0.42f, cell.Row + 0.68f, $"{e.KernelRow},{e.KernelCol}", IndexSize, TextAlign.Left, on);
    }

    /// <summary>The index of each line (or entry) a slot shows, small, left of the plane's first column.</summary>
    private static IEnumerable<Label> Indices(int plane, int[] slots) =>
        slots.Select((line, i) => (line, i)).Where(p => p.line >= 0)
            .Select(p => new Label(plane, -0.15f, p.i + 0.5f, p.line.ToString(System.Globalization.CultureInfo.InvariantCulture), IndexSize, TextAlign.Right, Surface.Background));

    /// <summary>A vector's numbers (numerical figures) and its dots where entries are left out.</summary>
    private static IEnumerable<Mark> VectorMarks(int plane, int[] slots, double[]? values, Func<double, string> format, Shade fill,
        Func<int, bool> highlighted, Func<int, bool>? shown = null)
    {
        for (var i = 0; i < slots.Length; i++)
        {
            if (slots[i] == LeftOut) yield return new Ellipsis(plane, 0.5f, i + 0.5f, Vertical: true);
            else if (slots[i] >= 0 && values is not null && (shown?.Invoke(slots[i]) ?? true))
                yield return new Label(plane, 0.5f, i + 0.5f, format(values[slots[i]]), NumberSize, TextAlign.Center, new Surface(fill, highlighted(slots[i])));
        }
    }

    /// <summary>Dots across each left-out line (vertical: a row of the matrix) at its two ends and its middle.</summary>
    private static IEnumerable<Ellipsis> Gaps(int[] slots, int across, bool vertical)
    {
        for (var i = 0; i < slots.Length; i++)
        {
            if (slots[i] != LeftOut) continue;
            foreach (var at in new[] { 0.5f, across / 2f, across - 0.5f }.Distinct())
            {
                yield return vertical ? new Ellipsis(MatrixPlane, at, i + 0.5f, Vertical: true) : new Ellipsis(MatrixPlane, i + 0.5f, at, Vertical: false);
            }
        }
    }

    /// <summary>A slot that stands for lines left out.</summary>
    private const int LeftOut = -1;

    /// <summary>A slot left empty at the end (the lines shown and their gaps need fewer slots than the matrix has).</summary>
    private const int Unused = -2;

    /// <summary>
    /// How many lines of <paramref name="count"/> are drawn: all up to <see cref="MaxLines"/>; else that many slots,
    /// or enough for <paramref name="must"/> lines each with a gap beside it.
    /// </summary>
    internal static int Slots(int count, int must) => count <= MaxLines ? count : Math.Max(MaxLines, 2 * must + 3);

    /// <summary>
    /// Which line each of <paramref name="slots"/> slots shows, in order, <see cref="LeftOut"/> for a run left out: the
    /// <paramref name="must"/> lines, the first and the last, then lines grown outwards from each of them in turn
    /// until the slots are full.
    /// </summary>
    internal static int[] Choose(int count, int slots, IReadOnlyCollection<int> must)
    {
        if (count <= slots) return Enumerable.Range(0, count).ToArray();
        var seeds = must.Append(0).Append(count - 1).Distinct().Order().ToList();
        var kept = new SortedSet<int>(seeds);
        int Used(SortedSet<int> set) => set.Count + set.Zip(set.Skip(1)).Count(p => p.Second - p.First > 1);
        for (var radius = 1; Used(kept) < slots && radius < count; radius++)
        {
            foreach (var seed in seeds)
            {
                foreach (var line in new[] { seed + radius, seed - radius })
                {
                    if (line < 0 || line >= count || kept.Contains(line)) continue;
                    kept.Add(line);
                    if (Used(kept) > slots) kept.Remove(line);
                }
            }
        }
        var chosen = new List<int>();
        foreach (var line in kept)
        {
            if (chosen.Count > 0 && chosen[^1] != LeftOut && line - chosen[^1] > 1) chosen.Add(LeftOut);
            chosen.Add(line);
        }
        while (chosen.Count < slots) chosen.Add(Unused);
        return chosen.ToArray();
    }

    /// <summary>The sliding kernel, then the product beside it.</summary>
    public override string Alt(Animation animation)
    {
        var figure = animation.Figure;
        var c = ConvolutionMatrix.Of(figure.Geometry).Shape;
        var (matrix, shape) = figure.IsTransposed ? ("Cᵀ", new Size2(c.Cols, c.Rows)) : ("C", c);
        return base.Alt(animation) +
            $" Beside it the same operation as a product of a matrix and a vector, y = {matrix} x, with {matrix} {AltText.Area(shape)} and the input and output flattened row by row; " +
            $"each frame outlines the line of {matrix} that computes the output cell and shades the entries of x it multiplies.";
    }
}
