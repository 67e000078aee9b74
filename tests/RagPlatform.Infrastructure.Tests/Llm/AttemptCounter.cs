using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;

namespace RagPlatform.Infrastructure.Tests.Llm;

/// <summary>Counts the attempts the chat model's HttpClient starts, on the client's side: a handler
/// added after every other one sits inside the retry pipeline, so it sees each attempt. The test
/// server's own count cannot tell how many attempts were made when an attempt's timeout is short: on
/// a loaded machine the timeout can fire before the request has reached the server.</summary>
internal sealed class AttemptCounter
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    /// <summary>Adds the counting handler to every HttpClient of <paramref name="services"/>
    /// (call after the chat model is registered, so that it comes innermost).</summary>
    public void Attach(IServiceCollection services) =>
        services.ConfigureAll<HttpClientFactoryOptions>(options =>
            options.HttpMessageHandlerBuilderActions.Add(builder => builder.AdditionalHandlers.Add(new CountingHandler(this))));

    private sealed class CountingHandler(AttemptCounter counter) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref counter._count);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
