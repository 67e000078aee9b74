using RagPlatform.Infrastructure.Clip;
using RagPlatform.Infrastructure.Imaging;
using RagPlatform.Infrastructure.Tests.Clip;

namespace RagPlatform.Infrastructure.Tests.Imaging;

public sealed class SkiaImageDecoderTests
{
    private static readonly SkiaImageDecoder Decoder = new(100_000_000);

    private static readonly ClipImagePreprocessor Preprocessor = new(new ClipPreprocessorConfig(224, 224, 224, 1 / 255.0, [0, 0, 0], [1, 1, 1]));

    public static TheoryData<string> SamplesWithPillowCrops { get; } = new(
        Directory.GetFiles(Path.Combine(ImagingSamples.Folder, "reference")).Select(path => Path.GetFileNameWithoutExtension(path)));

    /// <summary>Palette (with and without tRNS), bilevel, interlaced, grey + alpha, 16-bit, GIF
    /// with and without transparency, BMP palette, WebP, grey/progressive JPEG and all eight EXIF
    /// orientations: the 224 × 224 crop equals Pillow's. Lossless formats exactly; JPEG and
    /// 16-bit PNG (whose reduction to 8 bits may round) within one level.</summary>
    [Theory]
    [MemberData(nameof(SamplesWithPillowCrops))]
    public void The_clip_crop_of_a_real_file_equals_the_pillow_reference(string name)
    {
        var crop = Preprocessor.ResizeAndCrop(Decoder.Decode(ImagingSamples.Read(name)));
        var reference = Decoder.Decode(File.ReadAllBytes(ImagingSamples.ReferenceCrop(name))).Pixels;

        var tolerance = name.EndsWith(".jpg", StringComparison.Ordinal) || name.EndsWith(".jpeg", StringComparison.Ordinal) || name.Contains("16", StringComparison.Ordinal) ? 1 : 0;
        var worst = MaxDifference(reference, crop);
        Assert.True(worst <= tolerance, $"{name}: a channel differs by {worst} levels from Pillow's crop.");
    }

    [Theory]
    [InlineData("basn3p08.png", true)]
    [InlineData("basn3p04-31i.png", true)]
    [InlineData("basn0g01.png", true)]
    [InlineData("ftbbn3p08.png", false)]
    [InlineData("video-001.gif", true)]
    [InlineData("test-animation.gif", false)]
    [InlineData("palette.bmp", true)]
    [InlineData("basn4a08.png", false)]
    [InlineData("video-001.jpeg", false)]
    public void Palette_images_without_transparency_are_marked_for_nearest_neighbour_as_pillow_does(string name, bool paletteMode)
    {
        Assert.Equal(paletteMode, Decoder.Decode(ImagingSamples.Read(name)).IsPaletteMode);
    }

    [Fact]
    public void Transparent_palette_entries_are_composited_on_white()
    {
        // ftbbn3p08: palette entry 0 is fully transparent (black underneath).
        var pixels = Decoder.Decode(ImagingSamples.Read("ftbbn3p08.png")).Pixels;

        Assert.Equal(new byte[] { 255, 255, 255, 255 }, pixels.Pixels[..4]);
        Assert.All(Enumerable.Range(0, pixels.Width * pixels.Height), i => Assert.Equal(255, pixels.Pixels[(i * 4) + 3]));
    }

    [Theory]
    [InlineData("basn0g16.png")]
    [InlineData("basn2c16.png")]
    [InlineData("basn6a16.png")]
    [InlineData("basn4a08.png")]
    [InlineData("basn0g01.png")]
    public void Sixteen_bit_grey_alpha_and_bilevel_pngs_decode_to_32_pixels_square(string name)
    {
        var image = Decoder.Decode(ImagingSamples.Read(name));

        Assert.Equal((32, 32), (image.Width, image.Height));
        Assert.Equal("PNG", image.Format);
    }

    [Fact]
    public void Grey_pngs_decode_to_equal_red_green_and_blue()
    {
        foreach (var name in new[] { "basn0g16.png", "basn4a08.png" })
        {
            var pixels = Decoder.Decode(ImagingSamples.Read(name)).Pixels.Pixels;
            for (var i = 0; i < pixels.Length; i += 4)
            {
                Assert.True(pixels[i] == pixels[i + 1] && pixels[i] == pixels[i + 2], $"{name}: pixel {i / 4} is not grey.");
            }
        }
    }

    [Fact]
    public void An_interlaced_png_decodes_to_the_same_pixels_as_its_plain_twin()
    {
        var plain = Decoder.Decode(ImagingSamples.Read("benchRGB.png")).Pixels;
        var interlaced = Decoder.Decode(ImagingSamples.Read("benchRGB-interlace.png")).Pixels;

        Assert.Equal(plain.Pixels, interlaced.Pixels);
    }

    [Fact]
    public void A_cmyk_jpeg_decodes_close_to_go_reference_decoding()
    {
        var cmyk = Decoder.Decode(ImagingSamples.Read("video-001.cmyk.jpeg")).Pixels;
        var reference = Decoder.Decode(ImagingSamples.Read("video-001.cmyk.png")).Pixels;

        Assert.Equal((reference.Width, reference.Height), (cmyk.Width, cmyk.Height));
        Assert.True(MeanDifference(reference, cmyk) < 3, $"mean difference {MeanDifference(reference, cmyk):F2} levels");
    }

    [Fact]
    public void A_progressive_jpeg_decodes_close_to_go_reference_decoding()
    {
        var progressive = Decoder.Decode(ImagingSamples.Read("video-001.progressive.jpeg")).Pixels;
        var reference = Decoder.Decode(ImagingSamples.Read("video-001.png")).Pixels;

        Assert.True(MeanDifference(reference, progressive) < 3, $"mean difference {MeanDifference(reference, progressive):F2} levels");
    }

    [Fact]
    public void Exif_orientation_6_turns_a_landscape_file_upright()
    {
        var bytes = File.ReadAllBytes(ClipFixtures.Image("exif-orientation-6.jpg").ImagePath);

        var image = Decoder.Decode(bytes);

        Assert.Equal((320, 480), (image.Width, image.Height));
        Assert.Equal((320, 480, "JPEG"), Decoder.ReadSize(bytes));
    }

    [Fact]
    public void The_first_frame_of_an_animated_gif_is_decoded()
    {
        var image = Decoder.Decode(ImagingSamples.Read("test-animation.gif"));

        Assert.Equal((17, 17, "GIF"), (image.Width, image.Height, image.Format));
    }

    internal static int MaxDifference(RgbaRaster expected, RgbaRaster actual)
    {
        Assert.Equal((expected.Width, expected.Height), (actual.Width, actual.Height));
        var worst = 0;
        for (var i = 0; i < expected.Pixels.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(expected.Pixels[i] - actual.Pixels[i]));
        }

        return worst;
    }

    private static double MeanDifference(RgbaRaster expected, RgbaRaster actual) =>
        expected.Pixels.Zip(actual.Pixels, (a, b) => Math.Abs(a - b)).Average();
}
