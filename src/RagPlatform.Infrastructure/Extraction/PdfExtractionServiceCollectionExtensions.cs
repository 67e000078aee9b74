using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Ingestion;

namespace RagPlatform.Infrastructure.Extraction;

public static class PdfExtractionServiceCollectionExtensions
{
    /// <summary>Registers <see cref="PdfDocumentExtractor"/>, also as the <see cref="IDocumentExtractor"/>
    /// keyed by <see cref="DocumentKind.Pdf"/>, with <see cref="ExtractionOptions"/> bound to the
    /// <c>Extraction</c> section and validated at start-up.</summary>
    public static IServiceCollection AddPdfExtraction(this IServiceCollection services)
    {
        services.AddOptions<ExtractionOptions>()
            .BindConfiguration(ExtractionOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<PdfDocumentExtractor>();
        services.TryAddKeyedSingleton<IDocumentExtractor>(
            DocumentKind.Pdf, static (provider, _) => provider.GetRequiredService<PdfDocumentExtractor>());
        return services;
    }
}
