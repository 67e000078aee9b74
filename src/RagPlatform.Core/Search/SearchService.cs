using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Ingestion;

namespace RagPlatform.Core.Search;

/// <summary>Runs a query through every retriever that applies (lexical for text; dense for text and
/// images when the encoder is available) and that the request's <see cref="SearchMode"/> allows,
/// fuses the ranked lists and resolves the hits.</summary>
public sealed class SearchService(
    IDocumentStore store,
    IVectorIndex vectors,
    ILexicalIndex lexical,
    IDenseEncoders encoders,
    IOptions<SearchOptions> options)
{
    private const int MaxSnippetLength = 300;

    /// <exception cref="InvalidQueryException">Empty or too long query, bad limit, unreadable image,
    /// lexical mode without a text or with an image.</exception>
    /// <exception cref="SearchUnavailableException">Image query or dense mode while the encoder is unavailable.</exception>
    public async Task<SearchResponse> SearchAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var text = request.Text?.Trim();
        var limit = Validate(request, text, settings);
        var candidates = limit * settings.CandidatesPerHit;

        var runLexical = !string.IsNullOrEmpty(text) && request.Mode != SearchMode.Dense;
        var lexicalHits = runLexical ? await lexical.SearchAsync(text!, candidates, request.Filter, cancellationToken) : [];
        var denseLists = request.Mode == SearchMode.Lexical ? [] : await SearchDenseAsync(text, request.Image, request.Mode, candidates, request.Filter, cancellationToken);

        var rankings = denseLists.Select(l => (IReadOnlyList<Guid>)l.Select(h => h.ItemId).ToList()).ToList();
        rankings.Add(lexicalHits.Select(h => h.ItemId).ToList());
        var fused = ReciprocalRankFusion.Fuse(rankings, settings.RrfK);

        var hits = await ResolveAsync(fused, denseLists, lexicalHits, limit, cancellationToken);
        var mode = (denseLists.Count > 0, runLexical) switch
        {
            (true, true) => "hybrid",
            (true, false) => "dense",
            _ => "lexical",
        };
        // A lexical search asked for is not a poorer search than usual: no notice.
        var notice = encoders.IsAvailable || request.Mode == SearchMode.Lexical ? null : encoders.UnavailableReason;
        return new SearchResponse(hits, mode, notice);
    }

    private static int Validate(SearchRequest request, string? text, SearchOptions settings)
    {
        if (string.IsNullOrEmpty(text) && request.Image is null)
        {
            throw new InvalidQueryException("The query is empty: give a text, an image, or both.");
        }

        if (text is not null && text.Length > settings.MaxQueryLength)
        {
            throw new InvalidQueryException($"The query is {text.Length} characters long; the limit is {settings.MaxQueryLength}.");
        }

        if (request.Mode == SearchMode.Lexical && (string.IsNullOrEmpty(text) || request.Image is not null))
        {
            throw new InvalidQueryException("Lexical search reads text only: give a text and no image, or use mode hybrid or dense.");
        }

        var limit = request.Limit ?? settings.DefaultLimit;
        if (limit < 1 || limit > settings.MaxLimit)
        {
            throw new InvalidQueryException($"The limit must be between 1 and {settings.MaxLimit}.");
        }

        return limit;
    }

    private async Task<List<IReadOnlyList<VectorHit>>> SearchDenseAsync(string? text, DataContent? image, SearchMode mode, int candidates, SearchFilter filter, CancellationToken cancellationToken)
    {
        var lists = new List<IReadOnlyList<VectorHit>>();
        if (!encoders.IsAvailable)
        {
            return (image, mode) switch
            {
                (_, SearchMode.Dense) => throw new SearchUnavailableException($"Dense search needs the CLIP model. {encoders.UnavailableReason}"),
                (not null, _) => throw new SearchUnavailableException($"Search by image needs the CLIP model. {encoders.UnavailableReason}"),
                _ => lists,
            };
        }

        if (!string.IsNullOrEmpty(text))
        {
            var embedding = await encoders.Text.GenerateVectorAsync(text, cancellationToken: cancellationToken);
            lists.Add(await vectors.SearchAsync(embedding, candidates, filter, cancellationToken));
        }

        if (image is not null)
        {
            ReadOnlyMemory<float> embedding;
            try
            {
                embedding = await encoders.Images.GenerateVectorAsync(image, cancellationToken: cancellationToken);
            }
            catch (DocumentRejectedException ex)
            {
                throw new InvalidQueryException($"The query image could not be read: {ex.Message}", ex);
            }

            lists.Add(await vectors.SearchAsync(embedding, candidates, filter, cancellationToken));
        }

        return lists;
    }

    private async Task<List<SearchHit>> ResolveAsync(
        IReadOnlyList<KeyValuePair<Guid, double>> fused,
        List<IReadOnlyList<VectorHit>> denseLists,
        IReadOnlyList<LexicalHit> lexicalHits,
        int limit,
        CancellationToken cancellationToken)
    {
        var items = (await store.GetItemsAsync(fused.Select(f => f.Key).ToList(), cancellationToken)).ToDictionary(i => i.Id);
        var dense = BestDenseRanks(denseLists);
        var lexicalById = lexicalHits.Select((h, rank) => (h, rank)).ToDictionary(x => x.h.ItemId);
        var documents = new Dictionary<Guid, Document?>();

        var hits = new List<SearchHit>(limit);
        foreach (var (itemId, score) in fused)
        {
            if (hits.Count == limit)
            {
                break;
            }

            if (!items.TryGetValue(itemId, out var item))
            {
                continue;
            }

            if (!documents.TryGetValue(item.DocumentId, out var document))
            {
                document = documents[item.DocumentId] = await store.GetAsync(item.DocumentId, cancellationToken);
            }

            // Items of a document still being ingested (or re-ingested) stay invisible until it is Ready.
            if (document is not { Status: DocumentStatus.Ready })
            {
                continue;
            }

            var hasDense = dense.TryGetValue(itemId, out var d);
            var hasLexical = lexicalById.TryGetValue(itemId, out var l);
            var parts = new ScoreParts(
                score,
                hasDense ? d.Score : null,
                hasDense ? d.Rank + 1 : null,
                hasLexical ? l.h.Score : null,
                hasLexical ? l.rank + 1 : null);
            var snippet = hasLexical ? l.h.Snippet : Shorten(item.Text);
            hits.Add(new SearchHit(item.Id, item.DocumentId, document.FileName, item.Modality, item.Page, item.Region, snippet, item.BlobKey, parts));
        }

        return hits;
    }

    /// <summary>For each item, its best cosine over the dense lists and its rank in that list.</summary>
    private static Dictionary<Guid, (float Score, int Rank)> BestDenseRanks(List<IReadOnlyList<VectorHit>> lists)
    {
        var best = new Dictionary<Guid, (float Score, int Rank)>();
        foreach (var list in lists)
        {
            for (var rank = 0; rank < list.Count; rank++)
            {
                var hit = list[rank];
                if (!best.TryGetValue(hit.ItemId, out var current) || hit.Score > current.Score)
                {
                    best[hit.ItemId] = (hit.Score, rank);
                }
            }
        }

        return best;
    }

    private static string? Shorten(string? text) =>
        text is null || text.Length <= MaxSnippetLength ? text : string.Concat(text.AsSpan(0, MaxSnippetLength - 1), "…");
}
