using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Ingestion;

namespace RagPlatform.Core.Search;

/// <summary>Runs a query through every retriever that applies (lexical for text; CLIP's dense space
/// for text and images when the encoder is available; the text space for text when its model is
/// installed, <see cref="TextSpace"/>) and that the request's <see cref="SearchMode"/> allows,
/// fuses the ranked lists (<see cref="SearchOptions.Fusion"/>), resolves the hits and, when a
/// re-ranker is enabled, reorders the text hits at the head of the list.</summary>
public sealed class SearchService(
    IDocumentStore store,
    IVectorIndex vectors,
    ILexicalIndex lexical,
    IDenseEncoders encoders,
    IDenseScoreCalibrator calibrator,
    IOptions<SearchOptions> options,
    IReranker? reranker = null,
    TextSpace? textSpace = null)
{
    private const int MaxSnippetLength = 300;

    /// <summary>Said once per response while the CLIP model is missing.</summary>
    public const string DenseOffNotice = "Dense search is off (the CLIP model is not loaded): these results come from lexical search only.";

    /// <summary>Said once per response while the CLIP model is missing but the text space is on.</summary>
    public const string ClipOffNotice = "The CLIP model is not loaded: text is searched lexically and in the text space, images and pages only by the text read from them.";

    private const string StatusHint = "GET /api/status says why; scripts/fetch-models.sh installs it.";

    /// <exception cref="InvalidQueryException">Empty or too long query, bad limit, unreadable image,
    /// lexical mode without a text or with an image.</exception>
    /// <exception cref="SearchUnavailableException">Image query or dense mode while the encoder is unavailable.</exception>
    public async Task<SearchResponse> SearchAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var text = request.Text?.Trim();
        var limit = Validate(request, text, settings);
        var rerank = !string.IsNullOrEmpty(text) && reranker is { IsEnabled: true };

        // The re-ranker reads its TopN candidates even when fewer hits are asked for: a passage it
        // lifts from below the limit must be able to enter the result.
        var depth = rerank ? Math.Max(limit, reranker!.TopN) : limit;
        var candidates = depth * settings.CandidatesPerHit;

        var runLexical = !string.IsNullOrEmpty(text) && request.Mode != SearchMode.Dense;
        var lexicalHits = runLexical ? await lexical.SearchAsync(text!, candidates, request.Filter, cancellationToken) : [];
        var pageHits = runLexical ? await lexical.SearchPagesAsync(text!, candidates, request.Filter, cancellationToken) : [];
        var textSpaceServes = !string.IsNullOrEmpty(text) && request.Mode != SearchMode.Lexical && textSpace is { IsAvailable: true };
        var denseLists = request.Mode == SearchMode.Lexical ? [] : await SearchDenseAsync(text, request.Image, request.Mode, textSpaceServes, candidates, request.Filter, cancellationToken);
        var textList = textSpaceServes
            ? await textSpace!.SearchAsync(text!, candidates, request.Filter, calibrate: settings.Fusion == FusionMethod.Weighted, cancellationToken)
            : null;
        List<DenseList> allDense = textList is null ? denseLists : [.. denseLists, textList];

        // Whole pages are hits of their own only when asked for by name: otherwise they would repeat
        // the chunks they hold. Their scores always reach the chunks (PageRanking).
        var pagesAsked = request.Filter.Modalities.Contains(Modality.Page);
        var rawLexical = pagesAsked ? [.. lexicalHits, .. pageHits.Select(p => new LexicalHit(p.ItemId, p.DocumentId, Modality.Page, p.Score, p.Snippet))] : lexicalHits;
        var items = (await store.GetItemsAsync(lexicalHits.Select(h => h.ItemId).Concat(pagesAsked ? pageHits.Select(p => p.ItemId) : [])
            .Concat(allDense.SelectMany(l => l.Hits.Select(h => h.ItemId))).ToHashSet(), cancellationToken)).ToDictionary(i => i.Id);
        IReadOnlyList<LexicalHit> ranked = PageRanking.BlendPageScores(lexicalHits, pageHits, items, settings.PageScoreWeight, settings.HeadingWeight);
        if (pagesAsked)
        {
            ranked = [.. ranked.Concat(PageRanking.AsPageHits(pageHits, settings.PageScoreWeight)).OrderByDescending(h => h.Score)];
        }

        var calibration = denseLists.Count > 0 ? await calibrator.GetAsync(request.Filter.Collection, cancellationToken) : DenseCalibration.Uncalibrated;
        var fused = PageRanking.DemoteNavigationPages(
            Fuse(allDense, ranked, calibration, settings), items, await NavigationPagesAsync(items.Values, cancellationToken), settings.NavigationPageFactor);

        var resolved = await ResolveAsync(fused, items, denseLists, textList, rawLexical, calibration, depth, request.Collapse, cancellationToken);
        var hits = rerank
            ? [.. (await HitReranking.ApplyAsync(reranker!, text!, resolved, cancellationToken)).Take(limit)]
            : resolved.Select(r => r.Hit).ToList();
        var mode = (denseLists.Count > 0 || textList is not null, runLexical) switch
        {
            (true, true) => "hybrid",
            (true, false) => "dense",
            _ => "lexical",
        };
        // A lexical search asked for is not a poorer search than usual: no notice. The notice is short
        // and holds no server path: the reason in full is in GET /api/status, for whoever runs the server.
        var notice = encoders.IsAvailable || request.Mode == SearchMode.Lexical ? null : textList is null ? DenseOffNotice : ClipOffNotice;
        var unknown = await UnknownDocumentsAsync(request.Filter, cancellationToken);
        if (unknown.Count > 0)
        {
            var missing = $"No document has the id {string.Join(", ", unknown)}: the filter finds nothing in it.";
            notice = notice is null ? missing : $"{notice} {missing}";
        }

        return new SearchResponse(hits, mode, notice);
    }

    /// <summary>Ids in the filter that name no document (at most the first 20 are checked), so that a
    /// typo in a filter is said instead of looking like an empty collection.</summary>
    private async Task<List<Guid>> UnknownDocumentsAsync(SearchFilter filter, CancellationToken cancellationToken)
    {
        var unknown = new List<Guid>();
        foreach (var id in filter.DocumentIds.Take(20))
        {
            // A document of another collection is unknown here too: a filter says nothing about it.
            if (await store.GetAsync(id, cancellationToken) is not { } document ||
                (filter.Collection is not null && document.Collection != filter.Collection))
            {
                unknown.Add(id);
            }
        }

        return unknown;
    }

    private async Task<HashSet<(Guid DocumentId, int Page)>> NavigationPagesAsync(IEnumerable<Item> items, CancellationToken cancellationToken)
    {
        var pages = await store.GetNavigationPagesAsync(items.Select(i => i.DocumentId).ToHashSet(), cancellationToken);
        return pages.Select(p => (p.DocumentId, p.Number)).ToHashSet();
    }

    private static IReadOnlyList<KeyValuePair<Guid, double>> Fuse(List<DenseList> denseLists, IReadOnlyList<LexicalHit> lexicalHits, DenseCalibration calibration, SearchOptions settings)
    {
        if (settings.Fusion == FusionMethod.Weighted)
        {
            return WeightedScoreFusion.Fuse(denseLists, lexicalHits, calibration, settings.DenseWeight, settings.LexicalWeight);
        }

        var rankings = denseLists.Select(l => (IReadOnlyList<Guid>)l.Hits.Select(h => h.ItemId).ToList()).ToList();
        rankings.Add(lexicalHits.Select(h => h.ItemId).ToList());
        return ReciprocalRankFusion.Fuse(rankings, settings.RrfK);
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

    /// <param name="textSpaceServes">The text space answers this query: dense mode without CLIP is
    /// still served for a text query.</param>
    private async Task<List<DenseList>> SearchDenseAsync(string? text, DataContent? image, SearchMode mode, bool textSpaceServes, int candidates, SearchFilter filter, CancellationToken cancellationToken)
    {
        var lists = new List<DenseList>();
        if (!encoders.IsAvailable)
        {
            return (image, mode) switch
            {
                (_, SearchMode.Dense) when image is not null || !textSpaceServes => throw new SearchUnavailableException($"Dense search needs the CLIP model, which is not loaded. {StatusHint}"),
                (not null, _) => throw new SearchUnavailableException($"Search by image needs the CLIP model, which is not loaded. {StatusHint}"),
                _ => lists,
            };
        }

        if (!string.IsNullOrEmpty(text))
        {
            var embedding = await encoders.Text.GenerateVectorAsync(text, cancellationToken: cancellationToken);
            lists.Add(new DenseList(Modality.Text, await vectors.SearchAsync(embedding, candidates, filter, cancellationToken)));
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

            lists.Add(new DenseList(Modality.Image, await vectors.SearchAsync(embedding, candidates, filter, cancellationToken)));
        }

        return lists;
    }

    /// <summary>The first <paramref name="limit"/> hits of live documents. Collapsed: one hit per
    /// (document, page, modality), the best; the others of its group among the candidates are
    /// counted in <see cref="SearchHit.MoreOnPage"/>.</summary>
    private async Task<List<ResolvedHit>> ResolveAsync(
        IReadOnlyList<KeyValuePair<Guid, double>> fused,
        Dictionary<Guid, Item> items,
        List<DenseList> denseLists,
        DenseList? textList,
        IReadOnlyList<LexicalHit> lexicalHits,
        DenseCalibration calibration,
        int limit,
        bool collapse,
        CancellationToken cancellationToken)
    {
        var dense = BestDenseRanks(denseLists, calibration);
        var lexicalById = lexicalHits.Select((h, rank) => (h, rank)).ToDictionary(x => x.h.ItemId);
        var textSpaceById = (textList?.Hits ?? []).Select((h, rank) => (h, rank)).ToDictionary(x => x.h.ItemId);
        var documents = new Dictionary<Guid, Document?>();
        var groups = new Dictionary<(Guid, int, Modality), int>();

        var hits = new List<ResolvedHit>(limit);
        foreach (var (itemId, score) in fused)
        {
            if (!items.TryGetValue(itemId, out var item))
            {
                continue;
            }

            if (collapse && groups.TryGetValue((item.DocumentId, item.Page, item.Modality), out var group))
            {
                hits[group] = hits[group] with { Hit = hits[group].Hit with { MoreOnPage = hits[group].Hit.MoreOnPage + 1 } };
                continue;
            }

            // Once full, the rest of the list only adds to the counts of the groups already shown.
            if (hits.Count == limit)
            {
                if (collapse)
                {
                    continue;
                }

                break;
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
            var hasText = textSpaceById.TryGetValue(itemId, out var t);
            var parts = new ScoreParts(
                score,
                hasDense ? d.Score : null,
                hasDense ? d.Rank + 1 : null,
                hasLexical ? l.h.Score : null,
                hasLexical ? l.rank + 1 : null,
                hasDense ? d.Calibrated : null,
                TextSpace: hasText ? t.h.Score : null,
                TextSpaceRank: hasText ? t.rank + 1 : null);
            var snippet = hasLexical ? l.h.Snippet : Shorten(item.Text);
            groups[(item.DocumentId, item.Page, item.Modality)] = hits.Count;
            hits.Add(new ResolvedHit(new SearchHit(item.Id, item.DocumentId, document.FileName, item.Modality, item.Page, item.Region, snippet, item.BlobKey, parts), item.Text));
        }

        return hits;
    }

    /// <summary>For each item, its best cosine over the dense lists with its rank in that list, and
    /// its best calibrated score (which may come from the other list).</summary>
    private static Dictionary<Guid, (float Score, int Rank, double Calibrated)> BestDenseRanks(List<DenseList> lists, DenseCalibration calibration)
    {
        var best = new Dictionary<Guid, (float Score, int Rank, double Calibrated)>();
        foreach (var list in lists)
        {
            for (var rank = 0; rank < list.Hits.Count; rank++)
            {
                var hit = list.Hits[rank];
                var calibrated = calibration.Calibrate(list.QueryModality, hit.Modality, hit.Score);
                if (!best.TryGetValue(hit.ItemId, out var current))
                {
                    best[hit.ItemId] = (hit.Score, rank, calibrated);
                }
                else
                {
                    best[hit.ItemId] = hit.Score > current.Score
                        ? (hit.Score, rank, Math.Max(calibrated, current.Calibrated))
                        : current with { Calibrated = Math.Max(calibrated, current.Calibrated) };
                }
            }
        }

        return best;
    }

    private static string? Shorten(string? text) =>
        text is null || text.Length <= MaxSnippetLength ? text : string.Concat(text.AsSpan(0, MaxSnippetLength - 1), "…");
}
