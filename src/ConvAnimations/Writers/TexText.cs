using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ConvAnimations.Writers;

/// <summary>
/// A figure's text as LaTeX: its mathematics in math mode as the guide writes it (<c>$k = 3$</c>, <c>$5\times 5$</c>,
/// <c>$w$</c>, <c>$3\times 0 + 1\times 2 = 2$</c>), its words as text, every character LaTeX treats specially escaped
/// and every other one something plain LaTeX (OT1, no package) can set, so no text can break a document.
/// </summary>
internal static partial class TexText
{
    private enum Kind { Number, Letter, Word, Operator, Open, Close, Comma, Space, Other }

    private sealed class Token(Kind kind, string text)
    {
        public Kind Kind { get; set; } = kind;

        public string Text { get; } = text;

        public bool Math { get; set; }

        public string Tex { get; set; } = "";
    }

    public static string Of(string text)
    {
        var tokens = Tokens(text).ToList();
        Classify(tokens);
        return Join(tokens);
    }

    [GeneratedRegex(@"(?<number>\d+(?:\.\d+)?)|(?<word>[A-Za-z_]+'*)|(?<space>\s+)|(?<other>.)", RegexOptions.Singleline)]
    private static partial Regex Pieces();

    private static IEnumerable<Token> Tokens(string text)
    {
        foreach (Match m in Pieces().Matches(text))
        {
            if (m.Groups["number"].Success) yield return new Token(Kind.Number, m.Value);
            else if (m.Groups["word"].Success) yield return new Token(m.Value.TrimEnd('\'').Length == 1 ? Kind.Letter : Kind.Word, m.Value);
            else if (m.Groups["space"].Success) yield return new Token(Kind.Space, " ");
            else yield return m.Value switch
            {
                "=" or "+" or "\u00D7" or "\u00B7" or "/" or "\u2212" or "-" or "<" or ">" => new Token(Kind.Operator, m.Value),
                "(" => new Token(Kind.Open, m.Value),
                ")" => new Token(Kind.Close, m.Value),
                "," => new Token(Kind.Comma, m.Value),
                _ => new Token(Kind.Other, m.Value),
            };
        }
    }

