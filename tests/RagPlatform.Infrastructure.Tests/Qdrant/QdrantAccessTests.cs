using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Microsoft.Extensions.Logging.Abstractions;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Search;
using RagPlatform.QdrantWire;
using RagPlatform.Vectors.Qdrant;

namespace RagPlatform.Infrastructure.Tests.Qdrant;

/// <summary>What reaching the server takes: the API key on every call, TLS to a self-signed server
/// trusted by its thumbprint, and errors that name the setting to fix when either is wrong.</summary>
public sealed class QdrantAccessTests
{
    private static readonly VectorRecord Record = new(Guid.NewGuid(), Guid.NewGuid(), Modality.Text, new float[] { 1, 0 });

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_api_key_rides_on_every_call()
    {
        await using var server = await QdrantWireServer.StartAsync(apiKey: "s3cret", cancellationToken: Token);
        using var connection = new QdrantConnection(new QdrantOptions { Url = server.Address.ToString(), ApiKey = "s3cret" });
        using var index = Index(connection);

        await index.UpsertAsync([Record], Token);

        Assert.Single(await index.SearchAsync(new float[] { 1, 0 }, 5, SearchFilter.None, Token));
        Assert.NotEmpty(server.Calls);
        Assert.All(server.Calls, call => Assert.Equal("s3cret", call.ApiKey));
    }

    [Theory]
    [InlineData("wrong")]
    [InlineData(null)]
    public async Task A_wrong_or_missing_api_key_fails_with_an_error_naming_the_setting(string? apiKey)
    {
        await using var server = await QdrantWireServer.StartAsync(apiKey: "s3cret", cancellationToken: Token);
        using var connection = new QdrantConnection(new QdrantOptions { Url = server.Address.ToString(), ApiKey = apiKey });
        using var index = Index(connection);

        var upsert = await Assert.ThrowsAsync<QdrantUnavailableException>(() => index.UpsertAsync([Record], Token));
        var search = await Assert.ThrowsAsync<QdrantUnavailableException>(() => index.SearchAsync(new float[] { 1, 0 }, 5, SearchFilter.None, Token));
        var count = await Assert.ThrowsAsync<QdrantUnavailableException>(() => index.CountAsync(Token));

        Assert.All(new[] { upsert, search, count }, error =>
        {
            Assert.Contains("refused the API key", error.Message, StringComparison.Ordinal);
            Assert.Contains("Qdrant:ApiKey", error.Message, StringComparison.Ordinal);
            Assert.Equal(StatusCode.Unauthenticated, Assert.IsType<RpcException>(error.InnerException).StatusCode);
        });
        Assert.All(server.Calls, call => Assert.Equal(apiKey, call.ApiKey));
    }

    [Fact]
    public async Task A_self_signed_server_is_trusted_by_its_certificate_thumbprint_and_only_then()
    {
        using var certificate = SelfSignedCertificate();
        await using var server = await QdrantWireServer.StartAsync(certificate: certificate, cancellationToken: Token);
        var hex = certificate.GetCertHashString(HashAlgorithmName.SHA256);
        var thumbprint = string.Join(':', Enumerable.Range(0, hex.Length / 2).Select(i => hex.Substring(i * 2, 2)));
        using var trusting = new QdrantConnection(new QdrantOptions { Url = server.Address.ToString(), CertificateThumbprint = thumbprint });
        using var doubting = new QdrantConnection(new QdrantOptions { Url = server.Address.ToString() });

        Assert.Equal(Uri.UriSchemeHttps, server.Address.Scheme);
        using var index = Index(trusting);
        await index.UpsertAsync([Record], Token);
        Assert.Equal(1, await index.CountAsync(Token));
        using var refused = Index(doubting);
        var error = await Assert.ThrowsAsync<QdrantUnavailableException>(() => refused.CountAsync(Token));
        Assert.Contains("Qdrant:CertificateThumbprint", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_is_not_there_fails_with_an_error_naming_the_address()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            // A port that was free a moment ago and has nobody listening now.
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        using var connection = new QdrantConnection(new QdrantOptions { Url = $"http://127.0.0.1:{port}" });
        using var index = Index(connection);

        var error = await Assert.ThrowsAsync<QdrantUnavailableException>(() => index.UpsertAsync([Record], Token));

        Assert.Contains($"http://127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("Qdrant:Url", error.Message, StringComparison.Ordinal);
    }

    private static QdrantVectorIndex Index(QdrantConnection connection) =>
        new(connection, QdrantSpace.Clip("access"), NullLogger<QdrantVectorIndex>.Instance);

    /// <summary>A certificate for 127.0.0.1 that no machine trusts, re-imported so its key
    /// outlives the request that made it.</summary>
    private static X509Certificate2 SelfSignedCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=qdrant-wire-test", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }
}
