using RagPlatform.Core.Ingestion;
using RagPlatform.Infrastructure.Extraction;

namespace RagPlatform.Benchmarks.Ingest;

/// <summary>Turns the stage totals into rows: the pipeline's stages (they do not overlap within one
/// worker, so with "other" they add up to the workers' wall time), then the extractor's parts, which
/// run inside <c>ingest.extract</c> (text and render side by side, so they may add up to more).</summary>
internal static class StageTable
{
    /// <summary>The extractor's parts (<c>PdfExtractedDocument</c>'s activities, passed back from
    /// the extractor process when it runs in one).</summary>
    public static readonly string[] ExtractionParts = [ExtractionActivities.Open, ExtractionActivities.Text, ExtractionActivities.Render];

    private static readonly string[] PipelineStages =
    [
        IngestionActivities.Extract, IngestionActivities.StoreImages, IngestionActivities.Ocr, IngestionActivities.Chunk,
        IngestionActivities.Embed, IngestionActivities.Vectors, IngestionActivities.TextSpace, IngestionActivities.Lexical,
        IngestionActivities.SavePage, IngestionActivities.Progress,
    ];

    public static IReadOnlyList<IngestStage> From(IReadOnlyDictionary<string, (TimeSpan Total, int Count)> stages, int pages, double workerSeconds)
    {
        double Seconds(string name) => stages.TryGetValue(name, out var stage) ? stage.Total.TotalSeconds : 0;
        IngestStage Row(string name, double seconds) => new(name, seconds * 1000 / Math.Max(1, pages), seconds / Math.Max(1e-9, workerSeconds));

        var rows = new List<IngestStage>();
        var accounted = 0.0;
        foreach (var name in PipelineStages)
        {
            // The vector writes run inside the encoder's stage: count them once.
            var seconds = name == IngestionActivities.Embed ? Seconds(name) - Seconds(IngestionActivities.Vectors) : Seconds(name);
            if (stages.ContainsKey(name))
            {
                rows.Add(Row(name, seconds));
                accounted += seconds;
            }
        }

        rows.Add(Row("other (claim, open, finish, idle)", Math.Max(0, workerSeconds - accounted)));
        rows.AddRange(ExtractionParts.Where(stages.ContainsKey).Select(name => Row("  " + name, Seconds(name))));
        return rows;
    }
}
