using RagPlatform.Api.Tests.Support;
using RagPlatform.LlmWire;

namespace RagPlatform.Api.Tests.Chat;

/// <summary>The platform with a chat model: the API host configured for a wire-protocol server on
/// loopback (OpenAI's or Ollama's), with the harbour report ingested. Image budgets are small, so
/// tests see them bite: 2 images, 256 px longest side.</summary>
public abstract class ModelBackedPlatform : IAsyncLifetime
{
    public const int MaxImages = 2;
    public const int MaxImageSide = 256;

    public ChatWireServer Server { get; private set; } = null!;

    public PlatformFactory Factory { get; private set; } = null!;

    public PlatformClient Client { get; private set; } = null!;

    public Guid DocumentId { get; private set; }

    public async ValueTask InitializeAsync()
    {
        Server = await StartServerAsync();
        Server.ModelName = "vision-model";
        Factory = new PlatformFactory(settings: new Dictionary<string, string>
        {
            ["Chat:Provider"] = Provider,
            ["Chat:Endpoint"] = Server.Endpoint.ToString(),
            ["Chat:Model"] = "vision-model",
            ["Chat:MaxRetries"] = "1",
            ["Chat:RetryDelay"] = "00:00:00.010",
            ["Answering:MaxImages"] = MaxImages.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Answering:MaxImageSide"] = MaxImageSide.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        Client = new PlatformClient(Factory.CreateClient());
        DocumentId = (await Client.IngestAsync(SamplePdfs.Report(), "harbour-report.pdf")).Document.Id;
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Server.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    protected abstract string Provider { get; }

    protected abstract Task<ChatWireServer> StartServerAsync();

    public sealed class OpenAi : ModelBackedPlatform
    {
        protected override string Provider => "OpenAI";

        protected override async Task<ChatWireServer> StartServerAsync() => await OpenAiWireServer.StartAsync();
    }

    public sealed class Ollama : ModelBackedPlatform
    {
        protected override string Provider => "Ollama";

        protected override async Task<ChatWireServer> StartServerAsync() => await OllamaWireServer.StartAsync();
    }
}
