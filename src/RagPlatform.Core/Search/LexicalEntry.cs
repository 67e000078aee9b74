using RagPlatform.Core.Documents;

namespace RagPlatform.Core.Search;

/// <summary>Text of an item as the lexical index sees it. An entry of modality
/// <see cref="Modality.Page"/> holds the whole text of its page: the index keeps it apart from the
/// chunks and serves it through <see cref="ILexicalIndex.SearchPagesAsync"/>.</summary>
public sealed record LexicalEntry(Guid ItemId, Guid DocumentId, Modality Modality, string Text)
{
    /// <summary>1-based page of the item.</summary>
    public int Page { get; init; } = 1;

    /// <summary>Words that name the document (file name, title), indexed as a field of their own with
    /// a lower weight than the text (<see cref="SearchOptions.FieldWeight"/>); one entry per document
    /// carries them, empty on the others.</summary>
    public string Fields { get; init; } = string.Empty;

    /// <summary>Words of the section headings the item holds, indexed as a field of their own
    /// (<see cref="SearchOptions.HeadingWeight"/>); empty for most entries.</summary>
    public string Headings { get; init; } = string.Empty;
}
