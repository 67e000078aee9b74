using RagPlatform.Core.Ingestion;
using RagPlatform.Infrastructure.Imaging;

namespace RagPlatform.Infrastructure.Extraction.Isolation;

/// <summary>Decodes, in the extractor process, every image the platform will decode after it (for
/// OCR and embeddings) with the same decoder and the same call: a file that crashes the decoder
/// crashes the extractor process first and never reaches the platform. A decode that merely fails
/// is the platform's to report, as before, so failures are ignored here. The render needs no
/// screening: a PDF page's is a PNG that libvips wrote, and an uploaded image (the render of an image
/// document) was decoded whole when it was opened (<see cref="ImageDocumentExtractor"/>).</summary>
internal sealed class ImageScreen(SkiaImageDecoder decoder)
{
    public void Screen(ExtractedPage page)
    {
        foreach (var image in page.Images)
        {
            TryDecode(image.Image.Data);
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
