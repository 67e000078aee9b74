using RagPlatform.Cli.Api;

namespace RagPlatform.Cli.Eval;

/// <summary>Runs a query through the search API in one mode and judges the hits.</summary>
/// <remarks>Searches are restricted to the dataset's documents, so that whatever else the server
/// holds does not change the numbers: the same dataset gives the same metrics on any server running
/// the same platform.</remarks>
/// <param name="k">Hits asked for: the deepest cutoff of every metric.</param>
internal sealed class QueryRunner(RagApiClient api, RelevanceJudge judge, IReadOnlyList<Guid> documentIds, int k, PlatformCapabilities platform)
{
    public async Task<QueryOutcome> RunAsync(EvalQuery query, string mode, CancellationToken cancellationToken)
    {
        var skipped = SkipReason(query, mode);
        if (skipped is not null)
        {
            return new QueryOutcome(query, mode, skipped, null, []);
        }

        SearchView result;
        try
        {
            result = await api.SearchAsync(query.Text, query.ImagePath, [], documentIds, k, cancellationToken, mode);
        }
        catch (RagApiException ex) when (ex.StatusCode == 503)
        {
            return new QueryOutcome(query, mode, ex.Message, null, []);
        }
        catch (RagApiException ex) when (ex.StatusCode is >= 400 and < 500)
        {
            // The dataset asks for something this server refuses (a text over its length limit, an
            // image it cannot read): stop and say which query, rather than score it zero.
            throw new RagApiException(ex.StatusCode, $"Query '{query.Id}' in {mode} mode was refused: {ex.Message}");
        }

        var hits = result.Hits.Take(k).ToList();
        var judged = hits.Select((hit, i) => new JudgedHit(
            i + 1, judge.NameOf(hit), hit.Page, hit.Modality, judge.Matches(hit, query.Relevant).Count > 0, hit.Score.Final)).ToList();
        return new QueryOutcome(query, mode, null, judge.Judge(hits, query.Relevant), judged);
    }

    private string? SkipReason(EvalQuery query, string mode)
    {
        var image = QueryKinds.IsImageQuery(query.Kind);
        if (mode == EvalModes.Lexical && image)
        {
            return "lexical search reads text only";
        }

        if (image && !platform.Dense)
        {
            return "dense search is off on the server (no CLIP model)";
        }

        return mode == EvalModes.Dense && !platform.DenseText
            ? "dense search is off on the server (no CLIP model, no text space)"
            : null;
    }
}
