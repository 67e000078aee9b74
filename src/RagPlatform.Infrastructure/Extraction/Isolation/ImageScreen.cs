using RagPlatform.Core.Ingestion;
using RagPlatform.Infrastructure.Imaging;

namespace RagPlatform.Infrastructure.Extraction.Isolation;

/// <summary>Decodes, in the extractor process, every image the platform will decode after it (for
/// OCR and embeddings) with the same decoder and the same call: a file that crashes the decoder
/// crashes the extractor process first and never reaches the platform. A decode that merely fails
/// is the platform's to report, as before, so failures are ignored here.</summary>
internal sealed class ImageScreen(SkiaImageDecoder decoder)
{
    /// <param name="renderIsUpload">The render is the uploaded file itself (an image document);
    /// a PDF page's render is a PNG that libvips wrote and needs no screening.</param>
    public void Screen(ExtractedPage page, bool renderIsUpload)
    {
        foreach (var image in page.Images)
        {
            TryDecode(image.Image.Data);
        }

        if (renderIsUpload)
        {
            TryDecode(page.Render.Data);
        }
    }

    private void TryDecode(ReadOnlyMemory<byte> file)
    {
        try
        {
            decoder.Decode(file.Span);
        }
        catch (DocumentRejectedException)
        {
            // Undecodable, not dangerous: the platform skips it with its reason.
        }
    }
}
