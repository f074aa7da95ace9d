namespace ConvAnimations.Scenes;

/// <summary>The shades of the input maps of a stack: eight, each told apart from the others (then again from the first).</summary>
public static class Shades
{
    public static readonly IReadOnlyList<Shade> InputMaps =
        [Shade.Input, Shade.SecondInput, Shade.ThirdInput, Shade.FourthInput, Shade.FifthInput, Shade.SixthInput, Shade.SeventhInput, Shade.EighthInput];

    /// <summary>The shade of input map <paramref name="n"/> (from 0).</summary>
    public static Shade OfInputMap(int n) => InputMaps[n % InputMaps.Count];
}
