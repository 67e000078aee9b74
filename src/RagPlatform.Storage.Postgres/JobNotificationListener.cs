using Microsoft.Extensions.Logging;
using Npgsql;

namespace RagPlatform.Storage.Postgres;

/// <summary>The cross-process half of <see cref="Core.Ingestion.IJobQueue.WaitForWorkAsync"/>: one
/// connection that LISTENs on <see cref="Channel"/> and calls <paramref name="onNotification"/> for
/// every NOTIFY of another queue instance (one that carries <paramref name="ownPayload"/> comes from
/// this instance, whose workers were woken already). Started by the first wait, so that processes that
/// only enqueue (the API) hold no listening connection. A lost connection is opened again, with a
/// growing pause; after each (re)connection it calls <paramref name="onNotification"/> once, since a
/// job queued while nobody listened sent its notification to no one.</summary>
internal sealed class JobNotificationListener(
    NpgsqlDataSource dataSource,
    string ownPayload,
    Action onNotification,
    ILogger logger) : IAsyncDisposable
{
    public const string Channel = "ragplatform_jobs";

    public const string ApplicationName = "ragplatform job listener";

    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(30);

    /// <summary>How long the connection may stay silent before a query checks that it still lives
    /// (a server that vanished without closing the socket sends nothing either).</summary>
    private static readonly TimeSpan LivenessInterval = TimeSpan.FromSeconds(30);

    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _firstAttempt = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _startLock = new();
    private Task? _loop;
    private bool _disposed;

    /// <summary>Starts listening unless it already does; completes when the first attempt to listen
    /// has succeeded or failed (waiters then fall back to their timeout).</summary>
    public Task StartAsync()
    {
        lock (_startLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _loop ??= Task.Run(() => ListenAsync(_stopping.Token));
            return _firstAttempt.Task;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Task? loop;
        lock (_startLock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            loop = _loop;
        }

        await _stopping.CancelAsync();
        if (loop is not null)
        {
            await loop;
        }

        _stopping.Dispose();
    }

    private async Task ListenAsync(CancellationToken stopping)
    {
        var retry = FirstRetry;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stopping);
                connection.Notification += (_, e) =>
                {
                    if (e.Payload != ownPayload)
                    {
                        onNotification();
                    }
                };
                // The name shows operators which connection this is (pg_stat_activity); the pool
                // resets it, and the LISTEN, when the connection goes back.
                await using (var listen = connection.CreateCommand($"SET application_name = '{ApplicationName}'; LISTEN {Channel}"))
                {
                    await listen.ExecuteNonQueryAsync(stopping);
                }

                PostgresLog.JobListenerConnected(logger);
                onNotification();
                _firstAttempt.TrySetResult();
                retry = FirstRetry;
                while (true)
                {
                    if (!await connection.WaitAsync(LivenessInterval, stopping))
                    {
                        await using var probe = connection.CreateCommand("SELECT 1");
                        await probe.ExecuteNonQueryAsync(stopping);
                    }
                }
            }
#pragma warning disable CA1031 // Whatever broke the connection, the listener must live on: workers rely on it.
            catch (Exception) when (stopping.IsCancellationRequested)
            {
                return; // disposed: a cancelled wait may surface as a broken connection
            }
            catch (Exception ex)
#pragma warning restore CA1031
            {
                PostgresLog.JobListenerFailed(logger, ex, (long)retry.TotalMilliseconds);
                _firstAttempt.TrySetResult();
            }

            try
            {
                await Task.Delay(retry, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, LastRetry.Ticks));
        }
    }
}
