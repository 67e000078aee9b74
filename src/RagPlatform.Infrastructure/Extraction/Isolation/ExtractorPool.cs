using Microsoft.Extensions.Logging;

namespace RagPlatform.Infrastructure.Extraction.Isolation;

/// <summary>Extractor processes between documents. Starting a process and warming its parsers costs
/// far more than reading a small document (see bench/README.md, suite <c>isolation</c>), so a
/// process that closed its document cleanly takes the next one, up to
/// <see cref="ExtractionOptions.DocumentsPerProcess"/> documents. A process that failed, crashed, was
/// killed, or still runs work of its last document is never reused.</summary>
internal sealed class ExtractorPool(ILogger logger) : IDisposable
{
    private readonly Lock gate = new();
    private readonly Stack<ExtractorProcess> idle = new();
    private bool disposed;

    /// <summary>A process ready for a document: an idle one that closed its last document cleanly, or a new one.</summary>
    public async Task<ExtractorProcess> RentAsync(ExtractionOptions settings, CancellationToken cancellationToken)
    {
        while (TryTakeIdle(out var process))
        {
            try
            {
                if (await process.TryReuseAsync(cancellationToken).ConfigureAwait(false))
                {
                    return process;
                }
            }
            catch
            {
                process.Dispose();
                throw;
            }

            process.Dispose();
        }

        return ExtractorProcess.Start(settings, logger);
    }

    /// <summary>Takes a process back when its document is done with: kept for the next document
    /// when healthy and under its document budget, ended otherwise.</summary>
    public void Return(ExtractorProcess process, int documentsPerProcess)
    {
        if (process.IsHealthy && process.DocumentsOpened < documentsPerProcess)
        {
            process.BeginClose();
            lock (gate)
            {
                if (!disposed && process.IsHealthy)
                {
                    idle.Push(process);
                    return;
                }
            }
        }

        process.Dispose();
    }

    private bool TryTakeIdle(out ExtractorProcess process)
    {
        lock (gate)
        {
            return idle.TryPop(out process!);
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            disposed = true;
            while (idle.TryPop(out var process))
            {
                process.Dispose();
            }
        }
    }
}
