using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Core;
using RagPlatform.Infrastructure.Answering;
using RagPlatform.Infrastructure.Clip;
using RagPlatform.Infrastructure.Extraction;
using RagPlatform.Infrastructure.Imaging;
using RagPlatform.Infrastructure.Llm;
using RagPlatform.Infrastructure.Ocr;
using RagPlatform.Infrastructure.Reranking;
using RagPlatform.Infrastructure.TextEmbeddings;

namespace RagPlatform.Hosting;

/// <summary>The whole platform for a host (API, ingest worker, benchmarks): Core's use cases, the
/// storage engines the configuration names, and the models, extractors and chat model.</summary>
public static class PlatformServiceCollectionExtensions
{
    public static IServiceCollection AddRagPlatform(this IServiceCollection services, IConfiguration configuration)
    {
        // Storage first: hosted services start in registration order, and a server's migrations
        // must be done before anything else reads it.
        services.AddStorageBackends(configuration);
        services.AddRagPlatformCore();
        services.AddDocumentExtraction();
        services.AddItemImageRendering();
        services.AddClipEncoders();
        services.AddOcr();
        services.AddReranking();
        services.AddTextEmbeddings();
        services.AddAnsweringAdapters();
        services.AddChatModel();
        return services;
    }
}
