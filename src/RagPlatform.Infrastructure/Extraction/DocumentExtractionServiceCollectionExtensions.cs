using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Ingestion;
using RagPlatform.Infrastructure.Clip;
using RagPlatform.Infrastructure.Extraction.Flow;
using RagPlatform.Infrastructure.Extraction.Isolation;
using RagPlatform.Infrastructure.Extraction.Office;
using RagPlatform.Infrastructure.Imaging;

namespace RagPlatform.Infrastructure.Extraction;

public static class DocumentExtractionServiceCollectionExtensions
{
    /// <summary>Registers the platform's <see cref="IDocumentExtractor"/> for PDFs, images, text, Markdown, HTML, DOCX and PPTX: in an
    /// extractor process per document, or in this process, as <c>Extraction:Isolation</c> says
    /// (<see cref="ExtractionOptions"/>, bound and validated at start-up). Images are decoded
    /// with at most <c>Clip:MaxImagePixels</c> pixels.</summary>
    public static IServiceCollection AddDocumentExtraction(this IServiceCollection services)
    {
        services.AddPdfExtraction();
        services.AddOptions<ClipOptions>().BindConfiguration(ClipOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(provider => new SkiaImageDecoder(provider.GetRequiredService<IOptions<ClipOptions>>().Value.MaxImagePixels));
        services.AddExtractorsByKind();
        services.TryAddSingleton<IsolatedDocumentExtractor>();
        services.TryAddSingleton<IDocumentExtractor>(static provider =>
            provider.GetRequiredService<IOptions<ExtractionOptions>>().Value.Isolation == ExtractionIsolation.Process
                ? provider.GetRequiredService<IsolatedDocumentExtractor>()
                : provider.GetRequiredService<ExtractorByKind>());
        return services;
    }

    /// <summary>The extractors that read files in this process, by kind, behind <see cref="ExtractorByKind"/>.</summary>
    internal static IServiceCollection AddExtractorsByKind(this IServiceCollection services)
    {
        services.TryAddSingleton<PdfDocumentExtractor>();
        services.TryAddKeyedSingleton<IDocumentExtractor>(DocumentKind.Pdf, static (provider, _) => provider.GetRequiredService<PdfDocumentExtractor>());
        services.TryAddSingleton<ImageDocumentExtractor>();
        services.TryAddKeyedSingleton<IDocumentExtractor>(DocumentKind.Image, static (provider, _) => provider.GetRequiredService<ImageDocumentExtractor>());
        services.TryAddSingleton<TextDocumentExtractor>();
        services.TryAddKeyedSingleton<IDocumentExtractor>(DocumentKind.PlainText, static (provider, _) => provider.GetRequiredService<TextDocumentExtractor>());
        services.TryAddKeyedSingleton<IDocumentExtractor>(DocumentKind.Markdown, static (provider, _) => provider.GetRequiredService<TextDocumentExtractor>());
        services.TryAddSingleton<HtmlDocumentExtractor>();
        services.TryAddKeyedSingleton<IDocumentExtractor>(DocumentKind.Html, static (provider, _) => provider.GetRequiredService<HtmlDocumentExtractor>());
        services.TryAddSingleton<WordDocumentExtractor>();
        services.TryAddKeyedSingleton<IDocumentExtractor>(DocumentKind.WordDocument, static (provider, _) => provider.GetRequiredService<WordDocumentExtractor>());
        services.TryAddSingleton<PresentationExtractor>();
        services.TryAddKeyedSingleton<IDocumentExtractor>(DocumentKind.Presentation, static (provider, _) => provider.GetRequiredService<PresentationExtractor>());
        services.TryAddSingleton<ExtractorByKind>();
        return services;
    }
}
