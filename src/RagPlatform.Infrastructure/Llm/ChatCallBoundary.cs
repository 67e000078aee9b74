using System.ClientModel;
using System.Net;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using OllamaSharp.Models.Exceptions;
using Polly.Timeout;

namespace RagPlatform.Infrastructure.Llm;

/// <summary>
/// Where a model call leaves the platform for a client library. It makes the caller's token reach
/// the network (<see cref="CallerCancellation"/>; a cancelled call always ends in
/// <see cref="OperationCanceledException"/>, even when the library just stops reading), and gives
/// every final failure one type, whatever the library: <see cref="HttpRequestException"/>, with
/// <see cref="HttpRequestException.StatusCode"/> when the server answered an error status (after
/// the retries), without one for timeouts, connection failures and broken streams; the library's
/// exception is the inner one.
/// </summary>
internal sealed class ChatCallBoundary(IChatClient inner, ChatModelOptions settings) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        CallerCancellation.Current = cancellationToken;
        try
        {
            return await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (Translate(error, cancellationToken) is { } translated)
        {
            throw translated;
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var updates = base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                bool more;
                try
                {
                    // Each step runs on the consumer's flow, which does not carry the value.
                    CallerCancellation.Current = cancellationToken;
                    more = await updates.MoveNextAsync().ConfigureAwait(false);
                }
                catch (Exception error) when (Translate(error, cancellationToken) is { } translated)
                {
                    throw translated;
                }

                if (!more)
                {
                    // OllamaSharp ends its stream quietly when the token is cancelled.
                    cancellationToken.ThrowIfCancellationRequested();
                    break;
                }

                yield return updates.Current;
            }
        }
        finally
        {
            await updates.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The exception to throw instead of <paramref name="error"/>, or null to let it through.</summary>
    private Exception? Translate(Exception error, CancellationToken cancellationToken) => error switch
    {
        OperationCanceledException when cancellationToken.IsCancellationRequested => null,
        // An aborted connection can surface as an I/O or HTTP error; the cause is the caller.
        _ when cancellationToken.IsCancellationRequested => new OperationCanceledException("The caller cancelled the chat model call.", error, cancellationToken),
        HttpRequestException => null,
        ClientResultException { Status: > 0 } failed => new HttpRequestException(HttpRequestError.Unknown, $"The chat model answered {failed.Status}: {failed.Message}", failed, (HttpStatusCode)failed.Status),
        ClientResultException { InnerException: HttpRequestException transport } => transport,
        ClientResultException failed => new HttpRequestException(HttpRequestError.Unknown, $"The chat model call failed: {failed.Message}", failed),
        TimeoutRejectedException timeout => new HttpRequestException(HttpRequestError.Unknown, $"The chat model did not answer within {timeout.Timeout} ({Limits}).", timeout),
        OperationCanceledException canceled => new HttpRequestException(HttpRequestError.Unknown, $"The chat model call was cut short ({Limits}).", canceled),
        // A {"error": …} line in an Ollama stream (ResponseError is an OllamaException).
        ResponseError failed => new HttpRequestException(HttpRequestError.Unknown, $"The chat model failed while answering: {failed.Message}", failed),
        OllamaException refused => new HttpRequestException(HttpRequestError.Unknown, $"The chat model refused the request: {refused.Message}", refused, HttpStatusCode.BadRequest),
        IOException broken => new HttpRequestException(HttpRequestError.ResponseEnded, $"The chat model's response broke off: {broken.Message}", broken),
        _ => null,
    };

    private string Limits =>
        $"{ChatModelOptions.SectionName}:AttemptTimeout {settings.AttemptTimeout}, TotalTimeout {settings.TotalTimeout}, MaxRetries {settings.MaxRetries}";
}
