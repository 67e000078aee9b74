namespace RagPlatform.Cli.Eval;

/// <summary>The four kinds of query an evaluation knows: what the query is (text or image) → what
/// the user looks for. The kind decides what is sent: a text query sends only its text, an image
/// query only its image.</summary>
internal static class QueryKinds
{
    public const string TextToText = "text->text";
    public const string TextToImage = "text->image";
    public const string ImageToImage = "image->image";
    public const string ImageToText = "image->text";

    public static IReadOnlyList<string> All { get; } = [TextToText, TextToImage, ImageToImage, ImageToText];

    public static bool IsImageQuery(string kind) => kind.StartsWith("image", StringComparison.Ordinal);

    /// <summary>The canonical spelling of a kind, or null; "text→image" (with an arrow) is accepted too.</summary>
    public static string? Normalize(string? kind)
    {
        var ascii = kind?.Trim().Replace("→", "->", StringComparison.Ordinal).ToLowerInvariant();
        return All.FirstOrDefault(k => k == ascii);
    }
}
