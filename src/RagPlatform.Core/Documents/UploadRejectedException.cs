namespace RagPlatform.Core.Documents;

/// <summary>An upload refused before anything was stored; the message is meant for the user.</summary>
public sealed class UploadRejectedException : Exception
{
    public UploadRejectedException()
    {
    }

    public UploadRejectedException(string message)
        : base(message)
    {
    }

    public UploadRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public UploadRejectedException(UploadRejection reason, string message)
        : base(message)
    {
        Reason = reason;
    }

    public UploadRejection Reason { get; }
}
