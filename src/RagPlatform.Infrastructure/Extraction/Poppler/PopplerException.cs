namespace RagPlatform.Infrastructure.Extraction.Poppler;

/// <summary>Poppler could not open a PDF or draw one of its pages: a problem of the document.</summary>
public sealed class PopplerException : Exception
{
    public PopplerException()
    {
    }

    public PopplerException(string message)
        : base(message)
    {
    }

    public PopplerException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
