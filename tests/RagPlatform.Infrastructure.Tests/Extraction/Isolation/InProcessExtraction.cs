using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Ingestion;
using RagPlatform.Infrastructure.Extraction;
using RagPlatform.Infrastructure.Imaging;

namespace RagPlatform.Infrastructure.Tests.Extraction.Isolation;

/// <summary>Opens documents with the in-process dispatcher (<c>Extraction:Isolation=InProcess</c>).
/// Never with a file that crashes a parser: it would end the test host.</summary>
internal static class InProcessExtraction
{
    public static async Task<IReadOnlyList<ExtractedPage>> ExtractAllAsync(string path, ExtractionOptions options, DocumentKind kind = DocumentKind.Pdf)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(Options.Create(options))
            .AddSingleton(new SkiaImageDecoder(100_000_000))
            .AddExtractorsByKind()
            .BuildServiceProvider();
        using var document = await services.GetRequiredService<ExtractorByKind>().OpenAsync(path, kind, cancellationToken);
        var pages = new List<ExtractedPage>();
        for (var page = 1; page <= document.PageCount; page++)
        {
            pages.Add(await document.ExtractPageAsync(page, cancellationToken));
        }

        return pages;
    }
}
