using System.Text.Json;

namespace RagPlatform.Infrastructure.Tests.Clip;

/// <summary>The reference outputs of openai/CLIP in tests/fixtures/clip (see its README), copied
/// next to the test assembly.</summary>
internal static class ClipFixtures
{
    /// <summary>The 4000 × 3000 JPEG: slow to decode, so tests decode it once.</summary>
    public const string HugeImage = "huge.jpg";

    public static string Root { get; } = Path.Combine(AppContext.BaseDirectory, "fixtures", "clip");

    public static string ModelDirectory { get; } = Path.Combine(Root, "model");

    public static IReadOnlyList<TextFixture> Texts { get; } =
        [.. ReadRows(Path.Combine(Root, "texts.jsonl"), row => new TextFixture(
            row.GetProperty("text").GetString()!,
            [.. row.GetProperty("ids").EnumerateArray().Select(id => id.GetInt32())],
            row.GetProperty("needs_ftfy").GetBoolean(),
            ReadVector(row.GetProperty("embedding"))))];

    public static IReadOnlyList<ImageFixture> Images { get; } =
        [.. ReadRows(Path.Combine(Root, "images.jsonl"), row => new ImageFixture(
            row.GetProperty("image").GetString()!,
            Path.Combine(Root, "images", row.GetProperty("image").GetString()!),
            Path.Combine(Root, "images", row.GetProperty("pixels").GetString()!),
            ReadVector(row.GetProperty("embedding"))))];

    public static TextFixture Text(string text) => Texts.Single(fixture => fixture.Text == text);

    public static ImageFixture Image(string name) => Images.Single(fixture => fixture.Name == name);

    /// <summary>The reference pixel tensor: float32 little-endian, [3, 224, 224].</summary>
    public static float[] ReadPixels(ImageFixture fixture)
    {
        var bytes = File.ReadAllBytes(fixture.PixelsPath);
        var pixels = new float[bytes.Length / sizeof(float)];
        Buffer.BlockCopy(bytes, 0, pixels, 0, bytes.Length);
        return pixels;
    }

    private static float[] ReadVector(JsonElement array) => [.. array.EnumerateArray().Select(value => (float)value.GetDouble())];

    private static IEnumerable<T> ReadRows<T>(string path, Func<JsonElement, T> read) =>
        File.ReadLines(path).Where(line => line.Length > 0).Select(line =>
        {
            using var document = JsonDocument.Parse(line);
            return read(document.RootElement.Clone());
        });
}
