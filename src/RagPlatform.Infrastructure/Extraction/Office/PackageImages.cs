using DocumentFormat.OpenXml.Packaging;
using RagPlatform.Core.Documents;
using RagPlatform.Infrastructure.Extraction.Flow;
using SkiaSharp;

namespace RagPlatform.Infrastructure.Extraction.Office;

/// <summary>Reads an image part of an Office package (word/media, ppt/media) as an image block when
/// it is in a format the platform decodes; other formats (EMF, WMF, TIFF, SVG) are left out.</summary>
internal static class PackageImages
{
    public static FlowBlock? Read(OpenXmlPart owner, string? relationshipId)
    {
        if (string.IsNullOrEmpty(relationshipId) || !owner.TryGetPartById(relationshipId, out var part) || part is not ImagePart image)
        {
            return null;
        }

        using var stream = image.GetStream(FileMode.Open, FileAccess.Read);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var bytes = buffer.ToArray();
        var detected = MediaTypeSniffer.Detect(bytes.AsSpan(0, Math.Min(bytes.Length, MediaTypeSniffer.HeaderLength)));
        if (detected is not { Kind: DocumentKind.Image })
        {
            return null;
        }

        // The header alone: the size decides whether the image is drawn and kept at all.
        using var codec = SKCodec.Create(new SKMemoryStream(bytes));
        return codec is null
            ? null
            : FlowBlock.Picture(new EncodedImage(bytes, detected.MediaType, codec.Info.Width, codec.Info.Height), Path.GetFileName(image.Uri.OriginalString));
    }
}
