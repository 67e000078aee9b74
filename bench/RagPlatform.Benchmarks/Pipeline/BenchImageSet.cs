using System.Globalization;
using RagPlatform.Benchmarks.Onnx.Clip;
using RagPlatform.Core.Documents;
using SkiaSharp;

namespace RagPlatform.Benchmarks.Pipeline;

/// <summary>The images the pipeline suite decodes: a folder of real files (--images), or a seeded
/// synthetic set generated once into the cache: photo-like JPEGs (gradients, shapes, sensor-like
/// noise, so they compress like photos) from 800×600 to 12 MP, and flat PNG charts/screenshots.</summary>
internal static class BenchImageSet
{
    /// <summary>Bump when the synthetic set changes.</summary>
    private const int SyntheticVersion = 2;

    private static readonly (string Name, int Width, int Height, bool Photo)[] Synthetic =
    [
        ("photo-1600x1200-a.jpg", 1600, 1200, true),
        ("photo-1600x1200-b.jpg", 1600, 1200, true),
        ("photo-1200x1600-portrait.jpg", 1200, 1600, true),
        ("photo-4000x3000-12mp.jpg", 4000, 3000, true),
        ("photo-800x600-a.jpg", 800, 600, true),
        ("photo-800x600-b.jpg", 800, 600, true),
        ("chart-1280x800.png", 1280, 800, false),
        ("screenshot-1920x1080.png", 1920, 1080, false),
    ];

    public static async Task<IReadOnlyList<BenchImage>> LoadAsync(string directory, CancellationToken cancellationToken)
    {
        var images = new List<BenchImage>();
        foreach (var path in Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal))
        {
            var data = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
            var detected = MediaTypeSniffer.Detect(data);
            if (detected is { Kind: DocumentKind.Image })
            {
                var info = SKBitmap.DecodeBounds(data);
                images.Add(new BenchImage(Path.GetFileName(path), data, detected.MediaType, info.Width, info.Height));
            }
        }

        return images.Count > 0
            ? images
            : throw new InvalidOperationException($"No PNG, JPEG, GIF, WebP or BMP file in {directory}.");
    }

    public static async Task<IReadOnlyList<BenchImage>> EnsureSyntheticAsync(string cacheRoot, ulong seed, Action<string> report, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(cacheRoot, string.Create(CultureInfo.InvariantCulture, $"images-seed{seed}-v{SyntheticVersion}"));
        Directory.CreateDirectory(directory);
        foreach (var (name, width, height, photo) in Synthetic)
        {
            var path = Path.Combine(directory, name);
            if (!File.Exists(path))
            {
                report($"Generating {name}");
                var bytes = Draw(width, height, photo, seed ^ SeededWeights.NameHash(name));
                var temporary = path + ".partial";
                await File.WriteAllBytesAsync(temporary, bytes, cancellationToken).ConfigureAwait(false);
                File.Move(temporary, path, overwrite: true);
            }
        }

        return await LoadAsync(directory, cancellationToken).ConfigureAwait(false);
    }

    private static byte[] Draw(int width, int height, bool photo, ulong seed)
    {
        var state = seed;
        float Next() => (SeededWeights.NextUInt64(ref state) >> 40) * (1f / (1 << 24));
        SKColor Colour(byte alpha) => new((byte)(Next() * 255), (byte)(Next() * 255), (byte)(Next() * 255), alpha);

        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using (var canvas = new SKCanvas(bitmap))
        using (var paint = new SKPaint { IsAntialias = true })
        {
            paint.Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(width, height),
                [Colour(255), Colour(255), Colour(255)], SKShaderTileMode.Clamp);
            canvas.DrawRect(0, 0, width, height, paint);
            paint.Shader = null;
            for (var i = 0; i < (photo ? 120 : 24); i++)
            {
                paint.Color = Colour(photo ? (byte)90 : (byte)255);
                if (photo)
                {
                    canvas.DrawCircle(Next() * width, Next() * height, (0.02f + (Next() * 0.2f)) * width, paint);
                }
                else
                {
                    // Bars of a chart on a plain background, and some grid lines.
                    var barWidth = width / 30f;
                    canvas.DrawRect(i * barWidth * 1.2f, height * (1 - Next()), barWidth, height, paint);
                    canvas.DrawLine(0, i * height / 24f, width, i * height / 24f, paint);
                }
            }
        }

        if (photo)
        {
            // Per-pixel noise like a camera sensor's: what makes real photos expensive to encode and decode.
            var pixels = bitmap.PeekPixels().GetPixelSpan<uint>();
            for (var i = 0; i < pixels.Length; i++)
            {
                var noise = (uint)(SeededWeights.NextUInt64(ref state) & 0x0F0F0F);
                pixels[i] = (pixels[i] & 0xFF000000) | ((pixels[i] & 0x00F0F0F0) + noise);
            }
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(photo ? SKEncodedImageFormat.Jpeg : SKEncodedImageFormat.Png, 88);
        return data.ToArray();
    }
}
