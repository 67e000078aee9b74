using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OllamaApiClient = OllamaSharp.OllamaApiClient;
using OpenAIChatClient = OpenAI.Chat.ChatClient;
using OpenAIClientOptions = OpenAI.OpenAIClientOptions;

namespace RagPlatform.Infrastructure.Llm;

/// <summary>The provider's own client over the given HttpClient, as an <see cref="IChatClient"/>.</summary>
internal static class ProviderChatClients
{
    /// <summary>Sent as the bearer key to OpenAI-compatible servers that need none (the SDK
    /// requires one; vLLM, llama.cpp and Ollama ignore it unless started with a key).</summary>
    private const string NoKey = "no-key";

    public static IChatClient Create(ChatModelOptions options, HttpClient http) => options.Provider switch
    {
        ChatProvider.OpenAI => CreateOpenAI(options, http),
        ChatProvider.Ollama => CreateOllama(options, http),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Provider, "No chat model is configured."),
    };

    private static IChatClient CreateOpenAI(ChatModelOptions options, HttpClient http)
    {
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = options.ResolvedEndpoint,
            Transport = new HttpClientPipelineTransport(http),
            // Retries and timeouts are the HttpClient's (ChatModelResilience, ResponseStallGuard):
            // the SDK's own would multiply the tries and cut streams at its 100 s default.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = Timeout.InfiniteTimeSpan,
        };
        var key = options.ResolveApiKey(Environment.GetEnvironmentVariable) ?? NoKey;
        return new OpenAIChatClient(options.Model, new ApiKeyCredential(key), clientOptions).AsIChatClient();
    }

    private static OllamaApiClient CreateOllama(ChatModelOptions options, HttpClient http)
    {
        // OllamaSharp resolves "api/chat" against the base address: keep a path prefix (a reverse
        // proxy's /ollama) by ending it with a slash.
        var endpoint = options.ResolvedEndpoint!.AbsoluteUri;
        http.BaseAddress = new Uri(endpoint.EndsWith('/') ? endpoint : endpoint + "/");
        return new OllamaApiClient(http, options.Model!);
    }
}
