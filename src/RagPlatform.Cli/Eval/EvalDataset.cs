using System.Text.Json;

namespace RagPlatform.Cli.Eval;

/// <summary>An evaluation dataset: a folder with documents/ (the corpus), queries.jsonl (one query
/// per line with its relevant units) and optionally transcripts.jsonl (the text drawn in units of
/// pixels, for OCR) and answers.jsonl (questions for the answering API). See eval/README.md for the
/// format.</summary>
/// <param name="Documents">Full paths of the corpus files, in a stable order.</param>
internal sealed record EvalDataset(string Folder, IReadOnlyList<string> Documents, IReadOnlyList<EvalQuery> Queries)
{
    public const string DocumentsFolder = "documents";
    public const string QueriesFile = "queries.jsonl";
    public const string TranscriptsFile = "transcripts.jsonl";
    public const string AnswersFile = "answers.jsonl";

    /// <summary>Empty when the dataset has no transcripts.jsonl: then no OCR is measured.</summary>
    public IReadOnlyList<EvalTranscript> Transcripts { get; init; } = [];

    /// <summary>Empty when the dataset has no answers.jsonl: then no answer is measured.</summary>
    public IReadOnlyList<EvalQuestion> Answers { get; init; } = [];

    /// <summary>A corpus file's name as queries refer to it: relative to documents/, '/' separated.</summary>
    public string NameOf(string documentPath) =>
        Path.GetRelativePath(Path.Combine(Folder, DocumentsFolder), documentPath).Replace(Path.DirectorySeparatorChar, '/');

    /// <exception cref="EvalDatasetException">Missing folder or file, or a query line that is not valid.</exception>
    public static async Task<EvalDataset> LoadAsync(string folder, CancellationToken cancellationToken)
    {
        folder = Path.GetFullPath(folder);
        var documentsFolder = Path.Combine(folder, DocumentsFolder);
        var queriesPath = Path.Combine(folder, QueriesFile);
        if (!Directory.Exists(documentsFolder) || !File.Exists(queriesPath))
        {
            throw new EvalDatasetException($"{folder} is not an evaluation dataset: it needs a {DocumentsFolder}/ folder and a {QueriesFile} file (see eval/README.md, or make one with `rag eval --generate <folder>`).");
        }

        // Hidden files (.DS_Store, .gitkeep) are not part of a corpus.
        var documents = Directory.EnumerateFiles(documentsFolder, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.Hidden })
            .Where(f => !Path.GetFileName(f).StartsWith('.'))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (documents.Count == 0)
        {
            throw new EvalDatasetException($"{documentsFolder} holds no file.");
        }

        var dataset = new EvalDataset(folder, documents, []);
        var names = documents.Select(dataset.NameOf).ToHashSet(StringComparer.Ordinal);
        var queries = new List<EvalQuery>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var number = 0;
        foreach (var line in await File.ReadAllLinesAsync(queriesPath, cancellationToken))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                var query = Check(Parse(line), folder, names);
                if (!ids.Add(query.Id))
                {
                    throw new EvalDatasetException($"the id '{query.Id}' is used twice.");
                }

                queries.Add(query);
            }
            catch (EvalDatasetException ex)
            {
                throw new EvalDatasetException($"{queriesPath}, line {number}: {ex.Message}", ex);
            }
        }

        if (queries.Count == 0)
        {
            throw new EvalDatasetException($"{queriesPath} holds no query.");
        }

        var transcriptsPath = Path.Combine(folder, TranscriptsFile);
        var transcripts = File.Exists(transcriptsPath) ? await TranscriptsReader.LoadAsync(transcriptsPath, names, cancellationToken) : [];
        var answersPath = Path.Combine(folder, AnswersFile);
        var answers = File.Exists(answersPath) ? await AnswersReader.LoadAsync(answersPath, names, cancellationToken) : [];
        await DocumentHashes.CheckAsync(dataset, cancellationToken);
        return dataset with { Queries = queries, Transcripts = transcripts, Answers = answers };
    }

    private static QueryLine Parse(string line)
    {
        try
        {
            return JsonSerializer.Deserialize<QueryLine>(line, QueryLineJson.Options) ?? throw new EvalDatasetException("the line is null, not a query object.");
        }
        catch (JsonException ex)
        {
            throw new EvalDatasetException($"not a valid query: {ex.Message}", ex);
        }
    }

    private static EvalQuery Check(QueryLine line, string folder, HashSet<string> documentNames)
    {
        if (string.IsNullOrWhiteSpace(line.Id))
        {
            throw new EvalDatasetException("the query has no \"id\".");
        }

        var kind = QueryKinds.Normalize(line.Kind)
            ?? throw new EvalDatasetException($"query '{line.Id}' has kind '{line.Kind}'; use one of {string.Join(", ", QueryKinds.All)}.");
        var isImage = QueryKinds.IsImageQuery(kind);
        if (isImage != (line.Image is not null) || isImage == !string.IsNullOrWhiteSpace(line.Text))
        {
            throw new EvalDatasetException($"query '{line.Id}' is {kind}: give {(isImage ? "an \"image\" and no \"text\"" : "a \"text\" and no \"image\"")}.");
        }

        string? imagePath = null;
        if (line.Image is not null)
        {
            imagePath = Path.GetFullPath(Path.Combine(folder, line.Image));
            if (!File.Exists(imagePath))
            {
                throw new EvalDatasetException($"query '{line.Id}': the image {line.Image} does not exist (paths are relative to the dataset folder).");
            }
        }

        var relevant = (line.Relevant ?? []).Select(r => CheckUnit(r, $"query '{line.Id}'", documentNames)).ToList();
        if (relevant.Count == 0)
        {
            throw new EvalDatasetException($"query '{line.Id}' has no \"relevant\" unit.");
        }

        for (var i = 0; i < relevant.Count; i++)
        {
            for (var j = i + 1; j < relevant.Count; j++)
            {
                if (relevant[i].Overlaps(relevant[j]))
                {
                    throw new EvalDatasetException($"query '{line.Id}': the relevant units {relevant[i]} and {relevant[j]} overlap (one item could match both); make them disjoint.");
                }
            }
        }

        var tags = (line.Tags ?? []).Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        return new EvalQuery(line.Id, kind, isImage ? null : line.Text!.Trim(), imagePath, relevant, tags);
    }

    /// <param name="owner">Who names the unit, as messages say it: "query 'a'".</param>
    internal static RelevantUnit CheckUnit(RelevantLine unit, string owner, HashSet<string> documentNames)
    {
        if (unit.Document is null || !documentNames.Contains(unit.Document))
        {
            throw new EvalDatasetException($"{owner} names the document '{unit.Document}', which is not in {DocumentsFolder}/.");
        }

        if (unit.Page is < 1)
        {
            throw new EvalDatasetException($"{owner}: pages are numbered from 1, not {unit.Page}.");
        }

        var modality = unit.Modality?.Trim().ToLowerInvariant();
        if (modality is not null && !RelevantUnit.Modalities.Contains(modality))
        {
            throw new EvalDatasetException($"{owner}: modality '{unit.Modality}' is not one of {string.Join(", ", RelevantUnit.Modalities)}.");
        }

        return new RelevantUnit(unit.Document, unit.Page, modality);
    }
}
