namespace RagPlatform.Core.Answering;

/// <summary>The language model did not answer (unreachable, timed out, refused after retries).</summary>
public sealed class ChatModelFailedException : Exception
{
    public ChatModelFailedException()
    {
    }

    public ChatModelFailedException(string message)
        : base(message)
    {
    }

    public ChatModelFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
