using System.ComponentModel.DataAnnotations;

namespace RagPlatform.Infrastructure.Extraction;

/// <summary>Settings of the <c>Extraction</c> section: how PDF pages are rendered, which embedded
/// images are kept and when a text layer counts as garbage.</summary>
public sealed class ExtractionOptions : IValidatableObject
{
    public const string SectionName = "Extraction";

    /// <summary>Resolution of page renders in dots per inch, before the side limits below apply.</summary>
    [Range(36, 1200)]
    public int RenderDpi { get; set; } = 150;

    /// <summary>Longest side of a render in pixels. Larger pages are rendered at a lower resolution:
    /// a 200 × 200 inch page at 150 dpi would be 30,000² pixels (3.6 GB); at 4096² it is 64 MiB.</summary>
    [Range(256, 16384)]
    public int MaxRenderSide { get; set; } = 4096;

    /// <summary>Longest side a render has at least, in pixels. Tiny pages (labels, stamps, cards) are
    /// rendered at a higher resolution so that OCR and the image encoder still see legible text.</summary>
    [Range(64, 16384)]
    public int MinRenderSide { get; set; } = 1024;

    /// <summary>Embedded images narrower or lower than this many pixels are skipped as decoration
    /// (bullets, rules, icons, scanner strips): they carry nothing worth searching for, and the
    /// image encoder works on 224-pixel inputs.</summary>
    [Range(1, 4096)]
    public int MinImageSide { get; set; } = 48;

    /// <summary>Embedded images with more pixels than this are skipped rather than decoded (decoding
    /// costs about 4 bytes a pixel). 40 megapixels holds an A4 scan at 600 dpi (35 MP).</summary>
    [Range(1, 1_000_000_000)]
    public long MaxImagePixels { get; set; } = 40_000_000;

    /// <summary>At most this many embedded images are kept from one page; pages tiled from hundreds of
    /// image pieces are still searchable through their render.</summary>
    [Range(1, 10_000)]
    public int MaxImagesPerPage { get; set; } = 64;

    /// <summary>A page whose visible characters are more than this fraction unmappable (no Unicode
    /// for the glyph, U+FFFD, private-use or control characters) gets no words at all, so that OCR
    /// reads its render instead of indexing garbage.</summary>
    [Range(0.0, 1.0)]
    public double MaxUnmappableTextFraction { get; set; } = 0.5;

    /// <summary>How long opening the file, or reading one page's text or render, may take before it
    /// is given up (hostile files can make a parser spin).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan PageTimeout { get; set; } = TimeSpan.FromMinutes(2);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MinRenderSide > MaxRenderSide)
        {
            yield return new ValidationResult(
                $"{SectionName}:{nameof(MinRenderSide)} ({MinRenderSide}) must not exceed {SectionName}:{nameof(MaxRenderSide)} ({MaxRenderSide}).",
                [nameof(MinRenderSide), nameof(MaxRenderSide)]);
        }
    }
}
