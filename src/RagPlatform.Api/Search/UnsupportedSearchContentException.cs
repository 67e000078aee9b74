namespace RagPlatform.Api.Search;

/// <summary>The search request's body or image is of a type the API does not read (→ 415).</summary>
public sealed class UnsupportedSearchContentException : Exception
{
    public UnsupportedSearchContentException()
    {
    }

    public UnsupportedSearchContentException(string message)
        : base(message)
    {
    }

    public UnsupportedSearchContentException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
