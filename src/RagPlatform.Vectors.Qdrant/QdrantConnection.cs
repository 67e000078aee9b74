using Microsoft.Extensions.Logging;
using Qdrant.Client;
using Qdrant.Client.Grpc;

namespace RagPlatform.Vectors.Qdrant;

/// <summary>One client of the configured server, over a channel this object owns: the API key
/// rides on every call as the <c>api-key</c> header, and a self-signed server is trusted by its
/// certificate thumbprint. Shared by both spaces' indexes; thread-safe like the gRPC channel.</summary>
public sealed class QdrantConnection : IDisposable
{
    private readonly QdrantChannel _channel;

    public QdrantConnection(QdrantOptions options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Address = new Uri(options.Url);
        _channel = QdrantChannel.ForAddress(Address, new ClientConfiguration
        {
            ApiKey = string.IsNullOrEmpty(options.ApiKey) ? null : options.ApiKey,
            CertificateThumbprint = string.IsNullOrEmpty(options.CertificateThumbprint) ? null : options.CertificateThumbprint,
        });
        Client = new QdrantClient(new QdrantGrpcClient(_channel), TimeSpan.FromSeconds(options.TimeoutSeconds), loggerFactory);
    }

    /// <summary>The server, for messages.</summary>
    public Uri Address { get; }

    public QdrantClient Client { get; }

    public void Dispose()
    {
        Client.Dispose();
        _channel.Dispose();
    }
}
