using RagPlatform.Core.Ingestion;

namespace RagPlatform.Infrastructure.Extraction.Isolation;

/// <summary>What the extractor process answers to one request.</summary>
internal abstract record ExtractorResponse
{
    /// <param name="Title">The title the document gives itself (<see cref="IExtractedDocument.Title"/>).</param>
    public sealed record Opened(int PageCount, string? Title = null) : ExtractorResponse;

    /// <param name="Parts">How long the parts of the work took in the process since its last answer
    /// (<see cref="ExtractionTimings"/>).</param>
    public sealed record PageRead(ExtractedPage Page, IReadOnlyList<PartTiming>? Parts = null) : ExtractorResponse;

    /// <param name="Reusable">False when work of the closed document still runs in the process (a
    /// part abandoned after its timeout): the process is then not given another document.</param>
    public sealed record Closed(bool Reusable) : ExtractorResponse;

    /// <summary>The file (or page) is bad: a <see cref="DocumentRejectedException"/> with this reason.</summary>
    public sealed record Rejected(string Reason) : ExtractorResponse;

    /// <summary>Anything else went wrong (libvips missing, an unexpected exception).</summary>
    public sealed record Failed(string Reason) : ExtractorResponse;
}
