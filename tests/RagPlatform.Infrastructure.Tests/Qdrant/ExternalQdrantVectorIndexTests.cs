using RagPlatform.Vectors.Qdrant;

namespace RagPlatform.Infrastructure.Tests.Qdrant;

/// <summary>The same scenarios against a real Qdrant server named by <c>RAG_TEST_QDRANT_URL</c>
/// (its gRPC address, e.g. http://localhost:6334; <c>RAG_TEST_QDRANT_API_KEY</c> when it has a
/// key). Without it every test here reports itself skipped, saying why.</summary>
public sealed class ExternalQdrantVectorIndexTests : QdrantVectorIndexScenarios
{
    public const string UrlVariable = "RAG_TEST_QDRANT_URL";
    public const string ApiKeyVariable = "RAG_TEST_QDRANT_API_KEY";

    protected override QdrantOptions ServerOptions()
    {
        var url = Environment.GetEnvironmentVariable(UrlVariable);
        if (string.IsNullOrWhiteSpace(url))
        {
            Assert.Skip($"{UrlVariable} is not set: no real Qdrant server to run against (e.g. {UrlVariable}=http://localhost:6334 with `docker compose up qdrant`).");
        }

        return new QdrantOptions { Url = url, ApiKey = Environment.GetEnvironmentVariable(ApiKeyVariable) };
    }
}
