namespace RagPlatform.Vectors.Qdrant;

/// <summary>The Qdrant server refused a call or could not be reached (a wrong or missing API key,
/// the server down, a certificate not trusted, a call past its deadline). The message names the
/// setting to check; the inner exception is the gRPC failure.</summary>
public sealed class QdrantUnavailableException : Exception
{
    public QdrantUnavailableException()
    {
    }

    public QdrantUnavailableException(string message)
        : base(message)
    {
    }

    public QdrantUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
