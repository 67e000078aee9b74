using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Ingestion;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Tokens;

namespace RagPlatform.Infrastructure.Extraction;

/// <summary>Reads the images drawn on a page with where they are drawn. JPEG (DCTDecode) streams are
/// JPEG files already and are kept byte for byte; other images are decoded to PNG by PdfPig. Images
/// that cannot be decoded (JPEG 2000, unusual colour spaces), tiny ones, huge ones and ones that
/// fill the page (scans: the render already shows them) are skipped.</summary>
internal sealed class PdfImageReader(ExtractionOptions options, ILogger logger)
{
    /// <summary>An image covering at least this fraction of the page area is the page itself (a scan
    /// or a full-bleed background): the page render carries it, so it is not repeated as an image.</summary>
    internal const double FullPageCoverage = 0.9;

    private static readonly NameToken AbbreviatedFilter = NameToken.Create("F");

    public IReadOnlyList<ExtractedImage> Read(Page page, PageFrame frame)
    {
        var images = new List<ExtractedImage>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            foreach (var image in page.GetImages())
            {
                if (images.Count == options.MaxImagesPerPage)
                {
                    logger.ImagesCapped(page.Number, options.MaxImagesPerPage);
                    break;
                }

                if (TryRead(image, page.Number, frame, seen) is { } extracted)
                {
                    images.Add(extracted);
                }
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // One broken image stream ends PdfPig's enumeration; the images before it stay.
            logger.PageImagesFailed(page.Number, images.Count, ex);
        }

        return images;
    }

    private ExtractedImage? TryRead(IPdfImage image, int pageNumber, PageFrame frame, HashSet<string> seen)
    {
        // Pixel size from the image dictionary (/Width, /Height), as the PDF declares it.
        int width = image.WidthInSamples, height = image.HeightInSamples;
        if (width < options.MinImageSide || height < options.MinImageSide)
        {
            return Skip(pageNumber, $"{width}x{height} px is smaller than {options.MinImageSide} px on a side");
        }

        if ((long)width * height > options.MaxImagePixels)
        {
            return Skip(pageNumber, $"{width}x{height} px is more than {options.MaxImagePixels} pixels");
        }

        if (frame.ToRegion(image.BoundingBox) is not { Width: > 0, Height: > 0 } box)
        {
            return Skip(pageNumber, "drawn outside the visible page");
        }

        if (box.Width * box.Height >= FullPageCoverage)
        {
            return Skip(pageNumber, "fills the page, which the render already shows");
        }

        // The same image drawn twice (a logo in header and footer) is one image.
        if (!seen.Add(Convert.ToHexString(SHA256.HashData(image.RawMemory.Span))))
        {
            return Skip(pageNumber, "drawn again on the same page");
        }

        var filters = FilterNames(image);
        if (filters is ["DCTDecode" or "DCT"])
        {
            var jpeg = image.RawMemory.ToArray();
            return jpeg is [0xFF, 0xD8, ..]
                ? new ExtractedImage(new EncodedImage(jpeg, "image/jpeg", width, height), box)
                : Skip(pageNumber, "DCTDecode stream that is no JPEG file");
        }

        if (filters.Contains("JPXDecode"))
        {
            return Skip(pageNumber, "JPEG 2000 is not decoded");
        }

        try
        {
            return image.TryGetPng(out var png) && png is { Length: > 0 }
                ? new ExtractedImage(new EncodedImage(png, "image/png", width, height), box)
                : Skip(pageNumber, $"PdfPig cannot decode it (filters {string.Join(", ", filters)}, colour space {image.ColorSpaceDetails?.Type})");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return Skip(pageNumber, $"decoding failed: {ex.Message}");
        }
    }

    private ExtractedImage? Skip(int pageNumber, string reason)
    {
        logger.ImageSkipped(pageNumber, reason);
        return null;
    }

    private static List<string> FilterNames(IPdfImage image)
    {
        var dictionary = image.ImageDictionary;
        if (!dictionary.TryGet(NameToken.Filter, out var token) && !dictionary.TryGet(AbbreviatedFilter, out token))
        {
            return [];
        }

        return token switch
        {
            NameToken name => [name.Data],
            ArrayToken array => array.Data.OfType<NameToken>().Select(name => name.Data).ToList(),
            _ => [],
        };
    }
}
