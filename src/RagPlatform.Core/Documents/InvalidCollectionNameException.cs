namespace RagPlatform.Core.Documents;

/// <summary>A collection name that breaks <see cref="CollectionName.Rule"/>; the message is for the user.</summary>
public sealed class InvalidCollectionNameException : Exception
{
    public InvalidCollectionNameException()
    {
    }

    public InvalidCollectionNameException(string message)
        : base(message)
    {
    }

    public InvalidCollectionNameException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
