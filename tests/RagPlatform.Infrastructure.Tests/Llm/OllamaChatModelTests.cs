using RagPlatform.Infrastructure.Llm;
using RagPlatform.LlmWire;

namespace RagPlatform.Infrastructure.Tests.Llm;

/// <summary>OllamaSharp against the Ollama wire server.</summary>
public sealed class OllamaChatModelTests : ChatModelScenarios
{
    protected override ChatProvider Provider => ChatProvider.Ollama;

    protected override async Task<ChatWireServer> StartServerAsync(CancellationToken cancellationToken) =>
        await OllamaWireServer.StartAsync(cancellationToken);
}
