using System.Text;

namespace ConvAnimations.Layout;

/// <summary>The "matrix" member of <c>explain --json</c>: C's shape and its non-zero entries [row, col, kr, kc], ten a line.</summary>
internal static class MatrixJson
{
    public static string Write(ConvolutionMatrix matrix)
    {
        var json = new StringBuilder();
        json.Append($"  \"matrix\": {{\"shape\": [{matrix.Shape.Rows}, {matrix.Shape.Cols}], \"entries\": [");
        var entries = matrix.Entries.Select(e => $"[{e.Row}, {e.Col}, {e.KernelRow}, {e.KernelCol}]").Chunk(10).Select(line => string.Join(", ", line)).ToList();
        if (entries.Count > 0) json.Append("\n    ").AppendJoin(",\n    ", entries).Append("\n  ");
        json.Append("]},\n");
        return json.ToString();
    }
}
