using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Ingestion;
using RagPlatform.Infrastructure.Extraction;
using RagPlatform.Infrastructure.Extraction.Isolation;
using RagPlatform.Infrastructure.Imaging;

namespace RagPlatform.Infrastructure.Tests.Extraction.Isolation;

/// <summary>Opens files with a real extractor process, as the platform does.</summary>
internal static class IsolatedExtraction
{
    public static IsolatedDocumentExtractor Create(ExtractionOptions? options = null) => new(
        Options.Create(options ?? new ExtractionOptions()),
        new SkiaImageDecoder(100_000_000),
        NullLogger<IsolatedDocumentExtractor>.Instance);

    /// <summary>Opens the file in a process and reads every page; the process ends with the call.</summary>
    public static async Task<IReadOnlyList<ExtractedPage>> ExtractAllAsync(string path, DocumentKind kind, ExtractionOptions? options = null)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var extractor = Create(options);
        using var document = await extractor.OpenAsync(path, kind, cancellationToken);
        var pages = new List<ExtractedPage>();
        for (var page = 1; page <= document.PageCount; page++)
        {
            pages.Add(await document.ExtractPageAsync(page, cancellationToken));
        }

        return pages;
    }
}
