using RagPlatform.Core.Documents;

namespace RagPlatform.Core.Search;

/// <summary>Text of an item as the lexical index sees it.</summary>
public sealed record LexicalEntry(Guid ItemId, Guid DocumentId, Modality Modality, string Text);
