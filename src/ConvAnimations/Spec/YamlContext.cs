using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using static ConvAnimations.Spec.FigureFileReader;

namespace ConvAnimations.Spec;

/// <summary>Where errors of a figures file go, with the helpers that read typed values and report what is wrong.</summary>
internal sealed class YamlContext(string path, List<SpecError> errors)
{
    public void Error(YamlNode? node, string? figure, string message) =>
        errors.Add(new SpecError(At(node), figure, message));

    public SourceLocation At(YamlNode? node) =>
        node is null ? new SourceLocation(path, 1, 1) : new SourceLocation(path, (int)node.Start.Line, (int)node.Start.Column);

    public void CheckKeys(YamlMappingNode map, string[] known, string? figure, string where)
    {
        foreach (var key in map.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (!known.Contains(name))
            {
                Error(key, figure, $"unknown key '{name}' in {where}{Suggestions.DidYouMean(name, known)}; allowed: {string.Join(", ", known)}");
            }
        }
    }

    public bool TryInt(YamlNode node, string? figure, string key, out int value)
    {
        value = 0;
        if (node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } scalar && scalar.Value is { } text && IntegerPattern().IsMatch(text))
        {
            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value)) return true;
            Error(node, figure, $"{key}: {text} is out of range");
            return false;
        }
        Error(node, figure, $"{key}: expected a whole number, got {Describe(node)}");
        return false;
    }

    public bool TryNumber(YamlNode node, string? figure, string key, out double value)
    {
        value = 0;
        if (node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } scalar && scalar.Value is { } text
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value))
        {
            return true;
        }
        Error(node, figure, $"{key}: expected a number, got {Describe(node)}");
        return false;
    }

    public static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode { Value: null or "" } => "nothing",
        YamlScalarNode { Style: ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted } s => $"the string \"{s.Value}\"",
        YamlScalarNode s => $"'{s.Value}'",
        YamlSequenceNode s => $"a list of {s.Children.Count}",
        YamlMappingNode => "a mapping",
        _ => "something else",
    };
}
