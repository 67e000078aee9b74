using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Api.Tests.Support;
using RagPlatform.LlmWire;

namespace RagPlatform.Api.Tests.Hosting;

/// <summary>The API host registers the chat model from its settings: none by default (answers are
/// extractive), the configured one otherwise, and a start that fails on a missing key.</summary>
public sealed class ChatModelHostingTests
{
    [Fact]
    public async Task The_host_has_no_chat_model_by_default()
    {
        await using var factory = new PlatformFactory(withModel: false, workers: 0);

        Assert.Null(factory.Services.GetService<IChatClient>());
    }

    [Fact]
    public async Task The_host_talks_to_the_configured_chat_model()
    {
        await using var server = await OllamaWireServer.StartAsync();
        server.Enqueue(WireReply.Answer("Hello ", "there."));
        await using var factory = new PlatformFactory(withModel: false, workers: 0, settings: new Dictionary<string, string>
        {
            ["Chat:Provider"] = "Ollama",
            ["Chat:Endpoint"] = server.Endpoint.ToString(),
            ["Chat:Model"] = "qwen2.5vl",
        });

        var chat = factory.Services.GetRequiredService<IChatClient>();
        var response = await chat.GetResponseAsync("Hello?");

        Assert.Equal("qwen2.5vl", chat.GetService<ChatClientMetadata>()?.DefaultModelId);
        Assert.Equal("Hello there.", response.Text);
        Assert.Equal("qwen2.5vl", Assert.Single(server.Requests).Model);
    }

    [Fact]
    public void A_provider_without_a_model_stops_the_start_with_a_message_naming_chat_model()
    {
        var problems = SettingsCheck.ProblemsWith(new Dictionary<string, string>
        {
            ["Chat:Provider"] = "Ollama",
            ["Chat:Endpoint"] = "http://127.0.0.1:9",
        });

        Assert.Contains("Chat:Model", problems, StringComparison.Ordinal);
    }
}
