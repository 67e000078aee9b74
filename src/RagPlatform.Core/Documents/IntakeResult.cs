namespace RagPlatform.Core.Documents;

/// <summary>The document an upload created, or the existing one with the same bytes.</summary>
public sealed record IntakeResult(Document Document, bool Duplicate);
