namespace RagPlatform.Core.Documents;

/// <summary>Why an upload was refused before anything was stored.</summary>
public enum UploadRejection
{
    Empty,
    TooLarge,
    UnsupportedType,
}
