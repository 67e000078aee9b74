using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using RagPlatform.Core.Access;

namespace RagPlatform.Api.Tests.Support;

/// <summary>The real API host, in memory, on a throw-away data folder. With <paramref name="withModel"/>
/// it loads the tiny CLIP model of the test fixtures (real ONNX towers, random weights); without, it
/// runs in the degraded lexical-only mode a fresh install has.</summary>
/// <param name="dataDirectory">Reuse another factory's data (a restarted process); that factory's
/// owner deletes it.</param>
/// <param name="workers">Ingestion workers in the host; 0 for a host whose queue nobody serves.</param>
/// <param name="settings">Further configuration keys (e.g. "Search:Fusion").</param>
public sealed class PlatformFactory(bool withModel = true, long? maxFileBytes = null, string? dataDirectory = null, int workers = 1, IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    private readonly bool ownsData = dataDirectory is null;

    public string DataDirectory { get; } = dataDirectory ?? Path.Combine(Path.GetTempPath(), "ragplatform-tests", Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
        builder.UseSetting("Clip:ModelDirectory", withModel ? RepositoryPaths.TinyClipModel : Path.Combine(DataDirectory, "no-model-here"));
        builder.UseSetting("Ocr:ModelDirectory", Path.Combine(RepositoryPaths.Root, "models", "ocr"));
        // One int8 OCR cache for every host of the run (entries are keyed by model and build, written
        // atomically): each throw-away data folder would otherwise calibrate the networks again.
        builder.UseSetting("Ocr:Int8CacheDirectory", Path.Combine(Path.GetTempPath(), "ragplatform-tests", "ocr-int8-cache"));
        // Re-ranking only where a test asks for it: a cross-encoder fetched into models/ must not change other tests' orders.
        builder.UseSetting("Reranking:ModelDirectory", "");
        // The text space likewise: a sentence encoder fetched into models/ must not change other tests' results.
        builder.UseSetting("Embeddings:Text:ModelDirectory", "");
        builder.UseSetting("Ingestion:PollMilliseconds", "50");
        builder.UseSetting("Ingestion:Workers", workers.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        if (maxFileBytes is { } limit)
        {
            builder.UseSetting("Uploads:MaxFileBytes", limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Adds an API key to this host's data folder, as `rag keys create` does, and returns its
    /// secret. Keys made before the first request are seen at once; later ones within a second.</summary>
    /// <param name="collections">The collections the key is limited to; none for all.</param>
    public async Task<string> CreateKeyAsync(string name, ApiKeyScope scope, params string[] collections) =>
        (await ApiKeyFile.InDataDirectory(DataDirectory).CreateAsync(name, scope, collections, DateTimeOffset.UtcNow, TestContext.Current.CancellationToken)).Secret;

    /// <summary>Revokes a key of this host's data folder, as `rag keys revoke` does.</summary>
    public async Task RevokeKeyAsync(string name) =>
        Assert.NotNull(await ApiKeyFile.InDataDirectory(DataDirectory).RevokeAsync(name, DateTimeOffset.UtcNow, TestContext.Current.CancellationToken));

    /// <summary>A client that sends <paramref name="apiKey"/> as a bearer key on every request.</summary>
    public HttpClient CreateClient(string apiKey)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (!ownsData)
        {
            return;
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
