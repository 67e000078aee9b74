namespace RagPlatform.Core.Documents;

/// <summary>What a searchable item is: a passage of text, an image inside a document (or an uploaded
/// image), or a whole rendered page.</summary>
public enum Modality
{
    Text,
    Image,
    Page,
}
