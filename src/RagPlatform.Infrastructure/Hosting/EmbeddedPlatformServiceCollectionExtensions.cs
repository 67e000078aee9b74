using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Infrastructure.Answering;
using RagPlatform.Infrastructure.Clip;
using RagPlatform.Infrastructure.Extraction;
using RagPlatform.Infrastructure.Llm;
using RagPlatform.Infrastructure.Ocr;
using RagPlatform.Infrastructure.Reranking;
using RagPlatform.Infrastructure.Storage;
using RagPlatform.Infrastructure.TextEmbeddings;

namespace RagPlatform.Infrastructure.Hosting;

/// <summary>The platform on one machine with no servers: SQLite, blob folder, in-memory vectors.</summary>
public static class EmbeddedPlatformServiceCollectionExtensions
{
    public static IServiceCollection AddEmbeddedPlatform(this IServiceCollection services)
    {
        services.AddRagPlatformCore();
        services.AddEmbeddedStorage();
        services.AddClipEncoders();
        services.AddDocumentExtraction();
        services.AddOcr();
        services.AddReranking();
        services.AddTextEmbeddings();
        services.AddAnsweringAdapters();
        services.AddChatModel();
        return services;
    }
}
