namespace RagPlatform.Core.Documents;

/// <summary>How a content swap of a document ended.</summary>
public enum ContentSwapOutcome
{
    /// <summary>The document now holds the new content; its old job is gone.</summary>
    Swapped,

    /// <summary>No live document with that id.</summary>
    NotFound,

    /// <summary>The document no longer holds the expected content: another replacement came first.</summary>
    Changed,

    /// <summary>Another live document holds the new content.</summary>
    ContentTaken,
}