    /// <summary>Decides which tokens are mathematics and writes each in its mode.</summary>
    private static void Classify(List<Token> tokens)
    {
        Token? Neighbour(int i, int step)
        {
            for (var j = i + step; j >= 0 && j < tokens.Count; j += step)
            {
                if (tokens[j].Kind != Kind.Space) return tokens[j];
            }
            return null;
        }
        var alone = tokens.Count(t => t.Kind != Kind.Space) == 1;
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            switch (t.Kind)
            {
                case Kind.Number:
                    (t.Math, t.Tex) = (true, t.Text);
                    break;
                case Kind.Letter:
                    // A symbol: a label of its own (x, w, T) or a side of an equation (k = 3); else a word (a).
                    t.Math = alone || Neighbour(i, 1)?.Text == "=" || Neighbour(i, -1)?.Text == "=";
                    t.Tex = t.Math ? t.Text : Escape(t.Text);
                    break;
                case Kind.Operator when t.Text == "-" && i > 0 && tokens[i - 1].Kind is not (Kind.Space or Kind.Open or Kind.Operator):
                    (t.Kind, t.Tex) = (Kind.Other, "-"); // a hyphen (1-D), not a minus
                    break;
                case Kind.Operator:
                    (t.Math, t.Tex) = (true, t.Text switch { "\u00D7" => @"\times ", "\u00B7" => @"\cdot ", "\u2212" => "-", _ => t.Text });
                    break;
                default:
                    t.Tex = t.Kind switch { Kind.Space => " ", _ => Escape(t.Text) };
                    break;
            }
        }
        // x between two numbers is a product (5x5); max before a bracket is the function.
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (t.Kind == Kind.Letter && t.Text == "x" && i > 0 && i + 1 < tokens.Count && tokens[i - 1].Kind == Kind.Number && tokens[i + 1].Kind == Kind.Number)
            {
                (t.Kind, t.Math, t.Tex) = (Kind.Operator, true, @"\times ");
            }
            if (t.Kind == Kind.Word && t.Text == "max" && i + 1 < tokens.Count && tokens[i + 1].Kind == Kind.Open)
            {
                (t.Math, t.Tex) = (true, @"\max");
            }
        }
        // Brackets and commas: mathematics inside a bracket that holds some (max(3, 2), (1, 2)); else text.
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Kind != Kind.Open) continue;
            var close = tokens.FindIndex(i, t => t.Kind == Kind.Close);
            if (close < 0) continue;
            var inside = tokens.Skip(i + 1).Take(close - i - 1).ToList();
            if (!inside.All(t => t.Math || t.Kind is Kind.Comma or Kind.Space) || !inside.Any(t => t.Math)) continue;
            for (var j = i; j <= close; j++)
            {
                if (tokens[j].Kind == Kind.Space) continue;
                tokens[j].Math = true;
                if (tokens[j].Kind is Kind.Letter or Kind.Open or Kind.Close or Kind.Comma) tokens[j].Tex = tokens[j].Text;
            }
        }
        // A comma between two numbers is a pair of indices (0,1).
        for (var i = 1; i + 1 < tokens.Count; i++)
        {
            if (tokens[i].Kind == Kind.Comma && tokens[i - 1].Kind == Kind.Number && tokens[i + 1].Kind == Kind.Number) tokens[i].Math = true;
        }
        foreach (var t in tokens.Where(t => t.Kind is Kind.Open or Kind.Close or Kind.Comma)) t.Tex = t.Text;
    }

    /// <summary>
    /// Runs of mathematics in one <c>$...$</c>: neighbours join across a space when one of them is an operator
    /// (<c>k = 3</c>) or the space is inside a bracket; a comma outside brackets ends the run (<c>$k = 3$, $s = 1$</c>).
    /// </summary>
    private static string Join(List<Token> tokens)
    {
        var text = new StringBuilder();
        var inMath = false;
        var depth = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (t.Kind == Kind.Space)
            {
                var (before, after) = (i > 0 ? tokens[i - 1] : null, i + 1 < tokens.Count ? tokens[i + 1] : null);
                var joins = inMath && after is { Math: true } && before is { Math: true }
                    && (depth > 0 || before.Kind == Kind.Operator || after.Kind == Kind.Operator);
                if (inMath && !joins)
                {
                    text.Append('$');
                    inMath = false;
                }
                text.Append(joins ? " " : t.Tex);
                continue;
            }
            if (t.Math != inMath)
            {
                text.Append('$');
                inMath = t.Math;
            }
            if (t.Math && t.Kind == Kind.Open) depth++;
            if (t.Math && t.Kind == Kind.Close) depth = Math.Max(0, depth - 1);
            text.Append(t.Tex);
        }
        if (inMath) text.Append('$');
        // "\times 5" needs its space; "\times $" and "\times  " do not.
        return text.ToString().Replace(@"\times $", @"\times$", StringComparison.Ordinal).Replace(@"\cdot $", @"\cdot$", StringComparison.Ordinal);
    }

    /// <summary>Text-mode LaTeX for <paramref name="text"/>: special characters escaped, others spelled in ASCII.</summary>
    public static string Escape(string text)
    {
        var tex = new StringBuilder();
        foreach (var c in text)
        {
            tex.Append(c switch
            {
                '\\' => @"\textbackslash{}",
                '{' or '}' or '_' or '%' or '&' or '#' or '$' => "\\" + c,
                '~' => @"\textasciitilde{}",
                '^' => @"\textasciicircum{}",
                '<' or '>' or '|' => $"${c}$",
                '\u2026' => @"\dots{}",
                '\u00D7' => @"$\times$",
                '\u00B7' => @"$\cdot$",
                '\u2212' or '\u2013' => "--",
                '\u2014' => "---",
                '\u1D40' => "$^T$",
                '\u2192' => @"$\to$",
                '\u2018' or '\u2019' => "'",
                '\u201C' => "``",
                '\u201D' => "''",
                _ when c < 128 && !char.IsControl(c) => c.ToString(),
                _ => Plain(c),
            });
        }
        return tex.ToString();
    }

    /// <summary>Latin letters with accents and the accent commands plain LaTeX sets them with (é is \'e).</summary>
    private static readonly Dictionary<char, string> Accented = new()
    {
        ['\u00C0'] = @"\`A", ['\u00C1'] = @"\'A", ['\u00C2'] = @"\^A", ['\u00C3'] = @"\~A", ['\u00C4'] = "\\\"A", ['\u00C5'] = @"\r{A}",
        ['\u00C6'] = @"\AE{}", ['\u00C7'] = @"\c{C}", ['\u00C8'] = @"\`E", ['\u00C9'] = @"\'E", ['\u00CA'] = @"\^E", ['\u00CB'] = "\\\"E",
        ['\u00CC'] = @"\`I", ['\u00CD'] = @"\'I", ['\u00CE'] = @"\^I", ['\u00CF'] = "\\\"I", ['\u00D1'] = @"\~N", ['\u00D2'] = @"\`O",
        ['\u00D3'] = @"\'O", ['\u00D4'] = @"\^O", ['\u00D5'] = @"\~O", ['\u00D6'] = "\\\"O", ['\u00D8'] = @"\O{}", ['\u00D9'] = @"\`U",
        ['\u00DA'] = @"\'U", ['\u00DB'] = @"\^U", ['\u00DC'] = "\\\"U", ['\u00DD'] = @"\'Y", ['\u00DF'] = @"\ss{}", ['\u00E0'] = @"\`a",
        ['\u00E1'] = @"\'a", ['\u00E2'] = @"\^a", ['\u00E3'] = @"\~a", ['\u00E4'] = "\\\"a", ['\u00E5'] = @"\r{a}", ['\u00E6'] = @"\ae{}",
        ['\u00E7'] = @"\c{c}", ['\u00E8'] = @"\`e", ['\u00E9'] = @"\'e", ['\u00EA'] = @"\^e", ['\u00EB'] = "\\\"e", ['\u00EC'] = @"\`{\i}",
        ['\u00ED'] = @"\'{\i}", ['\u00EE'] = @"\^{\i}", ['\u00EF'] = "\\\"{\\i}", ['\u00F1'] = @"\~n", ['\u00F2'] = @"\`o", ['\u00F3'] = @"\'o",
        ['\u00F4'] = @"\^o", ['\u00F5'] = @"\~o", ['\u00F6'] = "\\\"o", ['\u00F8'] = @"\o{}", ['\u00F9'] = @"\`u", ['\u00FA'] = @"\'u",
        ['\u00FB'] = @"\^u", ['\u00FC'] = "\\\"u", ['\u00FD'] = @"\'y", ['\u00FF'] = "\\\"y", ['\u0152'] = @"\OE{}", ['\u0153'] = @"\oe{}",
    };

    /// <summary>A character outside ASCII: a Latin letter with its accent, a space, or a question mark.</summary>
    private static string Plain(char c) => Accented.TryGetValue(c, out var tex) ? tex : char.IsWhiteSpace(c) ? " " : "?";

    /// <summary>A number as TikZ reads it: invariant, at most four decimals, no negative zero.</summary>
    public static string Number(double value)
    {
        var rounded = Math.Round(value, 4);
        return (rounded == 0 ? 0 : rounded).ToString("0.####", CultureInfo.InvariantCulture);
    }
}
