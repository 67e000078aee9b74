using System.Text.Json;

namespace RagPlatform.Cli.Eval.Synthetic;

/// <summary>Collects the synthetic dataset's files and queries in memory, then writes them as a
/// dataset folder (documents/, queries/, queries.jsonl, transcripts.jsonl).</summary>
internal sealed class DatasetWriter
{
    private const string QueryImagesFolder = "queries";

    private readonly Dictionary<string, byte[]> documents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, byte[]> queryImages = new(StringComparer.Ordinal);
    private readonly List<QueryLine> queries = [];
    private readonly List<TranscriptLine> transcripts = [];

    public int DocumentCount => documents.Count;

    public int QueryCount => queries.Count;

    public int TranscriptCount => transcripts.Count;

    public static RelevantLine In(string document, int? page = null, string? modality = null) => new(document, page, modality);

    public void Document(string name, byte[] bytes) => documents.Add(name, bytes);

    /// <summary>An image file of the corpus and, as its transcript, every line drawn upright in it.</summary>
    public void Document(string name, Drawing drawing, params string[] tags)
    {
        Document(name, drawing.Bytes);
        Transcript(Path.GetFileNameWithoutExtension(name), In(name), drawing, tags);
    }

    /// <summary>The lines drawn in <paramref name="drawing"/> as the transcript of <paramref name="unit"/>
    /// (a figure placed in a PDF, an image file).</summary>
    public void Transcript(string id, RelevantLine unit, Drawing drawing, params string[] tags) =>
        transcripts.Add(new TranscriptLine(id, unit.Document, unit.Page, unit.Modality, drawing.Lines, tags));

    /// <returns>The image's path as a query refers to it (relative to the dataset folder).</returns>
    public string QueryImage(string name, byte[] bytes)
    {
        queryImages.Add(name, bytes);
        return $"{QueryImagesFolder}/{name}";
    }

    public void TextQuery(string id, string kind, string text, RelevantLine relevant, params string[] tags) =>
        queries.Add(new QueryLine(id, kind, text, null, [relevant], tags));

    public void ImageQuery(string id, string kind, string image, RelevantLine relevant, params string[] tags) =>
        queries.Add(new QueryLine(id, kind, null, image, [relevant], tags));

    /// <summary>Checks the queries name documents of the dataset (a typo in the generator must fail
    /// here, not as a silently unanswerable query).</summary>
    public async Task SaveAsync(string folder, CancellationToken cancellationToken)
    {
        var missing = queries.SelectMany(q => q.Relevant!).Select(r => r.Document!).Concat(transcripts.Select(t => t.Document!))
            .Where(d => !documents.ContainsKey(d)).Distinct(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"Queries or transcripts name documents that were not generated: {string.Join(", ", missing)}.");
        }

        foreach (var (sub, files) in new[] { (EvalDataset.DocumentsFolder, documents), (QueryImagesFolder, queryImages) })
        {
            Directory.CreateDirectory(Path.Combine(folder, sub));
            foreach (var (name, bytes) in files)
            {
                await File.WriteAllBytesAsync(Path.Combine(folder, sub, name), bytes, cancellationToken);
            }
        }

        var lines = queries.Select(q => JsonSerializer.Serialize(q, QueryLineJson.Options));
        await File.WriteAllLinesAsync(Path.Combine(folder, EvalDataset.QueriesFile), lines, cancellationToken);
        await File.WriteAllLinesAsync(Path.Combine(folder, EvalDataset.TranscriptsFile), transcripts.Select(t => JsonSerializer.Serialize(t, QueryLineJson.Options)), cancellationToken);
    }
}
