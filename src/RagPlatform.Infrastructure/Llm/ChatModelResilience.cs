using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace RagPlatform.Infrastructure.Llm;

/// <summary>The retry and timeout pipeline of the chat model's HttpClient (the client libraries'
/// own retries are off): a total timeout around retries with exponential backoff (429, 408, 5xx,
/// connection failures and attempt timeouts; <c>Retry-After</c> honoured) around an attempt
/// timeout. Both timeouts cover the wait for response headers only.</summary>
internal static class ChatModelResilience
{
    public const string PipelineName = "chat-model";

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, ResilienceHandlerContext context)
    {
        var options = context.ServiceProvider.GetRequiredService<IOptions<ChatModelOptions>>().Value;
        builder.AddTimeout(new HttpTimeoutStrategyOptions { Name = "total", Timeout = options.TotalTimeout });
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryDelay,
                ShouldRetryAfterHeader = true,
            });
        }

        builder.AddTimeout(new HttpTimeoutStrategyOptions { Name = "attempt", Timeout = options.AttemptTimeout });
    }
}
