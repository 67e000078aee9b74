namespace RagPlatform.Core.Documents;

/// <summary>Where a document is in its life. Only <see cref="Ready"/> documents are searchable.</summary>
public enum DocumentStatus
{
    Queued,
    Processing,
    Ready,
    Failed,
}
