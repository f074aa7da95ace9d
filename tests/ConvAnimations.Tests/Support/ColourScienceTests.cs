using SkiaSharp;

namespace ConvAnimations.Tests.Support;

/// <summary>The test oracle <see cref="ColourScience"/> against its sources' published numbers.</summary>
public sealed class ColourScienceTests
{
    [Fact]
    public void The_distance_is_sharmas_ciede2000()
    {
        // All 34 pairs of Sharma, Wu and Dalal's (2005) table 1, with their distances: the hue wrap-arounds, the zero
        // chromas and the blue region's rotation term included.
        (double, double, double, double, double, double, double)[] pairs =
        [
            (50, 2.6772, -79.7751, 50, 0, -82.7485, 2.0425),
            (50, 3.1571, -77.2803, 50, 0, -82.7485, 2.8615),
            (50, 2.8361, -74.0200, 50, 0, -82.7485, 3.4412),
            (50, -1.3802, -84.2814, 50, 0, -82.7485, 1.0000),
            (50, -1.1848, -84.8006, 50, 0, -82.7485, 1.0000),
            (50, -0.9009, -85.5211, 50, 0, -82.7485, 1.0000),
            (50, 0, 0, 50, -1, 2, 2.3669),
            (50, -1, 2, 50, 0, 0, 2.3669),
            (50, 2.49, -0.001, 50, -2.49, 0.0009, 7.1792),
            (50, 2.49, -0.001, 50, -2.49, 0.0010, 7.1792),
            (50, 2.49, -0.001, 50, -2.49, 0.0011, 7.2195),
            (50, 2.49, -0.001, 50, -2.49, 0.0012, 7.2195),
            (50, -0.001, 2.49, 50, 0.0009, -2.49, 4.8045),
            (50, -0.001, 2.49, 50, 0.0010, -2.49, 4.8045),
            (50, -0.001, 2.49, 50, 0.0011, -2.49, 4.7461),
            (50, 2.5, 0, 50, 0, -2.5, 4.3065),
            (50, 2.5, 0, 73, 25, -18, 27.1492),
            (50, 2.5, 0, 61, -5, 29, 22.8977),
            (50, 2.5, 0, 56, -27, -3, 31.9030),
            (50, 2.5, 0, 58, 24, 15, 19.4535),
            (50, 2.5, 0, 50, 3.1736, 0.5854, 1.0000),
            (50, 2.5, 0, 50, 3.2972, 0, 1.0000),
            (50, 2.5, 0, 50, 1.8634, 0.5757, 1.0000),
            (50, 2.5, 0, 50, 3.2592, 0.3350, 1.0000),
            (60.2574, -34.0099, 36.2677, 60.4626, -34.1751, 39.4387, 1.2644),
            (63.0109, -31.0961, -5.8663, 62.8187, -29.7946, -4.0864, 1.2630),
            (61.2901, 3.7196, -5.3901, 61.4292, 2.2480, -4.9620, 1.8731),
            (35.0831, -44.1164, 3.7933, 35.0232, -40.0716, 1.5901, 1.8645),
            (22.7233, 20.0904, -46.6940, 23.0331, 14.9730, -42.5619, 2.0373),
            (36.4612, 47.8580, 18.3852, 36.2715, 50.5065, 21.2231, 1.4146),
            (90.8027, -2.0831, 1.4410, 91.1528, -1.6435, 0.0447, 1.4441),
            (90.9257, -0.5406, -0.9208, 88.6381, -0.8985, -0.7239, 1.5381),
            (6.7747, -0.2908, -2.4247, 5.8714, -0.0985, -2.2286, 0.6377),
            (2.0776, 0.0795, -1.1350, 0.9033, -0.0636, -0.5514, 0.9082),
        ];
        foreach (var (l1, a1, b1, l2, a2, b2, expected) in pairs)
        {
            Assert.Equal(expected, ColourScience.Ciede2000((l1, a1, b1), (l2, a2, b2)), 4);
        }
    }

    [Fact]
    public void Lab_and_contrast_give_the_standards_values()
    {
        var white = ColourScience.Lab(SKColors.White);
        Assert.Equal((100, 0, 0), (Math.Round(white.L, 2), Math.Round(white.A, 2), Math.Round(white.B, 2)));
        var red = ColourScience.Lab(new SKColor(255, 0, 0));
        Assert.Equal((53.24, 80.09, 67.20), (Math.Round(red.L, 2), Math.Round(red.A, 2), Math.Round(red.B, 2)));
        Assert.Equal(21, ColourScience.Contrast(SKColors.Black, SKColors.White), 6);
        Assert.Equal(1, ColourScience.Contrast(SKColors.Gray, SKColors.Gray), 6);
        Assert.Equal(4.48, ColourScience.Contrast(new SKColor(0x77, 0x77, 0x77), SKColors.White), 2);
    }

    [Fact]
    public void Dichromats_see_greys_unchanged_and_red_and_green_alike()
    {
        // Each of Machado et al.'s rows sums to 1: a grey is seen as itself.
        foreach (var grey in new[] { SKColors.Black, SKColors.White, new SKColor(0x80, 0x80, 0x80) })
        {
            Assert.Equal(grey, ColourScience.Deuteranopia(grey));
            Assert.Equal(grey, ColourScience.Protanopia(grey));
        }
        var (red, green) = (new SKColor(0xD0, 0x30, 0x30), new SKColor(0x50, 0x90, 0x30));
        Assert.True(ColourScience.Ciede2000(red, green) > 40);
        Assert.True(ColourScience.Ciede2000(ColourScience.Deuteranopia(red), ColourScience.Deuteranopia(green)) < ColourScience.Ciede2000(red, green) / 2);
        Assert.True(ColourScience.Ciede2000(ColourScience.Protanopia(red), ColourScience.Protanopia(green)) < ColourScience.Ciede2000(red, green) / 2);
    }
}
