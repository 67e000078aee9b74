namespace RagPlatform.Core.Ingestion;

/// <summary>The document itself is bad (corrupt, encrypted, undecodable): retrying will not help,
/// and the message is shown to the user as the reason the document failed.</summary>
public sealed class DocumentRejectedException : Exception
{
    public DocumentRejectedException()
    {
    }

    public DocumentRejectedException(string message)
        : base(message)
    {
    }

    public DocumentRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
