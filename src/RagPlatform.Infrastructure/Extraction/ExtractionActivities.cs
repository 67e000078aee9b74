using System.Diagnostics;

namespace RagPlatform.Infrastructure.Extraction;

/// <summary>Traces of the parts of reading a page, on the source <see cref="SourceName"/>. They run
/// inside the pipeline's <c>ingest.extract</c>; in an extractor process they are timed there and
/// replayed in the platform with their durations (<see cref="Isolation.ExtractionTimings"/>), so a
/// listener sees the same parts wherever extraction runs.</summary>
public static class ExtractionActivities
{
    public const string SourceName = "RagPlatform.Extraction";

    /// <summary>Opening a document (structure, page count, title).</summary>
    public const string Open = "extract.open";

    /// <summary>Text layer, annotations and embedded images of a page (PdfPig).</summary>
    public const string Text = "extract.text";

    /// <summary>Drawing the page and encoding the render (poppler through libvips).</summary>
    public const string Render = "extract.render";

    internal static readonly ActivitySource Source = new(SourceName);

    internal static Activity? Start(string part) => Source.StartActivity(part, ActivityKind.Internal);
}
