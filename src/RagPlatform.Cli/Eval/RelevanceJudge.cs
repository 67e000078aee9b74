using RagPlatform.Cli.Api;

namespace RagPlatform.Cli.Eval;

/// <summary>Decides which relevant units a hit matches. Hits name documents by server id; the judge
/// knows which dataset file(s) each id was uploaded from, so a document the server already held under
/// another name still counts (the server keeps the first name it was given).</summary>
internal sealed class RelevanceJudge(IReadOnlyDictionary<Guid, IReadOnlyCollection<string>> datasetNamesById)
{
    public RankedJudgement Judge(IReadOnlyList<HitView> hits, IReadOnlyList<RelevantUnit> relevant) =>
        new(hits.Select(hit => (IReadOnlyCollection<int>)Matches(hit, relevant)).ToList(), relevant.Count);

    public IReadOnlyList<int> Matches(HitView hit, IReadOnlyList<RelevantUnit> relevant)
    {
        if (!datasetNamesById.TryGetValue(hit.DocumentId, out var names))
        {
            return [];
        }

        return Enumerable.Range(0, relevant.Count).Where(i => relevant[i].Matches(names, hit.Page, hit.Modality)).ToList();
    }

    /// <summary>The dataset name to show for a hit: its dataset file, else the server's name.</summary>
    public string NameOf(HitView hit) =>
        datasetNamesById.TryGetValue(hit.DocumentId, out var names) ? names.First() : hit.DocumentName;
}
