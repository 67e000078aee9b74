using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Qdrant.Client;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Search;
using RagPlatform.QdrantWire;
using RagPlatform.Vectors.Qdrant;

namespace RagPlatform.Infrastructure.Tests.Qdrant;

public sealed class QdrantVectorsRegistrationTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_host_gets_both_vector_ports_from_Qdrant_each_in_its_own_collection()
    {
        await using var server = await QdrantWireServer.StartAsync(cancellationToken: Token);
        using var host = BuildHost(("Qdrant:Url", server.Address.ToString()), ("Qdrant:CollectionPrefix", "deploy-a"));

        await host.StartAsync(Token);

        var services = host.Services;
        var clip = Assert.IsType<QdrantVectorIndex>(services.GetRequiredService<IVectorIndex>());
        var text = Assert.IsType<QdrantTextVectorIndex>(services.GetRequiredService<ITextVectorIndex>());
        Assert.Same(clip, services.GetRequiredService<IVectorIndex>());
        await clip.UpsertAsync([new VectorRecord(Guid.NewGuid(), Guid.NewGuid(), Modality.Image, new float[] { 1, 0, 0 })], Token);
        await text.UpsertAsync([new VectorRecord(Guid.NewGuid(), Guid.NewGuid(), Modality.Text, new float[] { 0, 1 })], Token);
        using var client = new QdrantClient(server.Address);
        var aliases = (await client.ListAliasesAsync(Token)).Select(a => (a.AliasName, a.CollectionName)).Order();
        Assert.Equal([("deploy-a_clip", "deploy-a_clip_v1"), ("deploy-a_text", "deploy-a_text_v1")], aliases);
        await host.StopAsync(Token);
    }

    [Theory]
    [InlineData("Qdrant:Url", "", "Url")]
    [InlineData("Qdrant:Url", "localhost:6334", "Qdrant:Url")]
    [InlineData("Qdrant:Url", "ftp://localhost:6334", "Qdrant:Url")]
    [InlineData("Qdrant:CertificateThumbprint", "AB:CD", "Qdrant:CertificateThumbprint")]
    [InlineData("Qdrant:CollectionPrefix", "two words", "Qdrant:CollectionPrefix")]
    [InlineData("Qdrant:TimeoutSeconds", "0", "TimeoutSeconds")]
    public async Task A_bad_setting_stops_start_up_naming_the_key(string key, string value, string named)
    {
        var url = key == "Qdrant:Url" ? value : key == "Qdrant:CertificateThumbprint" ? "https://qdrant.example:6334" : "http://localhost:6334";
        using var host = BuildHost(("Qdrant:Url", url), (key, value));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Token));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_certificate_thumbprint_needs_an_https_address()
    {
        var thumbprint = new string('a', 64);
        using var host = BuildHost(("Qdrant:Url", "http://localhost:6334"), ("Qdrant:CertificateThumbprint", thumbprint));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Token));

        Assert.Contains("needs an https Qdrant:Url", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A host with the Qdrant vectors and these settings (a later one overrides an earlier).</summary>
    private static IHost BuildHost(params (string Key, string Value)[] settings)
    {
        var configuration = new Dictionary<string, string?>();
        foreach (var (key, value) in settings)
        {
            configuration[key] = value;
        }

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Services.AddQdrantVectors();
        return builder.Build();
    }
}
