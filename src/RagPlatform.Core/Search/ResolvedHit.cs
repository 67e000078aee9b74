namespace RagPlatform.Core.Search;

/// <summary>A hit with its item's full text (null for images and pages), which the re-ranker reads.</summary>
internal sealed record ResolvedHit(SearchHit Hit, string? Text);
