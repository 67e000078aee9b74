namespace RagPlatform.Core.Documents;

/// <summary>Why an upload was refused; nothing it sent was kept.</summary>
public enum UploadRejection
{
    Empty,
    TooLarge,
    UnsupportedType,

    /// <summary>The document to replace does not exist.</summary>
    UnknownDocument,

    /// <summary>Another document already holds the replacement's bytes.</summary>
    ContentTaken,

    /// <summary>Another replacement of the same document came first.</summary>
    ReplacedMeanwhile,
}
