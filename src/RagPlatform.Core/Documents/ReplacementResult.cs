namespace RagPlatform.Core.Documents;

/// <summary>The document after a replacement. <see cref="Replaced"/> is false when it already held
/// the same bytes (nothing changed).</summary>
public sealed record ReplacementResult(Document Document, bool Replaced);
