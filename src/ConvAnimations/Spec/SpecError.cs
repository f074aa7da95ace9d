namespace ConvAnimations.Spec;

/// <summary>One problem in a figures file: where, which figure, what is wrong and what is allowed.</summary>
public sealed record SpecError(SourceLocation Location, string? Figure, string Message)
{
    /// <summary>One line for a terminal: what the file wrote (a key, a word) is quoted with its control characters escaped.</summary>
    public override string ToString() => Printable(
        Figure is null ? $"{Location}: error: {Message}" : $"{Location}: error: figure '{Figure}': {Message}");

    private static string Printable(string text) =>
        text.Any(char.IsControl) ? string.Concat(text.Select(c => char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString())) : text;
}

/// <summary>The result of reading a figures file: the figures when there is no error, every error otherwise.</summary>
public sealed record FigureFile(string Path, IReadOnlyList<Figure> Figures, IReadOnlyList<SpecError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}
