namespace RagPlatform.Core.Search;

/// <summary>The query needs a capability that is switched off (search by image without the CLIP
/// model); the message says how to switch it on.</summary>
public sealed class SearchUnavailableException : Exception
{
    public SearchUnavailableException()
    {
    }

    public SearchUnavailableException(string message)
        : base(message)
    {
    }

    public SearchUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
