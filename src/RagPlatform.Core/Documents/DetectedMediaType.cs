namespace RagPlatform.Core.Documents;

/// <summary>A media type recognised from a file's first bytes.</summary>
public sealed record DetectedMediaType(string MediaType, DocumentKind Kind, string Extension);
