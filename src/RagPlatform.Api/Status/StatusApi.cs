using Microsoft.Extensions.AI;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Ingestion;
using RagPlatform.Core.Search;

namespace RagPlatform.Api.Status;

/// <summary>GET /api/status, and the checks behind /health.</summary>
internal static class StatusApi
{
    public static IEndpointRouteBuilder MapStatusApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/status", GetAsync).WithTags("Status").WithSummary("Model availability, a collection's document, item and vector counts, and the queue length");
        return routes;
    }

    public static IHealthChecksBuilder AddPlatformHealthChecks(this IServiceCollection services) =>
        services.AddHealthChecks()
            .AddCheck<StoreHealthCheck>("store")
            .AddCheck<StorageSpaceHealthCheck>("storage-space")
            .AddCheck<DenseSearchHealthCheck>("dense-search")
            .AddCheck<OcrHealthCheck>("ocr");

    private static async Task<StatusDto> GetAsync(HttpContext http, IDocumentStore store, IVectorIndex vectors, IJobQueue queue, IDenseEncoders encoders, ITextRecognizer ocr, IReranker reranker, TextSpace textSpace, IServiceProvider services, Security.ServerPaths paths, CancellationToken cancellationToken, string? collection = null)
    {
        var name = Collections.CollectionAccess.Resolve(http, collection);
        var counts = await store.CountAsync(name, cancellationToken);
        return new StatusDto(
            new DenseStatusDto(encoders.IsAvailable, paths.Redact(encoders.UnavailableReason), encoders.IsAvailable ? encoders.Dimensions : null),
            new OcrStatusDto(ocr.IsAvailable, paths.Redact(ocr.UnavailableReason)),
            new RerankingStatusDto(reranker.IsEnabled, paths.Redact(reranker.DisabledReason), reranker.IsEnabled ? reranker.TopN : null),
            ChatStatus(services.GetService<IChatClient>()),
            Enum.GetValues<DocumentStatus>().ToDictionary(s => s, s => counts.DocumentsByStatus.GetValueOrDefault(s)),
            Enum.GetValues<Modality>().ToDictionary(m => m, m => counts.ItemsByModality.GetValueOrDefault(m)),
            await vectors.CountAsync(name, cancellationToken),
            await queue.CountAsync(cancellationToken),
            name,
            await TextSpaceStatusAsync(textSpace, name, paths, cancellationToken));
    }

    private static async Task<TextSpaceStatusDto> TextSpaceStatusAsync(TextSpace textSpace, string collection, Security.ServerPaths paths, CancellationToken cancellationToken)
    {
        var encoder = textSpace.Encoder;
        return new TextSpaceStatusDto(
            encoder.IsAvailable,
            paths.Redact(encoder.UnavailableReason),
            encoder.ModelId,
            encoder.IsAvailable ? encoder.Dimensions : null,
            await textSpace.Index.CountAsync(collection, cancellationToken));
    }

    private static ChatStatusDto ChatStatus(IChatClient? chat)
    {
        var metadata = chat?.GetService<ChatClientMetadata>();
        return new ChatStatusDto(chat is not null, metadata?.ProviderName, metadata?.DefaultModelId, chat is null ? "extractive" : "grounded");
    }

    /// <summary>Unhealthy when the metadata store cannot answer.</summary>
    private sealed class StoreHealthCheck(IDocumentStore store) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await store.CountAsync(null, cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return HealthCheckResult.Unhealthy("The metadata store does not answer.", ex);
            }
        }
    }

    /// <summary>Degraded (still HTTP 200) while the OCR models are missing: images are indexed
    /// without the text inside them.</summary>
    private sealed class OcrHealthCheck(ITextRecognizer ocr) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(ocr.IsAvailable
                ? HealthCheckResult.Healthy("OCR models loaded.")
                : HealthCheckResult.Degraded($"Text inside images is not read: {ocr.UnavailableReason}"));
    }

    /// <summary>Degraded (still HTTP 200) while the CLIP model is missing: the platform works,
    /// lexical-only.</summary>
    private sealed class DenseSearchHealthCheck(IDenseEncoders encoders) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(encoders.IsAvailable
                ? HealthCheckResult.Healthy("CLIP encoders loaded.")
                : HealthCheckResult.Degraded($"Dense search is off: {encoders.UnavailableReason}"));
    }
}
