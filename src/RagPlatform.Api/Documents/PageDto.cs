using RagPlatform.Core.Documents;

namespace RagPlatform.Api.Documents;

/// <summary>A page: size in its own units (PDF points, or pixels for images) and its render.</summary>
public sealed record PageDto(int Number, double Width, double Height, bool HasTextLayer, string ImageUrl)
{
    public static PageDto From(PageInfo p) => new(p.Number, p.Width, p.Height, p.HasTextLayer, ApiLinks.PageImage(p.DocumentId, p.Number));
}
