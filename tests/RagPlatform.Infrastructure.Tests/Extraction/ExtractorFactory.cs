using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Ingestion;
using RagPlatform.Infrastructure.Extraction;

namespace RagPlatform.Infrastructure.Tests.Extraction;

internal static class ExtractorFactory
{
    public static PdfDocumentExtractor Create(ExtractionOptions? options = null) =>
        new(Options.Create(options ?? new ExtractionOptions()), NullLogger<PdfDocumentExtractor>.Instance);

    /// <summary>Opens the bytes and extracts every page.</summary>
    public static async Task<IReadOnlyList<ExtractedPage>> ExtractAllAsync(byte[] pdf, ExtractionOptions? options = null)
    {
        using var file = new TempPdf(pdf);
        return await ExtractAllAsync(file.Path, options);
    }

    public static async Task<IReadOnlyList<ExtractedPage>> ExtractAllAsync(string path, ExtractionOptions? options = null)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var document = await Create(options).OpenAsync(path, DocumentKind.Pdf, cancellationToken);
        var pages = new List<ExtractedPage>();
        for (var page = 1; page <= document.PageCount; page++)
        {
            pages.Add(await document.ExtractPageAsync(page, cancellationToken));
        }

        return pages;
    }

    public static string Text(ExtractedPage page) => string.Join(' ', page.Words.Select(word => word.Text));
}
