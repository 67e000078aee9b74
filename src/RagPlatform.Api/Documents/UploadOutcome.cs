namespace RagPlatform.Api.Documents;

/// <summary>What an upload did with one file.</summary>
public enum UploadOutcome
{
    /// <summary>Stored as a new document and queued.</summary>
    Accepted,

    /// <summary>The same bytes were uploaded before: the answer names that document.</summary>
    Duplicate,

    /// <summary>A document's original was replaced by this file (same id) and queued again.</summary>
    Replaced,

    /// <summary>The document to replace already holds these bytes: nothing changed.</summary>
    Unchanged,

    /// <summary>Refused; nothing of it was kept (see status and detail).</summary>
    Rejected,
}
