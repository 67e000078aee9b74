using System.Text.Json;
using System.Text.RegularExpressions;

namespace RagPlatform.Cli.Eval.Synthetic;

/// <summary>Collects the synthetic dataset's files and queries in memory, then writes them as a
/// dataset folder (documents/, queries/, queries.jsonl, transcripts.jsonl, answers.jsonl).</summary>
internal sealed class DatasetWriter
{
    private const string QueryImagesFolder = "queries";

    private readonly Dictionary<string, byte[]> documents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, byte[]> queryImages = new(StringComparer.Ordinal);
    private readonly List<QueryLine> queries = [];
    private readonly List<TranscriptLine> transcripts = [];
    private readonly List<AnswerLine> answers = [];

    /// <summary>The text layer of each PDF, page by page, to check answer facts against.</summary>
    private readonly Dictionary<string, IReadOnlyList<IReadOnlyList<string>>> pageTexts = new(StringComparer.Ordinal);

    /// <summary>Words no document may contain, by the unanswerable question that asks about them.</summary>
    private readonly Dictionary<string, string> absentSubjects = new(StringComparer.Ordinal);

    public int DocumentCount => documents.Count;

    public int QueryCount => queries.Count;

    public int TranscriptCount => transcripts.Count;

    public int QuestionCount => answers.Count;

    public static RelevantLine In(string document, int? page = null, string? modality = null) => new(document, page, modality);

    public void Document(string name, byte[] bytes) => documents.Add(name, bytes);

    /// <summary>A PDF of the corpus, with its text layer kept to check answer facts against.</summary>
    public void Document(string name, PdfComposer pdf)
    {
        Document(name, pdf.Build());
        pageTexts.Add(name, pdf.PageTexts);
    }

    /// <summary>A question the page <paramref name="relevant"/> answers; each fact must be in that
    /// page's text layer (checked when saving), so pass the strings the page was written from.</summary>
    public void AnswerableQuestion(string id, string question, RelevantLine relevant, string[] facts, params string[] tags) =>
        answers.Add(new AnswerLine(id, question, [new AnswerSourceLine(relevant.Document, relevant.Page)], facts, true, tags));

    /// <summary>A question about <paramref name="subject"/>, a word no document may contain (checked when
    /// saving against every text layer and every line drawn in an image).</summary>
    public void UnanswerableQuestion(string id, string question, string subject, params string[] tags)
    {
        answers.Add(new AnswerLine(id, question, null, null, false, tags));
        absentSubjects.Add(id, subject);
    }

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

        CheckAnswers();
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
        await File.WriteAllLinesAsync(Path.Combine(folder, EvalDataset.AnswersFile), answers.Select(a => JsonSerializer.Serialize(a, QueryLineJson.Options)), cancellationToken);
    }

    /// <summary>A fact missing from its page, or a subject some document mentions, is a bug of the
    /// generator: it would measure the dataset, not the platform.</summary>
    private void CheckAnswers()
    {
        foreach (var answer in answers.Where(a => a.Answerable == true))
        {
            var page = answer.Relevant![0];
            var text = pageTexts.TryGetValue(page.Document!, out var pages) && page.Page <= pages.Count ? string.Join('\n', pages[page.Page!.Value - 1]) : string.Empty;
            var missing = answer.Facts!.Where(f => !AnswerScoring.ContainsFact(text, f!)).ToList();
            if (missing.Count > 0)
            {
                throw new InvalidOperationException($"Question '{answer.Id}': {string.Join(", ", missing)} not in the text layer of {page.Document} p.{page.Page}.");
            }
        }

        var everything = string.Join('\n', pageTexts.Values.SelectMany(p => p).SelectMany(p => p).Concat(transcripts.SelectMany(t => t.Lines!)));
        var mentioned = absentSubjects.Where(s => Regex.IsMatch(everything, $@"\b{Regex.Escape(s.Value)}\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant))
            .Select(s => $"'{s.Key}' ({s.Value})").ToList();
        if (mentioned.Count > 0)
        {
            throw new InvalidOperationException($"Unanswerable questions ask about what a document mentions: {string.Join(", ", mentioned)}.");
        }
    }
}
