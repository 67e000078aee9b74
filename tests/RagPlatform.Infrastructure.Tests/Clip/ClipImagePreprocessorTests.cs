using RagPlatform.Infrastructure.Clip;
using RagPlatform.Infrastructure.Imaging;

namespace RagPlatform.Infrastructure.Tests.Clip;

public sealed class ClipImagePreprocessorTests
{
    private static readonly ClipImagePreprocessor Preprocessor = new(ReadFixtureConfig());
    private static readonly SkiaImageDecoder Decoder = new(100_000_000);

    /// <summary>All but the 12-megapixel JPEG, which ClipEncoderParityTests checks once, pixels
    /// and embedding together.</summary>
    public static TheoryData<string> ReferenceImages { get; } = new(ClipFixtures.Images.Select(fixture => fixture.Name).Where(name => name != ClipFixtures.HugeImage));

    /// <summary>Lossless formats decode to the same 8-bit values as Pillow, and the resampling is
    /// Pillow's own arithmetic, so the tensor must be the reference's to float rounding. JPEG
    /// decoders may differ by a level on some pixels (libjpeg-turbo versions and SIMD paths), so
    /// JPEG is allowed one level per value (here Skia and Pillow both use libjpeg-turbo and agree
    /// exactly, but other builds may round differently).</summary>
    [Theory]
    [MemberData(nameof(ReferenceImages))]
    public void Pixel_tensor_matches_the_reference(string name)
    {
        var fixture = ClipFixtures.Image(name);
        var expected = ClipFixtures.ReadPixels(fixture);
        var actual = Preprocess(fixture.ImagePath);

        AssertPixelsMatch(name, expected, actual);
    }

    internal static void AssertPixelsMatch(string name, float[] expected, float[] actual)
    {
        var levels = LevelDifferences(expected, actual);
        if (name.EndsWith(".jpg", StringComparison.Ordinal))
        {
            Assert.True(levels.OverOne == 0, $"{name}: {levels.OverOne} values are more than one level off the reference (max {levels.Max:F2}).");
        }
        else
        {
            Assert.True(levels.Max < 0.01, $"{name}: a value is {levels.Max} levels off the reference (lossless formats must match).");
        }
    }

    [Theory]
    [InlineData(640, 480, 298, 224)]
    [InlineData(300, 800, 224, 597)]
    [InlineData(17, 9, 423, 224)]
    [InlineData(225, 301, 224, 299)]
    [InlineData(224, 224, 224, 224)]
    [InlineData(4000, 3000, 298, 224)]
    public void Shortest_side_becomes_224_and_the_other_is_truncated(int width, int height, int expectedWidth, int expectedHeight)
    {
        Assert.Equal((expectedWidth, expectedHeight), Preprocessor.ResizedSize(width, height));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 20_000)]
    [InlineData(20_000, 3)]
    public void Degenerate_shapes_give_a_full_tensor_without_building_the_whole_resized_image(int width, int height)
    {
        // 1 × 20,000 resizes to 224 × 4,480,000; only the 224 × 224 crop is ever computed.
        var raster = new RgbaRaster(width, height);
        Array.Fill(raster.Pixels, (byte)200);
        var png = SkiaImageTransformer.EncodePng(raster);
        var tensor = new float[Preprocessor.TensorLength];

        Preprocessor.Preprocess(Decoder.Decode(png.Data.Span), tensor);

        var expected = ((200 / 255f) - (float)Preprocessor.Config.Mean[0]) / (float)Preprocessor.Config.Std[0];
        Assert.All(tensor.Take(224 * 224), value => Assert.Equal(expected, value, 5));
    }

    [Fact]
    public void Configuration_values_come_from_the_model_folder_file()
    {
        var config = Preprocessor.Config;

        Assert.Equal(224, config.ShortestEdge);
        Assert.Equal((224, 224), (config.CropWidth, config.CropHeight));
        Assert.Equal(0.48145466, config.Mean[0]);
        Assert.Equal(0.27577711, config.Std[2]);
    }

    [Fact]
    public void A_configuration_with_another_resampling_filter_is_refused_with_its_key()
    {
        using var json = new MemoryStream("""{"resample": 2, "size": {"shortest_edge": 224}, "crop_size": 224}"""u8.ToArray());

        var error = Assert.Throws<InvalidDataException>(() => ClipPreprocessorConfig.Parse(json));
        Assert.Contains("resample", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_configuration_without_mean_is_refused_with_its_key()
    {
        using var json = new MemoryStream("""{"size": 224, "crop_size": 224, "image_std": [1, 1, 1]}"""u8.ToArray());

        var error = Assert.Throws<InvalidDataException>(() => ClipPreprocessorConfig.Parse(json));
        Assert.Contains("image_mean", error.Message, StringComparison.Ordinal);
    }

    internal static float[] Preprocess(string path)
    {
        var image = Decoder.Decode(File.ReadAllBytes(path));
        var tensor = new float[Preprocessor.TensorLength];
        Preprocessor.Preprocess(image, tensor);
        return tensor;
    }

    private static ClipPreprocessorConfig ReadFixtureConfig()
    {
        using var json = File.OpenRead(Path.Combine(ClipFixtures.ModelDirectory, "preprocessor_config.json"));
        return ClipPreprocessorConfig.Parse(json);
    }

    // Differences expressed in 8-bit levels: (value · std) · 255 undoes the normalisation.
    private static (double Max, int OverOne) LevelDifferences(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        var std = Preprocessor.Config.Std;
        var plane = expected.Length / 3;
        var max = 0.0;
        var overOne = 0;
        for (var i = 0; i < expected.Length; i++)
        {
            var levels = Math.Abs(expected[i] - actual[i]) * std[i / plane] * 255;
            max = Math.Max(max, levels);
            overOne += levels > 1.01 ? 1 : 0;
        }

        return (max, overOne);
    }
}
