using RagPlatform.Core.Documents;

namespace RagPlatform.Core.Ingestion;

/// <summary>An image placed on a page, with where it is drawn.</summary>
public sealed record ExtractedImage(EncodedImage Image, Region Box);
