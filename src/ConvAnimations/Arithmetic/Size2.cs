using System.Globalization;

namespace ConvAnimations.Arithmetic;

/// <summary>
/// A pair of per-axis numbers, rows first (the order of every [rows, cols] in figures.yaml). Every way a size is
/// written for people and programs is here, so a size reads the same wherever it appears.
/// </summary>
public readonly record struct Size2(int Rows, int Cols)
{
    public static Size2 Square(int n) => new(n, n);

    public int Area => Rows * Cols;

    public bool IsSquare => Rows == Cols;

    /// <summary>One number when both axes agree, else rows x cols: "3", "3x4" (tables, captions).</summary>
    public override string ToString() => IsSquare ? Text(Rows) : Dimensions;

    /// <summary>Rows x cols always: "3x3" (the size of a map).</summary>
    public string Dimensions => $"{Text(Rows)}x{Text(Cols)}";

    /// <summary>As figures.yaml writes it: "3" or "[3, 4]".</summary>
    public string Yaml => IsSquare ? Text(Rows) : Json;

    /// <summary>A JSON array: "[3, 4]".</summary>
    public string Json => $"[{Text(Rows)}, {Text(Cols)}]";

    /// <summary>A Python tuple: "(3, 4)".</summary>
    public string Python => $"({Text(Rows)}, {Text(Cols)})";

    private static string Text(int n) => n.ToString(CultureInfo.InvariantCulture);
}
