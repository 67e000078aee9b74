using RagPlatform.Core.Documents;

namespace RagPlatform.Api.Documents;

/// <summary>A searchable item of a document. <see cref="Region"/> is in fractions of the page.</summary>
public sealed record ItemDto(Guid Id, Modality Modality, int Page, Region? Region, string? Text, string ImageUrl)
{
    public static ItemDto From(Item i) => new(i.Id, i.Modality, i.Page, i.Region, i.Text, ApiLinks.ItemImage(i.Id));
}
