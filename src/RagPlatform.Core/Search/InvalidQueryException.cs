namespace RagPlatform.Core.Search;

/// <summary>A query that cannot be run (empty, too long, unreadable image); the message is for the user.</summary>
public sealed class InvalidQueryException : Exception
{
    public InvalidQueryException()
    {
    }

    public InvalidQueryException(string message)
        : base(message)
    {
    }

    public InvalidQueryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
