using RagPlatform.Core.Documents;
using RagPlatform.Infrastructure.Imaging;
using RagPlatform.Infrastructure.Ocr;
using RagPlatform.Infrastructure.Ocr.FlatImageLines;
using SkiaSharp;

namespace RagPlatform.Infrastructure.Tests.Ocr.FlatImageLines;

/// <summary><see cref="OcrOptions.FlatPageLines"/>: a page rendered from a PDF (<see cref="RenderedPage"/>)
/// is as flat as a screenshot, and its lines come from its pixels, one box per line and table cell,
/// each word read; what a scanner or an encoder makes of the same page (noise, a grey paper, a slight
/// turn, JPEG at quality 40, a picture on it) is not flat and goes to the network.</summary>
public sealed class FlatPageLinesTests(OcrRecognizerWithFlatPageLinesFixture ocr) : IClassFixture<OcrRecognizerWithFlatPageLinesFixture>
{
    [Fact]
    public void A_rendered_page_gives_one_box_for_each_line_and_table_cell_in_both_columns()
    {
        var page = RenderedPage.Clean();

        var boxes = FlatImageLineFinder.Find(Raster(page.Bitmap), page: true) ?? throw new Xunit.Sdk.XunitException("the rendered page was not taken for a flat page");

        var all = string.Join(", ", boxes.Select(box => $"[{box.Left:F0}, {box.Top:F0}, {box.Right:F0}, {box.Bottom:F0}]"));
        foreach (var line in page.Lines)
        {
            var owners = boxes.Where(box => box.Left <= line.Bounds.MidX && box.Right >= line.Bounds.MidX && box.Top <= line.Bounds.MidY && box.Bottom >= line.Bounds.MidY).ToList();
            Assert.True(owners.Count == 1, $"{owners.Count} boxes hold the middle of \"{line.Text}\" at {line.Bounds}; boxes: {all}");
        }

        Assert.True(boxes.Count == page.Lines.Count, $"{boxes.Count} boxes for {page.Lines.Count} lines: {all}");
    }

    [Fact]
    public async Task A_rendered_page_is_read_word_for_word_from_its_flat_lines()
    {
        var page = RenderedPage.Clean();
        var bytes = page.Encode();

        var lines = await ocr.Recognizer.RecognizeAsync(new EncodedImage(bytes, "image/png", page.Width, page.Height), TestContext.Current.CancellationToken);

        var read = lines.SelectMany(line => Words(line.Text)).GroupBy(word => word).ToDictionary(group => group.Key, group => group.Count());
        var missed = new List<string>();
        foreach (var word in page.Lines.SelectMany(line => Words(line.Text)))
        {
            if (read.TryGetValue(word, out var left) && left > 0)
            {
                read[word] = left - 1;
            }
            else
            {
                missed.Add(word);
            }
        }

        Assert.True(missed.Count == 0, $"missed {string.Join(", ", missed)}; read: {string.Join(" | ", lines.Select(line => line.Text))}");
    }

    public static TheoryData<string> Damages() => ["noise", "grey scanned paper", "turned 1°", "turned 2°", "JPEG quality 40", "a picture on it"];

    [Theory]
    [MemberData(nameof(Damages))]
    public void A_damaged_copy_of_the_page_is_left_to_the_network(string damage)
    {
        using var damaged = Damage(damage);

        Assert.Null(FlatImageLineFinder.Find(Raster(damaged), page: true));
    }

    private static SKBitmap Damage(string damage)
    {
        var random = new Random(11);
        var page = RenderedPage.Clean();
        void Plain(SKCanvas canvas, SKImage image) => canvas.DrawImage(image, 0, 0, SKSamplingOptions.Default);
        Action<SKCanvas, SKImage> Turned(float degrees) => (canvas, image) =>
        {
            canvas.RotateDegrees(degrees, page.Width / 2f, page.Height / 2f);
            canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Linear));
        };
        void Noise(Span<byte> pixels, int amplitude)
        {
            for (var i = 0; i < pixels.Length; i += 4)
            {
                var noise = random.Next(-amplitude, amplitude + 1);
                for (var channel = 0; channel < 3; channel++)
                {
                    pixels[i + channel] = (byte)Math.Clamp(pixels[i + channel] + noise, 0, 255);
                }
            }
        }

        switch (damage)
        {
            case "noise":
                return RenderedPage.Damaged(Plain, pixels => Noise(pixels, 8));
            case "grey scanned paper":
                return RenderedPage.Damaged(
                    (canvas, image) =>
                    {
                        canvas.Clear(new SKColor(238, 236, 230));
                        using var multiply = new SKPaint { BlendMode = SKBlendMode.Multiply };
                        canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Linear), multiply);
                    },
                    pixels => Noise(pixels, 4));
            case "turned 1°":
                return RenderedPage.Damaged(Turned(1));
            case "turned 2°":
                return RenderedPage.Damaged(Turned(-2));
            case "JPEG quality 40":
                using (var image = SKImage.FromBitmap(page.Bitmap))
                using (var jpeg = image.Encode(SKEncodedImageFormat.Jpeg, 40))
                {
                    return SKBitmap.Decode(jpeg.ToArray()).Copy(SKColorType.Rgba8888);
                }

            default:
                // A photograph below the table: smooth shading with grain, as a camera gives it.
                return RenderedPage.Damaged(
                    (canvas, image) =>
                    {
                        canvas.DrawImage(image, 0, 0, SKSamplingOptions.Default);
                        using var shader = SKShader.CreateLinearGradient(new SKPoint(300, 1300), new SKPoint(900, 1550), [new SKColor(40, 90, 160), new SKColor(220, 180, 90)], SKShaderTileMode.Clamp);
                        using var paint = new SKPaint { Shader = shader };
                        canvas.DrawRect(new SKRect(300, 1300, 900, 1550), paint);
                    },
                    pixels =>
                    {
                        for (var y = 1300; y < 1550; y++)
                        {
                            Noise(pixels.Slice(((y * page.Width) + 300) * 4, 600 * 4), 6);
                        }
                    });
        }
    }

    private static RgbaRaster Raster(SKBitmap bitmap)
    {
        using var image = SKImage.FromBitmap(bitmap);
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return new SkiaImageDecoder(long.MaxValue).Decode(png.ToArray()).Pixels;
    }

    private static IEnumerable<string> Words(string text) =>
        text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(word => word.Trim('.', ',', ';', ':').ToLowerInvariant()).Where(word => word.Length > 0);
}
