namespace RagPlatform.Infrastructure.Extraction;

/// <summary>Parser and renderer work that a caller may stop waiting for (a page past its time limit)
/// while it goes on in the background, because PdfPig and poppler cannot be interrupted. It is
/// counted until it really ends, so that an extractor process knows exactly whether anything of a
/// closed document still runs before it takes the next one.</summary>
internal static class AbandonableWork
{
    private static int running;

    /// <summary>Work started here that has not ended yet, abandoned or not.</summary>
    public static int Running => Volatile.Read(ref running);

    /// <summary>Runs the work on the thread pool. The count drops on the worker thread before the
    /// task completes, so a caller that awaited the result already sees it gone.</summary>
    public static Task<T> Run<T>(Func<T> work)
    {
        Interlocked.Increment(ref running);
        return Task.Run(() =>
        {
            try
            {
                return work();
            }
            finally
            {
                Interlocked.Decrement(ref running);
            }
        }, CancellationToken.None);
    }
}
