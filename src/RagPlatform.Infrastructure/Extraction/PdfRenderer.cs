namespace RagPlatform.Infrastructure.Extraction;

/// <summary>What draws PDF page renders. Both draw through poppler and cairo, with the same pixels.</summary>
public enum PdfRenderer
{
    /// <summary>poppler-glib and cairo called directly: the document opened once, the pixels drawn
    /// straight into the PNG's rows.</summary>
    Poppler,

    /// <summary>libvips' pdfload, which opens the document again for every page.</summary>
    Vips,
}
