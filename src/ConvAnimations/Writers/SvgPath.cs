using System.Globalization;
using System.Text;
using SkiaSharp;

namespace ConvAnimations.Writers;

/// <summary>
/// SVG path data, short: a first point, then every point relative to the one before, a command letter only where it
/// changes. Points are rounded to a tenth of a unit (of a pixel on the canvas) relative to the first point, so the
/// same shape anywhere has the same <see cref="Tail"/> (what a drawing placed again by <c>&lt;use&gt;</c> relies on).
/// </summary>
internal sealed class SvgPath
{
    private readonly StringBuilder _d = new();
    private SKPoint _origin;
    private (long X, long Y) _at, _start;
    private char _last = 'M';
    private bool _begun;

    public bool IsEmpty => !_begun;

    /// <summary>Where the path starts.</summary>
    public SKPoint Start => _origin;

    /// <summary>Everything after the first point: the same for the same shape wherever it starts.</summary>
    public string Tail => _d.ToString();

    public override string ToString()
    {
        var head = new StringBuilder("M");
        Number(head, (long)Math.Round(_origin.X * 10.0));
        var y = (long)Math.Round(_origin.Y * 10.0);
        if (y >= 0) head.Append(' ');
        Number(head, y);
        return head.Append(_d).ToString();
    }

    public SvgPath MoveTo(SKPoint p)
    {
        if (!_begun)
        {
            (_begun, _origin) = (true, p);
            return this;
        }
        var q = Tenths(p);
        Command('m', q.X - _at.X, q.Y - _at.Y);
        _at = _start = q;
        return this;
    }

    public SvgPath LineTo(SKPoint p)
    {
        var q = Tenths(p);
        Command('l', q.X - _at.X, q.Y - _at.Y);
        _at = q;
        return this;
    }

    public SvgPath Close()
    {
        _d.Append('z');
        _last = 'z';
        _at = _start;
        return this;
    }

    /// <summary>A closed polygon through the points.</summary>
    public SvgPath Polygon(params ReadOnlySpan<SKPoint> points)
    {
        MoveTo(points[0]);
        for (var i = 1; i < points.Length; i++) LineTo(points[i]);
        return Close();
    }

    /// <summary>A straight line of its own.</summary>
    public SvgPath Line(SKPoint from, SKPoint to) => MoveTo(from).LineTo(to);

    /// <summary>Any path of SkiaSharp's (glyph outlines, arrowheads, dots): its lines and curves, conics as quadratics.</summary>
    public static SvgPath Of(SKPath path)
    {
        var data = new SvgPath();
        using var iterator = path.CreateRawIterator();
        var points = new SKPoint[4];
        SKPathVerb verb;
        while ((verb = iterator.Next(points)) != SKPathVerb.Done)
        {
            switch (verb)
            {
                case SKPathVerb.Move:
                    data.MoveTo(points[0]);
                    break;
                case SKPathVerb.Line:
                    data.LineTo(points[1]);
                    break;
                case SKPathVerb.Quad:
                    data.Curve('q', points[1], points[2]);
                    break;
                case SKPathVerb.Conic:
                    var quads = SKPath.ConvertConicToQuads(points[0], points[1], points[2], iterator.ConicWeight(), 2);
                    for (var i = 1; i + 1 < quads.Length; i += 2) data.Curve('q', quads[i], quads[i + 1]);
                    break;
                case SKPathVerb.Cubic:
                    data.Curve('c', points[1], points[2], points[3]);
                    break;
                case SKPathVerb.Close:
                    data.Close();
                    break;
            }
        }
        return data;
    }

    private void Curve(char command, params ReadOnlySpan<SKPoint> points)
    {
        var values = new long[points.Length * 2];
        for (var i = 0; i < points.Length; i++)
        {
            var q = Tenths(points[i]);
            (values[2 * i], values[2 * i + 1]) = (q.X - _at.X, q.Y - _at.Y);
        }
        Command(command, values);
        _at = Tenths(points[^1]);
    }

    private void Command(char command, params ReadOnlySpan<long> values)
    {
        // After a relative move, pairs are relative lines: the letter l is implied, as is a letter repeated (after the
        // first point's M they would be absolute lines).
        var implied = command == _last && command != 'm' || command == 'l' && _last == 'm';
        if (!implied) _d.Append(command);
        for (var i = 0; i < values.Length; i++)
        {
            if ((implied || i > 0) && values[i] >= 0) _d.Append(' ');
            Number(_d, values[i]);
        }
        _last = command;
    }

    /// <summary>A point in tenths from the first point.</summary>
    private (long X, long Y) Tenths(SKPoint p) => ((long)Math.Round((p.X - _origin.X) * 10.0), (long)Math.Round((p.Y - _origin.Y) * 10.0));

    /// <summary>Tenths as a number: 123 "12.3", -5 "-.5", 40 "4".</summary>
    private static void Number(StringBuilder text, long tenths)
    {
        if (tenths < 0) text.Append('-');
        var magnitude = Math.Abs(tenths);
        var (whole, tenth) = (magnitude / 10, magnitude % 10);
        if (whole > 0 || tenth == 0) text.Append(whole.ToString(CultureInfo.InvariantCulture));
        if (tenth > 0) text.Append('.').Append((char)('0' + tenth));
    }

    /// <summary>A number as SVG and CSS write it: at most <paramref name="decimals"/> decimals, no trailing zeros, no leading zero.</summary>
    public static string Number(double value, int decimals = 1)
    {
        var text = Math.Round(value, decimals).ToString("0." + new string('#', decimals), CultureInfo.InvariantCulture);
        if (text == "-0") return "0";
        return text.StartsWith("0.", StringComparison.Ordinal) ? text[1..] : text.StartsWith("-0.", StringComparison.Ordinal) ? "-" + text[2..] : text;
    }
}
