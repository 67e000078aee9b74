using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Infrastructure.Llm;
using RagPlatform.LlmWire;

namespace RagPlatform.Infrastructure.Tests.Llm;

/// <summary>OpenAI's SDK (through Microsoft.Extensions.AI.OpenAI) against the OpenAI wire server.</summary>
public sealed class OpenAiChatModelTests : ChatModelScenarios
{
    protected override ChatProvider Provider => ChatProvider.OpenAI;

    protected override async Task<ChatWireServer> StartServerAsync(CancellationToken cancellationToken) =>
        await OpenAiWireServer.StartAsync(cancellationToken);

    [Fact]
    public async Task The_api_key_is_sent_as_a_bearer_token()
    {
        await using var server = await OpenAiWireServer.StartAsync(Token);
        using var services = ChatModelHost.Build(Provider, server.Endpoint);

        await services.GetRequiredService<IChatClient>().GetResponseAsync("Hello?", cancellationToken: Token);

        var request = Assert.Single(server.Requests);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal($"Bearer {ChatModelHost.ApiKey}", request.Headers["Authorization"]);
    }
}
