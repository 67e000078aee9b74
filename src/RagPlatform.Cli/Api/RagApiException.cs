namespace RagPlatform.Cli.Api;

/// <summary>The server refused a request or could not be reached; the message is for the user.</summary>
internal sealed class RagApiException : Exception
{
    public RagApiException()
    {
    }

    public RagApiException(string message)
        : base(message)
    {
    }

    public RagApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RagApiException(int statusCode, string message)
        : base(message)
    {
        StatusCode = statusCode;
    }

    /// <summary>HTTP status, or 0 when the server could not be reached.</summary>
    public int StatusCode { get; }
}
