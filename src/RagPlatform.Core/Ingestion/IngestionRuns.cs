using System.Collections.Concurrent;

namespace RagPlatform.Core.Ingestion;

/// <summary>The documents this process is ingesting right now, each with a way to stop it: a
/// delete cancels the document's run and waits until it has stopped writing. (A worker in another
/// process is stopped by the store's deletion fence instead.)</summary>
public sealed class IngestionRuns
{
    private readonly ConcurrentDictionary<Guid, Run> _runs = new();

    /// <summary>Registers a run of the document; its token is cancelled by <see cref="CancelAsync"/>.
    /// Dispose the result when the run has stopped.</summary>
    internal Run Begin(Guid documentId, CancellationToken stopping)
    {
        var run = new Run(this, documentId, stopping);
        _runs[documentId] = run;
        return run;
    }

    /// <summary>Cancels the document's run in this process, if any, and waits until it ended. True
    /// when there was one.</summary>
    public async Task<bool> CancelAsync(Guid documentId, CancellationToken cancellationToken)
    {
        if (!_runs.TryGetValue(documentId, out var run))
        {
            return false;
        }

        await run.CancelAsync();
        await run.Stopped.WaitAsync(cancellationToken);
        return true;
    }

    internal sealed class Run : IDisposable
    {
        private readonly IngestionRuns _owner;
        private readonly Guid _documentId;
        private readonly CancellationTokenSource _cancellation;
        private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Run(IngestionRuns owner, Guid documentId, CancellationToken stopping)
        {
            _owner = owner;
            _documentId = documentId;
            _cancellation = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        }

        public CancellationToken Token => _cancellation.Token;

        /// <summary>True once a delete or a replacement cancelled the run.</summary>
        public bool Deleted { get; private set; }

        public Task Stopped => _stopped.Task;

        public async Task CancelAsync()
        {
            Deleted = true;
            try
            {
                await _cancellation.CancelAsync();
            }
            catch (ObjectDisposedException)
            {
                // The run ended between the look-up and the cancel: nothing left to stop.
            }
        }

        public void Dispose()
        {
            _owner._runs.TryRemove(new KeyValuePair<Guid, Run>(_documentId, this));
            _stopped.TrySetResult();
            _cancellation.Dispose();
        }
    }
}
