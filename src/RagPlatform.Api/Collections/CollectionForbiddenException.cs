namespace RagPlatform.Api.Collections;

/// <summary>The request's API key is limited to other collections than the one the request names
/// (403). The message says nothing about what the collection holds.</summary>
public sealed class CollectionForbiddenException : Exception
{
    public CollectionForbiddenException()
    {
    }

    public CollectionForbiddenException(string message)
        : base(message)
    {
    }

    public CollectionForbiddenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
