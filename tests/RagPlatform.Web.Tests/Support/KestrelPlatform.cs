using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace RagPlatform.Web.Tests.Support;

/// <summary>The real API host on a real loopback port (a browser cannot reach an in-memory test
/// server), on a throw-away data folder, without the CLIP model (lexical search and OCR, as a fresh
/// install runs) and without a chat model (extractive answers).</summary>
public sealed class KestrelPlatform : WebApplicationFactory<Program>
{
    public KestrelPlatform() => UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "ragplatform-web-tests", Guid.NewGuid().ToString("N"));

    /// <summary>http://127.0.0.1:port, known once <see cref="Start"/> has run.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public void Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.Single());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
        builder.UseSetting("Clip:ModelDirectory", Path.Combine(DataDirectory, "no-model-here"));
        builder.UseSetting("Ocr:ModelDirectory", RepositoryPaths.OcrModels);
        builder.UseSetting("Reranking:ModelDirectory", "");
        builder.UseSetting("Embeddings:Text:ModelDirectory", "");
        builder.UseSetting("Chat:Provider", "None");
        builder.UseSetting("Ingestion:PollMilliseconds", "50");
        // Warnings and errors only: a request log per image drowns the test output.
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Ingestion:Workers", 1.ToString(CultureInfo.InvariantCulture));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
