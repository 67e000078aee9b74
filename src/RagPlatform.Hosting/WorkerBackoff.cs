using Microsoft.Extensions.Logging;
using RagPlatform.Core.Documents;

namespace RagPlatform.Hosting;

/// <summary>How a worker waits after errors outside a document (the store failed: disk full,
/// database locked for too long): exponentially longer pauses, from <see cref="FirstDelay"/> to
/// <see cref="MaxDelay"/>, and a log that says each change of state once (backing off, cause
/// changed, recovered) instead of a stack trace per retry.</summary>
internal sealed partial class WorkerBackoff(string workerId, StorageSpace space, TimeProvider time, ILogger logger)
{
    public static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(1);

    private TimeSpan _next = FirstDelay;
    private int _failures;
    private string? _cause;

    /// <summary>The pause the next failure waits.</summary>
    public TimeSpan NextDelay => _next;

    /// <summary>Records the failure, logs if the state changed, and waits the current pause.</summary>
    public async Task FailedAsync(Exception exception, CancellationToken cancellationToken)
    {
        var outOfSpace = space.Observe(exception);
        var cause = outOfSpace ? "out of space" : exception.GetType().Name;
        if (_failures == 0)
        {
            LogBackingOff(exception, workerId, cause, _next);
        }
        else if (cause != _cause)
        {
            LogCauseChanged(workerId, cause, exception.Message);
        }

        _cause = cause;
        _failures++;
        var delay = _next;
        _next = TimeSpan.FromTicks(Math.Min(_next.Ticks * 2, MaxDelay.Ticks));
        await Task.Delay(delay, time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>A round of work succeeded: back to normal, said once.</summary>
    public void Succeeded()
    {
        if (_failures == 0)
        {
            return;
        }

        LogRecovered(workerId, _failures);
        space.ObserveSuccess();
        _failures = 0;
        _cause = null;
        _next = FirstDelay;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ingestion worker {WorkerId} hit a storage error ({Cause}); it retries with growing pauses from {Delay} and logs again only when this changes")]
    private partial void LogBackingOff(Exception exception, string workerId, string cause, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ingestion worker {WorkerId} still cannot work, now because: {Cause} ({Message})")]
    private partial void LogCauseChanged(string workerId, string cause, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingestion worker {WorkerId} works again after {Failures} failed tries")]
    private partial void LogRecovered(string workerId, int failures);
}
