using RagPlatform.Core.Documents;
using RagPlatform.Core.Ingestion;
using RagPlatform.Infrastructure.Imaging;

namespace RagPlatform.Infrastructure.Extraction;

/// <summary>Opens an uploaded image as a one-page document. The page is the upright image: its size
/// is the decoded size after EXIF orientation, and its render is the original file, untouched (no
/// re-encoding loss; browsers and the image encoder both apply the orientation). The whole image is
/// decoded once on open, so a damaged file is rejected with its reason before anything is stored.</summary>
/// <param name="decodeFullSize">Decode every pixel on open, with the very call OCR and CLIP make
/// (the extractor process does, and so screens the upload without a second decode); otherwise a
/// reduced decode that reads every byte all the same.</param>
internal sealed class ImageDocumentExtractor(SkiaImageDecoder decoder, bool decodeFullSize = false) : IDocumentExtractor
{
    // Enough to validate every byte of the file without holding a full-size raster for JPEGs.
    private const int ValidationLongSide = 1024;

    public async Task<IExtractedDocument> OpenAsync(string originalPath, DocumentKind kind, CancellationToken cancellationToken)
    {
        if (kind != DocumentKind.Image)
        {
            throw new ArgumentException($"{nameof(ImageDocumentExtractor)} opens images; a {kind} document needs its own extractor.", nameof(kind));
        }

        var bytes = await File.ReadAllBytesAsync(originalPath, cancellationToken);
        return await Task.Run(() =>
        {
            var (width, height, _) = decoder.ReadSize(bytes);
            decoder.Decode(bytes, decodeFullSize ? 0 : ValidationLongSide);
            var mediaType = MediaTypeSniffer.Detect(bytes.AsSpan(0, Math.Min(bytes.Length, MediaTypeSniffer.HeaderLength)))!.MediaType;
            return (IExtractedDocument)new ImageDocument(new EncodedImage(bytes, mediaType, width, height));
        }, cancellationToken);
    }

    private sealed class ImageDocument(EncodedImage image) : IExtractedDocument
    {
        public int PageCount => 1;

        public Task<ExtractedPage> ExtractPageAsync(int pageNumber, CancellationToken cancellationToken)
        {
            ArgumentOutOfRangeException.ThrowIfNotEqual(pageNumber, 1);
            return Task.FromResult(new ExtractedPage(1, image.PixelWidth, image.PixelHeight, [], [], image));
        }

        public void Dispose()
        {
            // Nothing to release: the bytes are managed memory.
        }
    }
}
