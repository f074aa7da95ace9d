namespace ConvAnimations.Spec;

/// <summary>The rule of a yes-or-no key (<c>legend</c>, and the views' <c>equivalent</c> and <c>overlap</c>): true or false, as YAML writes them plainly.</summary>
internal static class FlagRules
{
    public static ValueRule<bool> Flag(string key) => (RawNode node, Report report, out bool value) =>
    {
        value = false;
        if (node is RawScalar { IsPlain: true, Value: "true" or "false" } flag)
        {
            value = flag.Value == "true";
            return true;
        }
        report.Error(node, $"{key}: expected true or false, got {RawYaml.Describe(node)}");
        return false;
    };

    /// <summary>A view's flag read from a figure (or the defaults): its value, or <paramref name="fallback"/>, and whether it was right.</summary>
    public static (bool Value, bool Ok) Read(KeySource keys, string key, bool fallback)
    {
        var field = keys.Read(key, fallback, Flag(key));
        return (field.Value, field.Ok);
    }
}
