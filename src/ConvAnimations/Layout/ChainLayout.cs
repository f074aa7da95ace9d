using ConvAnimations.Arithmetic;
using ConvAnimations.Spec;

namespace ConvAnimations.Layout;

/// <summary>
/// A chain of layers laid out: its maps from the input (map 0) to the last layer's output (map L), each layer's own
/// one-map layout (the grid its window slides over, a frame per output cell), the receptive fields of each layer's
/// outputs along each axis, and the cells of every map that an output cell of the last layer depends on.
/// </summary>
public sealed class ChainLayout
{
    private readonly Lazy<Animation>[] _layouts;

    public ChainLayout(Figure chain)
    {
        Layers = chain.Parts;
        Rows = Layers.Select(l => new ChainAxis(l.Geometry.Rows, l.IsTransposed)).ToList();
        Cols = Layers.Select(l => new ChainAxis(l.Geometry.Cols, l.IsTransposed)).ToList();
        RowFields = ReceptiveFields.Of(Rows);
        ColFields = ReceptiveFields.Of(Cols);
        // Each layer's own layout is made when a view asks for it: the blocks never do.
        _layouts = Layers.Select(l => new Lazy<Animation>(() => Layouter.Layout(l with { Channels = Spec.Channels.Single }))).ToArray();
    }

    /// <summary>
    /// A chain as an <see cref="Animation"/>: its last layer's grid and a frame per output cell (the cells a stack's
    /// frames light the receptive field of), and the whole chain in <see cref="Animation.Layers"/>.
    /// </summary>
    public static Animation Animate(Figure chain)
    {
        var layout = new ChainLayout(chain);
        var last = layout.Layout(layout.Count);
        return new Animation(chain, last.Grid, last.Frames, null) { Layers = layout };
    }

    /// <summary>The layers, each a figure of its own.</summary>
    public IReadOnlyList<Figure> Layers { get; }

    public int Count => Layers.Count;

    /// <summary>The layers along the rows and along the columns.</summary>
    public IReadOnlyList<ChainAxis> Rows { get; }

    public IReadOnlyList<ChainAxis> Cols { get; }

    /// <summary>The receptive field of each map's cells in the input (index 0: the input), per axis; null where there is no uniform jump.</summary>
    public IReadOnlyList<ReceptiveField?> RowFields { get; }

    public IReadOnlyList<ReceptiveField?> ColFields { get; }

    /// <summary>The size of map <paramref name="m"/>: the input (0), or layer m's output.</summary>
    public Size2 Map(int m) => m == 0 ? Layers[0].AnimatedInput : Layers[m - 1].AnimatedOutput;

    /// <summary>How many feature maps map <paramref name="m"/> has.</summary>
    public int Channels(int m) => m == 0 ? Layers[0].Channels.In : Layers[m - 1].Channels.Out;

    /// <summary>What map <paramref name="m"/> is called: "input", or the title of the layer that produced it.</summary>
    public string Title(int m) => m == 0 ? "input" : Layers[m - 1].Title;

    /// <summary>Whether any map of the chain has several feature maps: then every map's sizes are written with their maps first.</summary>
    public bool SeveralMaps => Enumerable.Range(0, Count + 1).Any(m => Channels(m) > 1);

    /// <summary>Map <paramref name="m"/>'s sizes as written: "8x8", or with its feature maps first, "6x14x14".</summary>
    public string Shape(int m) => SeveralMaps ? $"{Channels(m)}x{Map(m).Dimensions}" : Map(m).Dimensions;

    /// <summary>Layer <paramref name="layer"/>'s (from 1) own layout, one map in and out: its grid and a frame per output cell.</summary>
    public Animation Layout(int layer) => _layouts[layer - 1].Value;

    /// <summary>Where cell <paramref name="cell"/> of map <paramref name="m"/> lies on the grid of the layer that reads it (m + 1).</summary>
    public Cell OnGrid(int m, Cell cell) => Layouter.GridPosition(Layers[m], cell.Row, cell.Col);

    /// <summary>A chain of rows: every map and every grid one cell high (a 1-D chain, drawn as rows of units).</summary>
    public bool OneRow => Enumerable.Range(0, Count + 1).All(m => Map(m).Rows == 1) && Layers.All(l => l.Kind.Grid(l.Geometry).Rows == 1);

    /// <summary>The receptive field of map <paramref name="m"/>'s cells in the input, per axis (null on an axis without a uniform jump).</summary>
    public (ReceptiveField? Rows, ReceptiveField? Cols) Field(int m) => (RowFields[m], ColFields[m]);

    /// <summary>The smallest and largest receptive field of map <paramref name="m"/>'s cells, per axis, on the unbounded line.</summary>
    public ((int Smallest, int Largest) Rows, (int Smallest, int Largest) Cols) Spans(int m) =>
        m == 0 ? ((1, 1), (1, 1)) : (ReceptiveFields.Spans(Rows, m), ReceptiveFields.Spans(Cols, m));

    /// <summary>
    /// The cells of every map, the input first and the last layer's output last, that output cell
    /// <paramref name="cell"/> of the last layer depends on, each row-major. Every layer reads each axis on its own, so
    /// the cells of a map are those whose row and column are both among the ones each axis reaches.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<Cell>> Receptive(Cell cell)
    {
        var rows = ReceptiveFields.Cells(Rows, Count, cell.Row);
        var cols = ReceptiveFields.Cells(Cols, Count, cell.Col);
        return Enumerable.Range(0, Count + 1).Select(m => (IReadOnlyList<Cell>)rows[m].SelectMany(r => cols[m].Select(c => new Cell(r, c))).ToList()).ToList();
    }
}
