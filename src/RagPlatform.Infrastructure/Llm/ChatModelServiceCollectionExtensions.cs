using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace RagPlatform.Infrastructure.Llm;

public static class ChatModelServiceCollectionExtensions
{
    /// <summary>The named HttpClient the chat model talks through.</summary>
    public const string HttpClientName = "RagPlatform.ChatModel";

    /// <summary>
    /// Registers the chat model chosen by the <c>Chat</c> section (<see cref="ChatModelOptions"/>,
    /// validated at start) as a singleton <see cref="IChatClient"/>: OpenAI's SDK for
    /// <see cref="ChatProvider.OpenAI"/>, OllamaSharp for <see cref="ChatProvider.Ollama"/>, over a
    /// named HttpClient with retries and timeouts from the options, wrapped with logging. With
    /// <see cref="ChatProvider.None"/> the <see cref="IChatClient"/> resolves to null, so a
    /// consumer taking <c>IChatClient? chatClient = null</c> gets none.
    /// <para>The client's model id is <c>GetService&lt;ChatClientMetadata&gt;().DefaultModelId</c>.
    /// A call that fails after its retries throws <see cref="HttpRequestException"/> (with
    /// <see cref="HttpRequestException.StatusCode"/> when the server answered an error status; none
    /// for timeouts, connection failures and broken streams). Cancelling the caller's token aborts
    /// the HTTP request and throws <see cref="OperationCanceledException"/>.</para>
    /// </summary>
    public static IServiceCollection AddChatModel(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<ChatModelOptions>().BindConfiguration(ChatModelOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ChatModelOptions>, ChatModelOptionsValidator>());
        services.AddHttpClient(HttpClientName)
            // The resilience pipeline times the tries; HttpClient's own 100 s would cut it short.
            .ConfigureHttpClient(static http => http.Timeout = Timeout.InfiniteTimeSpan)
            .AddHttpMessageHandler(static provider => new ResponseStallGuard(provider.GetRequiredService<IOptions<ChatModelOptions>>().Value.AttemptTimeout))
            .AddResilienceHandler(ChatModelResilience.PipelineName, ChatModelResilience.Configure);
        services.AddSingleton(static provider => CreateChatClient(provider)!);
        return services;
    }

    private static IChatClient? CreateChatClient(IServiceProvider provider)
    {
        var options = provider.GetRequiredService<IOptions<ChatModelOptions>>().Value;
        if (options.Provider == ChatProvider.None)
        {
            return null;
        }

        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName);
        return new ChatClientBuilder(ProviderChatClients.Create(options, http))
            .UseLogging()
            .Use(inner => new ChatCallBoundary(inner, options))
            .Build(provider);
    }
}
