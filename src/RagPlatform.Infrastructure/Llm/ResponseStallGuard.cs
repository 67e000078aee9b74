namespace RagPlatform.Infrastructure.Llm;

/// <summary>Outermost handler of the chat model's HttpClient: hands the caller a body that gives
/// up when the server stalls for an attempt timeout (<see cref="StallGuardedStream"/>). The
/// resilience timeouts end when the headers arrive, so that a long stream is not cut; this bounds
/// the wait between its pieces instead.</summary>
internal sealed class ResponseStallGuard(TimeSpan idleTimeout) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var original = response.Content;
        var body = await original.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var guarded = new StreamContent(new StallGuardedStream(body, idleTimeout));
        foreach (var header in original.Headers)
        {
            guarded.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        response.Content = guarded;
        return response;
    }
}
