using System.Diagnostics;

namespace RagPlatform.Core.Ingestion;

/// <summary>Traces of ingestion's stages, one activity per stage of each page, on the source
/// <see cref="SourceName"/>: OpenTelemetry (or a benchmark's <see cref="ActivityListener"/>) sees
/// where a page's time goes. Without a listener no activity is created and a stage costs nothing.</summary>
public static class IngestionActivities
{
    public const string SourceName = "RagPlatform.Ingestion";

    /// <summary>Reading one page from the extractor: text, images and render (see the
    /// <c>RagPlatform.Extraction</c> source for the parts).</summary>
    public const string Extract = "ingest.extract";

    /// <summary>Writing the page render and the embedded images to the blob store.</summary>
    public const string StoreImages = "ingest.store-images";

    /// <summary>Reading text out of the render (a page without a text layer) and the embedded images.</summary>
    public const string Ocr = "ingest.ocr";

    /// <summary>Cutting the page's words into chunks.</summary>
    public const string Chunk = "ingest.chunk";

    /// <summary>The image/text encoder (CLIP) over the page's chunks and images, and (nested in it,
    /// <see cref="Vectors"/>) writing their vectors.</summary>
    public const string Embed = "ingest.embed";

    /// <summary>Passages of the text-space model, embedded and stored.</summary>
    public const string TextSpace = "ingest.text-space";

    /// <summary>Writing the page's vectors to the vector index.</summary>
    public const string Vectors = "ingest.vectors";

    /// <summary>Writing the page's entries to the lexical (full-text) index.</summary>
    public const string Lexical = "ingest.lexical";

    /// <summary>Writing the page and its items to the document store.</summary>
    public const string SavePage = "ingest.save-page";

    /// <summary>Per-page bookkeeping of the pipeline: the deletion check and the progress row.</summary>
    public const string Progress = "ingest.progress";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>Starts the stage's activity, or returns null when nothing listens.</summary>
    public static Activity? Start(string stage) => Source.StartActivity(stage, ActivityKind.Internal);

    /// <summary>Runs one stage's work inside the stage's activity.</summary>
    public static async Task<T> TimeAsync<T>(string stage, Func<Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        using var activity = Start(stage);
        return await work();
    }
}
