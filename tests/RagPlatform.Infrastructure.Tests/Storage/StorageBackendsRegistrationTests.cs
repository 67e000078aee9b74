using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Ingestion;
using RagPlatform.Core.Search;
using RagPlatform.Hosting;

namespace RagPlatform.Infrastructure.Tests.Storage;

public sealed class StorageBackendsRegistrationTests : IDisposable
{
    private readonly TemporaryStorage _storage = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _storage.Dispose();

    [Fact]
    public async Task Starting_the_host_migrates_the_database_and_every_port_is_one_shared_instance()
    {
        using var host = BuildHost(_storage.DataDirectory);

        await host.StartAsync(Token);

        Assert.True(File.Exists(Path.Combine(_storage.DataDirectory, "ragplatform.db")));
        var services = host.Services;
        Assert.Same(services.GetRequiredService<IDocumentStore>(), services.GetRequiredService<IDocumentStore>());
        Assert.Same(services.GetRequiredService<IJobQueue>(), services.GetRequiredService<IJobQueue>());
        Assert.Same(services.GetRequiredService<ILexicalIndex>(), services.GetRequiredService<ILexicalIndex>());
        Assert.Same(services.GetRequiredService<IBlobStore>(), services.GetRequiredService<IBlobStore>());
        Assert.Same(services.GetRequiredService<IVectorIndex>(), services.GetRequiredService<IVectorIndex>());
        var vectors = services.GetRequiredService<IVectorIndex>();
        await vectors.UpsertAsync([new VectorRecord(Guid.NewGuid(), Guid.NewGuid(), Modality.Text, new float[] { 1, 0 })], Token);
        Assert.Equal(1, await vectors.CountAsync(Token));

        await host.StopAsync(Token);
    }

    [Fact]
    public async Task An_empty_data_directory_setting_stops_start_up_naming_the_key()
    {
        using var host = BuildHost("");

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Token));

        Assert.Contains("DataDirectory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Embedded_vectors_without_sqlite_metadata_stop_start_up_naming_the_key_and_the_choices()
    {
        using var host = BuildHost(_storage.DataDirectory, ("Storage:Metadata", "Postgres"), ("Postgres:ConnectionString", "Host=127.0.0.1;Port=1"));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Token));

        Assert.Contains("Vectors", error.Message, StringComparison.Ordinal);
        Assert.Contains("Qdrant", error.Message, StringComparison.Ordinal);
        Assert.Contains("PgVector", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Fast")]
    [InlineData("7")]
    public async Task An_unknown_vector_scan_setting_stops_start_up_naming_the_key(string value)
    {
        using var host = BuildHost(_storage.DataDirectory, ("Storage:VectorScan", value));

        // A name the enum lacks fails binding; a number outside it fails validation.
        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync(Token));

        Assert.Contains("VectorScan", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Qdrant", "Qdrant:Url", "RagPlatform.Vectors.Qdrant")]
    [InlineData("PgVector", "PgVector:ConnectionString", "RagPlatform.Vectors.PgVector")]
    public void Each_vector_setting_registers_that_engine_for_both_spaces(string engine, string key, string assembly)
    {
        using var host = BuildHost(_storage.DataDirectory, ("Storage:Vectors", engine), (key, key == "Qdrant:Url" ? "http://127.0.0.1:6334" : "Host=127.0.0.1;Port=1"));

        Assert.Equal(assembly, host.Services.GetRequiredService<IVectorIndex>().GetType().Assembly.GetName().Name);
        Assert.Equal(assembly, host.Services.GetRequiredService<ITextVectorIndex>().GetType().Assembly.GetName().Name);
    }

    private static IHost BuildHost(string dataDirectory, params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection([new KeyValuePair<string, string?>("Storage:DataDirectory", dataDirectory), .. settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))]);
        builder.Services.AddStorageBackends(builder.Configuration);
        return builder.Build();
    }
}
