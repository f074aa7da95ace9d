using System.Globalization;
using static ConvAnimations.Spec.ValueRules;

namespace ConvAnimations.Spec;

/// <summary>The themes: the guide's (the default), a dark one for slides, one for colour-blind readers, one for print.</summary>
public enum ThemeName { SolarizedLight, SolarizedDark, Colorblind, Print }

/// <summary>The colours a theme names, each of which a figure may override.</summary>
public enum ThemeColour { Background, Input, Output, Lines, Highlight }

/// <summary>How much a figure writes beside its maps: nothing (the guide's look), their names, with sizes, with parameters.</summary>
public enum Labels { None, Maps, Sizes, Full }

/// <summary>Whether a numerical figure shows every output from the first frame (as the guide) or fills them in frame by frame.</summary>
public enum Reveal { All, Progressive }

/// <summary>A theme: a base and colours overridden as 0xRRGGBB.</summary>
public sealed record ThemeSpec(ThemeName Base, IReadOnlyDictionary<ThemeColour, int> Colours)
{
    public static readonly ThemeSpec Guide = new(ThemeName.SolarizedLight, new Dictionary<ThemeColour, int>());

    /// <summary>The themes' names as figures.yaml writes them (solarized-light, ...).</summary>
    public static IReadOnlyList<string> Names { get; } = Words<ThemeName>.Names.Select(n => n.Replace('_', '-')).ToList();

    public static ThemeName? Parse(string name) => Words<ThemeName>.Parse(name.Replace('-', '_'));

    public override string ToString() =>
        Names[(int)Base] + string.Concat(Colours.OrderBy(c => c.Key).Select(c => $" {Words<ThemeColour>.NameOf(c.Key)}=#{c.Value:X6}"));
}

/// <summary>How a figure is drawn beyond its arithmetic. <see cref="Guide"/> is the guide's look.</summary>
public sealed record Look(ThemeSpec Theme, Labels Labels = Labels.None, bool Legend = false, Reveal Reveal = Reveal.All, int Decimals = 1)
{
    public static readonly Look Guide = new(ThemeSpec.Guide);

    /// <summary>An output value as a numerical figure shows it.</summary>
    public string Format(double value) => (value == 0 ? 0 : value).ToString(Decimals == 0 ? "0" : "0." + new string('0', Decimals), CultureInfo.InvariantCulture);
}

/// <summary>The rules of the look's keys: theme, labels, legend, reveal, decimals.</summary>
internal static partial class LookRules
{
    private static readonly string[] ThemeKeys = ["base", .. Words<ThemeColour>.Names];

    /// <summary><c>theme: NAME</c>, or <c>theme: {base: NAME, input: "#RRGGBB", ...}</c>.</summary>
    public static bool Theme(RawNode node, Report report, out ThemeSpec theme)
    {
        theme = ThemeSpec.Guide;
        if (node is RawScalar)
        {
            if (!BaseName(node, report, "theme", out var name)) return false;
            theme = theme with { Base = name };
            return true;
        }
        if (node is not RawMap map)
        {
            report.Error(node, $"theme: expected one of {string.Join(", ", ThemeSpec.Names)} or a mapping such as {{base: solarized-dark, input: \"#45408A\"}}, got {RawYaml.Describe(node)}");
            return false;
        }
        var ok = report.UnknownKeys(map, ThemeKeys, "theme");
        var themeBase = ThemeName.SolarizedLight;
        if (map["base"] is { } baseNode) ok &= BaseName(baseNode, report, "theme.base", out themeBase);
        var colours = new Dictionary<ThemeColour, int>();
        foreach (var entry in map.Entries.Where(e => Words<ThemeColour>.Parse(e.Key.Value) is not null))
        {
            if (Colour(entry.Value, report, $"theme.{entry.Key.Value}", out var rgb)) colours[Words<ThemeColour>.Parse(entry.Key.Value)!.Value] = rgb;
            else ok = false;
        }
        theme = new ThemeSpec(themeBase, colours);
        return ok && Contrasting(map, theme, report);
    }

    /// <summary>
    /// A theme's colours keep the contrast the palettes keep (<see cref="Palette.ContrastProblems"/>): every pair below
    /// it is an error, at the colour of the pair the theme sets, naming both.
    /// </summary>
    private static bool Contrasting(RawMap map, ThemeSpec theme, Report report)
    {
        var ok = true;
        foreach (var (problem, colours) in Palette.Of(theme).ContrastProblems())
        {
            var set = colours.Where(theme.Colours.ContainsKey).Select(c => Words<ThemeColour>.NameOf(c)).ToList();
            var change = set.Count > 0 ? $": change {string.Join(" or ", set.Select(c => "theme." + c))}" : "";
            report.Error(set.Select(c => map[c]).FirstOrDefault(n => n is not null) ?? map,
                $"theme: {problem}, under the {Palette.MinimumContrast.ToString(CultureInfo.InvariantCulture)}:1 that text and lines need (WCAG){change}");
            ok = false;
        }
        return ok;
    }

    private static bool BaseName(RawNode node, Report report, string key, out ThemeName name)
    {
        var text = (node as RawScalar)?.Value ?? "";
        if (ThemeSpec.Parse(text) is { } known && ThemeSpec.Names.Contains(text))
        {
            name = known;
            return true;
        }
        name = ThemeName.SolarizedLight;
        report.Error(node, $"{key}: '{(node is RawScalar ? text : RawYaml.Describe(node))}' is not a theme: use one of {string.Join(", ", ThemeSpec.Names)}{Suggestions.DidYouMean(text, ThemeSpec.Names)}");
        return false;
    }

    /// <summary>A colour written "#RRGGBB" (quoted in YAML, since # starts a comment).</summary>
    private static bool Colour(RawNode node, Report report, string key, out int rgb)
    {
        rgb = 0;
        var text = (node as RawScalar)?.Value ?? "";
        if (HexColour().IsMatch(text))
        {
            rgb = int.Parse(text.AsSpan(1), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            return true;
        }
        report.Error(node, $"{key}: '{(node is RawScalar ? text : RawYaml.Describe(node))}' is not a colour: write it as \"#RRGGBB\" (six hex digits, in quotes)");
        return false;
    }

    public static bool Legend(RawNode node, Report report, out bool legend) => FlagRules.Flag("legend")(node, report, out legend);

    public static bool Decimals(RawNode node, Report report, out int decimals)
    {
        if (!Int(node, report, "decimals", out decimals)) return false;
        if (decimals is >= 0 and <= 3) return true;
        report.Error(node, $"decimals: {decimals} is not allowed: output values show 0 to 3 decimals");
        return false;
    }

    [System.Text.RegularExpressions.GeneratedRegex("^#[0-9A-Fa-f]{6}$")]
    private static partial System.Text.RegularExpressions.Regex HexColour();
}
