namespace ConvAnimations.Arithmetic;

/// <summary>A pair of per-axis numbers, rows first (the order of every [rows, cols] in figures.yaml).</summary>
public readonly record struct Size2(int Rows, int Cols)
{
    public static Size2 Square(int n) => new(n, n);

    public int Area => Rows * Cols;

    public override string ToString() => Rows == Cols ? $"{Rows}" : $"{Rows}x{Cols}";
}
