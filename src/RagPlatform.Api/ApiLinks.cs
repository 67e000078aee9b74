namespace RagPlatform.Api;

/// <summary>The one place that knows the URLs of the API's resources.</summary>
internal static class ApiLinks
{
    public static string Document(Guid id) => $"/api/documents/{id}";

    public static string Original(Guid id) => $"/api/documents/{id}/original";

    public static string Thumbnail(Guid id) => $"/api/documents/{id}/thumbnail";

    public static string PageImage(Guid id, int page) => $"/api/documents/{id}/pages/{page}/image";

    public static string ItemImage(Guid itemId) => $"/api/items/{itemId}/image";
}
