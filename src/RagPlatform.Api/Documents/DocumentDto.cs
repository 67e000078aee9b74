using RagPlatform.Core.Documents;

namespace RagPlatform.Api.Documents;

/// <summary>A document as the API shows it.</summary>
public sealed record DocumentDto(
    Guid Id,
    string FileName,
    string MediaType,
    DocumentKind Kind,
    long SizeBytes,
    string Sha256,
    DocumentStatus Status,
    string? Error,
    ProgressDto Progress,
    int ItemCount,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string Url,
    string OriginalUrl,
    string ThumbnailUrl,
    string Collection)
{
    public static DocumentDto From(Document d) => new(
        d.Id, d.FileName, d.MediaType, d.Kind, d.SizeBytes, d.Sha256, d.Status, d.Error,
        new ProgressDto(d.PagesDone, d.PagesTotal, d.PagesTotal == 0 ? 0 : (int)(100L * d.PagesDone / d.PagesTotal)),
        d.ItemCount, d.CreatedAt, d.UpdatedAt,
        ApiLinks.Document(d.Id), ApiLinks.Original(d.Id), ApiLinks.Thumbnail(d.Id), d.Collection);
}
