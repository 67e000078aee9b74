using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace RagPlatform.LlmWire;

/// <summary>
/// A chat model server on loopback (Kestrel on 127.0.0.1, a port the system chooses) that records
/// every request and answers each chat request with the next scripted <see cref="WireReply"/>
/// (<see cref="DefaultReply"/> once the script is used up). Subclasses speak one wire protocol.
/// Simplified: one model, one choice per answer, no authentication check (headers are recorded
/// for tests to check), sampling options are recorded but ignored.
/// </summary>
public abstract class ChatWireServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<WireReply> _script = new();
    private readonly Lock _gate = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly List<(int Number, TaskCompletionSource<RecordedRequest> Arrived)> _waiters = [];
    private readonly TaskCompletionSource<RecordedRequest> _firstAbort = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebApplication? _app;

    /// <summary>Root of the server, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The address to configure a client of this protocol with.</summary>
    public abstract Uri Endpoint { get; }

    /// <summary>The model name the server reports in answers and listings.</summary>
    public string ModelName { get; set; } = "wire-model";

    /// <summary>The answer once the script is used up.</summary>
    public WireReply DefaultReply { get; set; } = WireReply.Answer("ok");

    /// <summary>Completes with the first chat request whose client went away while the server was
    /// still answering it (Kestrel's <c>RequestAborted</c>): proof that a cancellation or timeout
    /// reached the network.</summary>
    public Task<RecordedRequest> FirstAbort => _firstAbort.Task;

    /// <summary>Every chat request so far, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Queues <paramref name="reply"/> for the next <paramref name="times"/> chat requests.</summary>
    public void Enqueue(WireReply reply, int times = 1)
    {
        ArgumentNullException.ThrowIfNull(reply);
        for (var i = 0; i < times; i++)
        {
            _script.Enqueue(reply);
        }
    }

    /// <summary>Waits until the <paramref name="number"/>-th chat request (1-based) has arrived.</summary>
    public Task<RecordedRequest> WaitForRequestAsync(int number, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        lock (_gate)
        {
            if (_requests.Count >= number)
            {
                return Task.FromResult(_requests[number - 1]);
            }

            var arrived = new TaskCompletionSource<RecordedRequest>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((number, arrived));
            return arrived.Task.WaitAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Starts listening; <see cref="BaseAddress"/> then holds the chosen port.</summary>
    protected async Task ListenAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        MapEndpoints(app);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        _app = app;
        BaseAddress = new Uri(app.Urls.Single().TrimEnd('/') + "/");
    }

    protected abstract void MapEndpoints(WebApplication app);

    /// <summary>Reads the chat fields of a request body into <paramref name="request"/>.</summary>
    protected abstract void ReadChatRequest(RecordedRequest request);

    protected abstract Task WriteFailureAsync(HttpContext context, WireReply reply);

    protected abstract Task WriteAnswerAsync(HttpContext context, RecordedRequest request, WireReply reply);

    /// <summary>Records a chat request, takes the next reply from the script and answers it,
    /// honouring the reply's delays and faults.</summary>
    protected async Task HandleChatAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var aborted = context.RequestAborted;
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(aborted).ConfigureAwait(false);
        var headers = context.Request.Headers.ToDictionary(static h => h.Key, static h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var request = new RecordedRequest(context.Request.Method, context.Request.Path, headers, body, DateTimeOffset.UtcNow);
        ReadChatRequest(request);
        Record(request);
        var reply = _script.TryDequeue(out var next) ? next : DefaultReply;

        using var registration = aborted.Register(() =>
        {
            request.MarkAborted();
            _firstAbort.TrySetResult(request);
        });
        try
        {
            await Task.Delay(reply.DelayBeforeHeaders, aborted).ConfigureAwait(false);
            if (reply.Status != StatusCodes.Status200OK)
            {
                context.Response.StatusCode = reply.Status;
                if (reply.RetryAfter is { } retryAfter)
                {
                    context.Response.Headers.RetryAfter = ((long)retryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                await WriteFailureAsync(context, reply).ConfigureAwait(false);
                return;
            }

            await WriteAnswerAsync(context, request, reply).ConfigureAwait(false);
            if (reply.NeverEnds)
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, aborted).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client went away; the registration above recorded it.
        }
    }

    /// <summary>Writes one piece of a streamed answer and pushes it onto the wire.</summary>
    protected static async Task WriteFlushedAsync(HttpContext context, string text)
    {
        ArgumentNullException.ThrowIfNull(context);
        await context.Response.WriteAsync(text, context.RequestAborted).ConfigureAwait(false);
        await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The pause a streaming answer takes before chunk <paramref name="index"/>.</summary>
    protected static Task PauseBeforeChunkAsync(HttpContext context, WireReply reply, int index)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(reply);
        return index == 0 || reply.DelayBetweenChunks <= TimeSpan.Zero
            ? Task.CompletedTask
            : Task.Delay(reply.DelayBetweenChunks, context.RequestAborted);
    }

    private void Record(RecordedRequest request)
    {
        List<TaskCompletionSource<RecordedRequest>> ready = [];
        lock (_gate)
        {
            _requests.Add(request);
            var number = _requests.Count;
            foreach (var waiter in _waiters.Where(w => w.Number == number).ToList())
            {
                _waiters.Remove(waiter);
                ready.Add(waiter.Arrived);
            }
        }

        foreach (var arrived in ready)
        {
            arrived.TrySetResult(request);
        }
    }
}
