namespace RagPlatform.Infrastructure.Extraction.Isolation;

/// <summary>The extractor process crashed, ran out of memory, was killed after its timeout or failed
/// otherwise. Not a verdict on the document (the machine may have been short of memory), so the
/// attempt fails and the document is retried until its attempts run out; the message says what
/// happened and where, in words a user understands.</summary>
public sealed class ExtractorFailedException : Exception
{
    public ExtractorFailedException()
    {
    }

    public ExtractorFailedException(string message)
        : base(message)
    {
    }

    public ExtractorFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
