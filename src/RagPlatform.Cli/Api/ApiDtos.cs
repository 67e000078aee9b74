using System.Text.Json;
using System.Text.Json.Serialization;

namespace RagPlatform.Cli.Api;

// Client-side views of the API's JSON: only the fields the CLI shows, so the server may add fields
// freely. Kept together because they only make sense as a set.
#pragma warning disable CA1812 // Instantiated by the JSON serializer.

internal sealed record ProgressView(int PagesDone, int PagesTotal, int Percent);

internal sealed record DocumentView(Guid Id, string FileName, string MediaType, string Status, string? Error, ProgressView Progress, int ItemCount, DateTimeOffset CreatedAt)
{
    public bool IsFinished => Status is "ready" or "failed";
}

/// <param name="Pages">Absent from servers that predate it; then no page is known to lack a text layer.</param>
internal sealed record DocumentDetailsView(DocumentView Document, IReadOnlyList<PageView>? Pages = null, IReadOnlyList<ItemView>? Items = null);

internal sealed record PageView(int Number, bool HasTextLayer);

/// <param name="Modality">"text", "image" or "page".</param>
/// <param name="Text">A text chunk's text, or the OCR lines of an image joined by '\n'.</param>
internal sealed record ItemView(Guid Id, string Modality, int Page, string? Text);

internal sealed record DocumentListView(IReadOnlyList<DocumentView> Documents);

/// <param name="Outcome">"accepted", "duplicate", "replaced", "unchanged" or "rejected" (a request of
/// one file that is rejected answers with a problem instead).</param>
internal sealed record UploadResultView(string FileName, bool Duplicate, DocumentView Document, string Outcome = "accepted");

internal sealed record UploadResponseView(IReadOnlyList<UploadResultView> Documents);

internal sealed record RegionView(double X, double Y, double Width, double Height);

internal sealed record ScoreView(double Final, double? Dense, int? DenseRank, double? Lexical, int? LexicalRank);

/// <param name="MoreOnPage">Other matches of the same page and modality this hit stands for; 0 from servers that do not collapse.</param>
internal sealed record HitView(Guid ItemId, Guid DocumentId, string DocumentName, string Modality, int Page, RegionView? Region, string? Snippet, string ImageUrl, ScoreView Score, int MoreOnPage = 0);

internal sealed record SearchView(string Mode, string? Notice, IReadOnlyList<HitView> Hits);

internal sealed record DenseView(bool Available, string? Reason, int? Dimensions);

/// <param name="Ocr">Whether text is read from images; absent on servers without OCR. Kept raw
/// while its shape settles: see <see cref="Eval.PlatformCapabilities"/>.</param>
/// <param name="Reranking">Absent on servers older than the re-ranking step.</param>
internal sealed record StatusView(DenseView Dense, Dictionary<string, int> Documents, Dictionary<string, int> Items, long Vectors, int QueueLength, JsonElement? Ocr = null, RerankingView? Reranking = null, string? Collection = null, TextSpaceView? TextSpace = null);

internal sealed record TextSpaceView(bool Available, string? Reason, string? Model, int? Dimensions, long Vectors);

internal sealed record RerankingView(bool Enabled, string? Reason, int? TopN);

internal sealed record ProblemView(string? Title, string? Detail, int? Status);

internal static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}

internal sealed record CollectionView(string Name, int DocumentCount);

internal sealed record CollectionListView(IReadOnlyList<CollectionView> Collections);

internal sealed record CollectionDeletedView(string Name, int DeletedDocuments, int DeletedConversations);
