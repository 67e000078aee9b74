using RagPlatform.Core.Documents;
using RagPlatform.Core.Ingestion;
using SkiaSharp;

namespace RagPlatform.Infrastructure.Extraction.Flow;

/// <summary>Lays one page of a flowing document out on a plain white page of fixed width, draws it,
/// and reports every word with its box on that drawing, so that hits have regions, crops show the
/// passage and the viewer shows the page like a PDF's.</summary>
internal sealed class FlowPageRenderer(ExtractionOptions options)
{
    public const int PageWidth = 1000;
    private const int Margin = 64;
    private const float BodySize = 20;
    private const float LineSpacing = 1.4f;
    private const int MaxImageHeight = 480;

    // A letter-shaped page at least; longer pages (a wordy slide) grow, up to the render limit.
    private const int MinPageHeight = 1294;

    public ExtractedPage Render(int number, IReadOnlyList<FlowBlock> blocks)
    {
        var layout = new List<PlacedWord>();
        var pictures = new List<(FlowBlock Block, SKRect Box, SKBitmap? Bitmap)>();
        var y = (float)Margin;
        for (var index = 0; index < blocks.Count; index++)
        {
            var block = blocks[index];
            if (block.Kind == FlowBlockKind.Image)
            {
                var bitmap = Decode(block.Image!);
                var box = ImageBox(block.Image!, y);
                pictures.Add((block, box, bitmap));
                y = box.Bottom + (BodySize * LineSpacing);
                continue;
            }

            var size = block.Kind == FlowBlockKind.Heading ? HeadingSize(block.Level) : BodySize;
            using var font = new SKFont(block.Kind == FlowBlockKind.Heading ? FlowTypefaces.Bold : FlowTypefaces.Regular, size);
            y = LayOut(block.Text, font, index, y, layout);
            y += size * (block.Kind == FlowBlockKind.TableRow ? 0.3f : 0.8f);
        }

        var height = (int)Math.Clamp(y + Margin, MinPageHeight, Math.Max(MinPageHeight, options.MaxRenderSide));
        var render = Draw(layout, pictures, height);
        var words = layout.Select(w => new ExtractedWord(w.Text, Fraction(w.Box, height), w.Block)).ToList();
        var images = pictures.Where(p => p.Bitmap is not null).Select(p => new ExtractedImage(p.Block.Image!, Fraction(p.Box, height).ClampToPage())).ToList();
        foreach (var picture in pictures)
        {
            picture.Bitmap?.Dispose();
        }

        return new ExtractedPage(number, PageWidth, height, words, images, render);
    }

    private static float HeadingSize(int level) => level switch { 1 => 34, 2 => 28, 3 => 24, _ => 22 };

    /// <summary>Wraps the text into lines at the page's width; returns the y below the last line.</summary>
    private static float LayOut(string text, SKFont font, int block, float y, List<PlacedWord> layout)
    {
        var lineHeight = font.Size * LineSpacing;
        var space = font.MeasureText(" ");
        var x = (float)Margin;
        foreach (var word in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var width = font.MeasureText(word);
            if (x > Margin && x + width > PageWidth - Margin)
            {
                (x, y) = (Margin, y + lineHeight);
            }

            layout.Add(new PlacedWord(word, new SKRect(x, y, x + width, y + lineHeight), block, font.Size, font.Typeface == FlowTypefaces.Bold));
            x += width + space;
        }

        return x > Margin ? y + lineHeight : y;
    }

    private SKBitmap? Decode(EncodedImage image)
    {
        var pixels = (long)image.PixelWidth * image.PixelHeight;
        if (image.PixelWidth < options.MinImageSide || image.PixelHeight < options.MinImageSide || pixels > options.MaxImagePixels)
        {
            return null;
        }

        return SKBitmap.Decode(image.Data.Span);
    }

    private static SKRect ImageBox(EncodedImage image, float y)
    {
        var scale = Math.Min(1f, Math.Min((PageWidth - (2f * Margin)) / Math.Max(1, image.PixelWidth), (float)MaxImageHeight / Math.Max(1, image.PixelHeight)));
        return new SKRect(Margin, y, Margin + (image.PixelWidth * scale), y + Math.Max(24, image.PixelHeight * scale));
    }

    private static EncodedImage Draw(List<PlacedWord> words, List<(FlowBlock Block, SKRect Box, SKBitmap? Bitmap)> pictures, int height)
    {
        using var surface = SKSurface.Create(new SKImageInfo(PageWidth, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        using var frame = new SKPaint { Color = SKColors.LightGray, Style = SKPaintStyle.Stroke, StrokeWidth = 2 };
        foreach (var word in words)
        {
            using var font = new SKFont(word.Bold ? FlowTypefaces.Bold : FlowTypefaces.Regular, word.Size);
            canvas.DrawText(word.Text, word.Box.Left, word.Box.Top + word.Size, SKTextAlign.Left, font, ink);
        }

        foreach (var (_, box, bitmap) in pictures)
        {
            if (bitmap is null)
            {
                canvas.DrawRect(box, frame);
                continue;
            }

            using var image = SKImage.FromBitmap(bitmap);
            canvas.DrawImage(image, box, new SKSamplingOptions(SKFilterMode.Linear));
        }

        using var snapshot = surface.Snapshot();
        using var png = snapshot.Encode(SKEncodedImageFormat.Png, 100);
        return new EncodedImage(png.ToArray(), "image/png", PageWidth, height);
    }

    private static Region Fraction(SKRect box, int height) =>
        new(box.Left / PageWidth, box.Top / height, box.Width / PageWidth, box.Height / height);

    private sealed record PlacedWord(string Text, SKRect Box, int Block, float Size, bool Bold);
}
