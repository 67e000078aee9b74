namespace RagPlatform.Core.Documents;

/// <summary>Recognises the supported formats from their magic bytes. The client's file name and
/// Content-Type are never trusted: a PNG renamed to .pdf is still a PNG.</summary>
public static class MediaTypeSniffer
{
    /// <summary>How many leading bytes <see cref="Detect"/> needs at most.</summary>
    public const int HeaderLength = 1024;

    public static DetectedMediaType? Detect(ReadOnlySpan<byte> head)
    {
        if (StartsWith(head, [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return new("image/png", DocumentKind.Image, "png");
        }

        if (StartsWith(head, [0xFF, 0xD8, 0xFF]))
        {
            return new("image/jpeg", DocumentKind.Image, "jpg");
        }

        if (StartsWith(head, "GIF87a"u8) || StartsWith(head, "GIF89a"u8))
        {
            return new("image/gif", DocumentKind.Image, "gif");
        }

        if (head.Length >= 12 && StartsWith(head, "RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return new("image/webp", DocumentKind.Image, "webp");
        }

        // "BM" alone is too weak a signal (plain text may start with it): also require the
        // 14-byte file header's reserved fields to be zero.
        if (head.Length >= 14 && StartsWith(head, "BM"u8) && head[6..10].IndexOfAnyExcept((byte)0) < 0)
        {
            return new("image/bmp", DocumentKind.Image, "bmp");
        }

        // The PDF specification lets "%PDF-" appear anywhere in the first 1024 bytes, and real
        // files from the wild do put junk (mail headers, BOMs) before it.
        if (head[..Math.Min(head.Length, HeaderLength)].IndexOf("%PDF-"u8) >= 0)
        {
            return new("application/pdf", DocumentKind.Pdf, "pdf");
        }

        return null;
    }

    /// <summary>Reads up to <see cref="HeaderLength"/> bytes from the stream's current position
    /// (without rewinding it) and recognises them.</summary>
    public static async Task<DetectedMediaType?> DetectAsync(Stream content, CancellationToken cancellationToken)
    {
        var head = new byte[HeaderLength];
        var read = await content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        return Detect(head.AsSpan(0, read));
    }

    /// <summary>Names of the supported formats, for error messages.</summary>
    public static string SupportedFormats => "PDF, PNG, JPEG, WebP, GIF, BMP";

    private static bool StartsWith(ReadOnlySpan<byte> head, ReadOnlySpan<byte> magic) => head.StartsWith(magic);
}
