namespace RagPlatform.Core.Documents;

/// <summary>Recognises the supported formats from their magic bytes. The client's file name and
/// Content-Type are never trusted: a PNG renamed to .pdf is still a PNG. The one exception is
/// Markdown, which is text whose name ends in .md or .markdown: the bytes cannot tell.</summary>
public static class MediaTypeSniffer
{
    public static readonly DetectedMediaType WordDocument = new("application/vnd.openxmlformats-officedocument.wordprocessingml.document", DocumentKind.WordDocument, "docx");

    public static readonly DetectedMediaType Presentation = new("application/vnd.openxmlformats-officedocument.presentationml.presentation", DocumentKind.Presentation, "pptx");

    /// <summary>How many leading bytes <see cref="Detect"/> needs at most.</summary>
    public const int HeaderLength = 1024;

    /// <summary>Recognises a format from the head alone. Office documents (ZIP packages) need the
    /// whole file: see <see cref="DetectAsync(Stream, string?, CancellationToken)"/>.</summary>
    /// <param name="fileName">Only used to tell Markdown from plain text.</param>
    public static DetectedMediaType? Detect(ReadOnlySpan<byte> head, string? fileName = null)
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

        return DetectText(head, fileName);
    }

    /// <summary>Reads up to <see cref="HeaderLength"/> bytes from the stream's current position
    /// (without rewinding it) and recognises them.</summary>
    public static Task<DetectedMediaType?> DetectAsync(Stream content, CancellationToken cancellationToken) =>
        DetectAsync(content, null, cancellationToken);

    /// <summary>Reads up to <see cref="HeaderLength"/> bytes from the stream's current position and
    /// recognises them; a ZIP in a seekable stream is opened to see whether it is a DOCX or PPTX (the
    /// stream is then left at an undefined position: callers rewind it).</summary>
    /// <param name="fileName">Only used to tell Markdown from plain text.</param>
    public static async Task<DetectedMediaType?> DetectAsync(Stream content, string? fileName, CancellationToken cancellationToken)
    {
        var start = content.CanSeek ? content.Position : 0;
        var head = new byte[HeaderLength];
        var read = await content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        if (content.CanSeek && head.AsSpan(0, read).StartsWith("PK\u0003\u0004"u8))
        {
            content.Position = start;
            return OfficePackageSniffer.Detect(content);
        }

        return Detect(head.AsSpan(0, read), fileName);
    }

    /// <summary>Names of the supported image formats, for error messages.</summary>
    public static string SupportedImageFormats => "PNG, JPEG, WebP, GIF, BMP";

    /// <summary>Names of the supported formats, for error messages.</summary>
    public static string SupportedFormats => "PDF, PNG, JPEG, WebP, GIF, BMP, plain text (UTF-8 or UTF-16), Markdown (.md), HTML, DOCX, PPTX";

    private static DetectedMediaType? DetectText(ReadOnlySpan<byte> head, string? fileName)
    {
        if (TextSniffer.Decode(head, complete: false) is not { } text)
        {
            return null;
        }

        var start = text.AsSpan().TrimStart();
        if (start.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase) || start.StartsWith("<html", StringComparison.OrdinalIgnoreCase))
        {
            return new("text/html", DocumentKind.Html, "html");
        }

        var extension = Path.GetExtension(fileName ?? string.Empty);
        return extension.Equals(".md", StringComparison.OrdinalIgnoreCase) || extension.Equals(".markdown", StringComparison.OrdinalIgnoreCase)
            ? new("text/markdown", DocumentKind.Markdown, "md")
            : new("text/plain", DocumentKind.PlainText, "txt");
    }

    private static bool StartsWith(ReadOnlySpan<byte> head, ReadOnlySpan<byte> magic) => head.StartsWith(magic);
}
