using System.ComponentModel.DataAnnotations;
using RagPlatform.Infrastructure.Extraction.Isolation;

namespace RagPlatform.Infrastructure.Extraction;

/// <summary>Settings of the <c>Extraction</c> section: where files are parsed (an isolated process, and
/// its limits), how PDF pages are rendered, which embedded images are kept and when a text layer
/// counts as garbage.</summary>
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

    /// <summary>What draws page renders: <c>Poppler</c> (default) through poppler-glib directly, <c>Vips</c>
    /// through libvips' PDF loader (slower; for comparison, or where poppler-glib cannot be loaded).</summary>
    [EnumDataType(typeof(PdfRenderer))]
    public PdfRenderer Renderer { get; set; } = PdfRenderer.Poppler;

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

    /// <summary>Where untrusted files are parsed, rendered and decoded: <c>Process</c> (default) in a
    /// child process that may crash, run out of memory or hang without harming the platform;
    /// <c>InProcess</c> in the worker itself, for debugging only (one hostile file can end it).</summary>
    [EnumDataType(typeof(ExtractionIsolation))]
    public ExtractionIsolation Isolation { get; set; } = ExtractionIsolation.Process;

    /// <summary>Documents with more pages than this fail at once, before any page is read.</summary>
    [Range(1, 1_000_000)]
    public int MaxPages { get; set; } = 2000;

    /// <summary>What a DOCX or PPTX may unpack to, in MiB, all its parts together, checked from its
    /// ZIP directory before anything is read: a ZIP bomb fails at once instead of filling memory.</summary>
    [Range(1, 65_536)]
    public int MaxUnpackedMegabytes { get; set; } = 512;

    /// <summary>Memory the extractor process may use, in MiB: its writable memory (RLIMIT_DATA,
    /// native allocations of poppler, libvips and Skia included) and, within it, three quarters for
    /// its managed heap (DOTNET_GCHeapHardLimit). Running out ends the process and fails the attempt.</summary>
    [Range(128, 1_048_576)]
    public int MaxMemoryMegabytes { get; set; } = 2048;

    /// <summary>Stack of each extractor thread, in MiB (DOTNET_DefaultStackSize, RLIMIT_STACK for
    /// native threads): unbounded recursion in a parser overflows it and ends the process.</summary>
    [Range(1, 256)]
    public int StackMegabytes { get; set; } = 8;

    /// <summary>Documents one extractor process reads, one after another, before it is replaced. A
    /// process goes on to the next document only after a clean close (never after a failure, a
    /// timeout or with work of the last document still running); 1 starts a fresh process for every
    /// document, at about a second of start-up and cold parsers each.</summary>
    [Range(1, 10_000)]
    public int DocumentsPerProcess { get; set; } = 20;

    /// <summary>How long the extractor process may take to answer one request (opening the file, or
    /// one page) before it is killed. A backstop above <see cref="PageTimeout"/>, which the extractor
    /// applies to each part of its work itself.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ProcessTimeout { get; set; } = TimeSpan.FromMinutes(5);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MinRenderSide > MaxRenderSide)
        {
            yield return new ValidationResult(
                $"{SectionName}:{nameof(MinRenderSide)} ({MinRenderSide}) must not exceed {SectionName}:{nameof(MaxRenderSide)} ({MaxRenderSide}).",
                [nameof(MinRenderSide), nameof(MaxRenderSide)]);
        }

        if (Isolation == ExtractionIsolation.Process && ExtractorLaunch.MissingReason() is { } missing)
        {
            yield return new ValidationResult($"{SectionName}:{nameof(Isolation)} is {Isolation}, but {missing}", [nameof(Isolation)]);
        }
    }
}
