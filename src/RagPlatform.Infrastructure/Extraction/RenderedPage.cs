using RagPlatform.Core.Documents;

namespace RagPlatform.Infrastructure.Extraction;

/// <summary>A page render with the page size it implies, in points (render pixels × 72 / dpi).</summary>
internal sealed record RenderedPage(EncodedImage Image, double WidthPoints, double HeightPoints);
