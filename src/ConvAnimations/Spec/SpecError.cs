namespace ConvAnimations.Spec;

/// <summary>One problem in a figures file: where, which figure, what is wrong and what is allowed.</summary>
public sealed record SpecError(SourceLocation Location, string? Figure, string Message)
{
    public override string ToString() =>
        Figure is null ? $"{Location}: error: {Message}" : $"{Location}: error: figure '{Figure}': {Message}";
}

/// <summary>The result of reading a figures file: the figures when there is no error, every error otherwise.</summary>
public sealed record FigureFile(string Path, IReadOnlyList<Figure> Figures, IReadOnlyList<SpecError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}
