using RagPlatform.Cli.Eval;

namespace RagPlatform.Api.Tests.Eval;

/// <summary>Reading a dataset folder: a valid one loads; a wrong line is refused with its file, line
/// number and what to fix, never silently skipped.</summary>
public sealed class EvalDatasetTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "rag-eval-dataset-tests", Guid.NewGuid().ToString("N"));

    public EvalDatasetTests()
    {
        Directory.CreateDirectory(Path.Combine(folder, "documents", "scans"));
        Directory.CreateDirectory(Path.Combine(folder, "queries"));
        File.WriteAllText(Path.Combine(folder, "documents", "report.pdf"), "%PDF-1.4");
        File.WriteAllText(Path.Combine(folder, "documents", "scans", "page.png"), "png");
        File.WriteAllText(Path.Combine(folder, "documents", ".DS_Store"), "junk");
        File.WriteAllText(Path.Combine(folder, "queries", "q.png"), "png");
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private Task<EvalDataset> LoadAsync(params string[] lines)
    {
        File.WriteAllLines(Path.Combine(folder, "queries.jsonl"), lines);
        return EvalDataset.LoadAsync(folder, TestContext.Current.CancellationToken);
    }

    private async Task<string> RefusalAsync(params string[] lines) =>
        (await Assert.ThrowsAsync<EvalDatasetException>(() => LoadAsync(lines))).Message;

    [Fact]
    public async Task A_valid_dataset_loads_with_names_relative_to_documents()
    {
        var dataset = await LoadAsync(
            """{"id": "a", "kind": "text->text", "text": " harbour fees ", "relevant": [{"document": "report.pdf", "page": 2, "modality": "Text"}], "tags": ["paragraph"]}""",
            string.Empty,
            """{"id": "b", "kind": "image→image", "image": "queries/q.png", "relevant": [{"document": "scans/page.png"}]}""");

        Assert.Equal(["report.pdf", "scans/page.png"], dataset.Documents.Select(dataset.NameOf));
        Assert.Equal(2, dataset.Queries.Count);
        Assert.Equal("harbour fees", dataset.Queries[0].Text);
        Assert.Equal(new RelevantUnit("report.pdf", 2, "text"), dataset.Queries[0].Relevant[0]);
        Assert.Equal("image->image", dataset.Queries[1].Kind);
        Assert.Equal(Path.Combine(folder, "queries", "q.png"), dataset.Queries[1].ImagePath);
        Assert.Empty(dataset.Queries[1].Tags);
    }

    [Fact]
    public async Task A_misspelt_field_is_refused_with_its_line_number()
    {
        var message = await RefusalAsync(
            """{"id": "a", "kind": "text->text", "text": "x", "relevant": [{"document": "report.pdf"}]}""",
            """{"id": "b", "kind": "text->text", "text": "x", "relevent": [{"document": "report.pdf"}]}""");

        Assert.Contains("line 2", message, StringComparison.Ordinal);
        Assert.Contains("relevent", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"id": "a", "kind": "text->video", "text": "x", "relevant": [{"document": "report.pdf"}]}""", "text->text, text->image")]
    [InlineData("""{"id": "a", "kind": "text->text", "text": "x", "relevant": [{"document": "missing.pdf"}]}""", "not in documents/")]
    [InlineData("""{"id": "a", "kind": "image->text", "text": "x", "image": "queries/q.png", "relevant": [{"document": "report.pdf"}]}""", "no \"text\"")]
    [InlineData("""{"id": "a", "kind": "image->text", "image": "queries/none.png", "relevant": [{"document": "report.pdf"}]}""", "does not exist")]
    [InlineData("""{"id": "a", "kind": "text->text", "text": "x", "relevant": []}""", "no \"relevant\"")]
    [InlineData("""{"id": "a", "kind": "text->text", "text": "x", "relevant": [{"document": "report.pdf", "page": 0}]}""", "numbered from 1")]
    [InlineData("""{"id": "a", "kind": "text->text", "text": "x", "relevant": [{"document": "report.pdf", "modality": "video"}]}""", "text, image, page")]
    [InlineData("""{"id": "a", "kind": "text->text", "text": "x", "relevant": [{"document": "report.pdf"}, {"document": "report.pdf", "page": 2}]}""", "overlap")]
    [InlineData("""{"kind": "text->text", "text": "x", "relevant": [{"document": "report.pdf"}]}""", "no \"id\"")]
    [InlineData("""{"id": "a", "kind": "text->text", "text": "x", "relevant": [{"document": "report.pdf"}]""", "not a valid query")]
    public async Task A_wrong_query_is_refused_and_says_what_to_fix(string line, string expected)
    {
        var message = await RefusalAsync(line);

        Assert.Contains("line 1", message, StringComparison.Ordinal);
        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Units_on_different_pages_or_modalities_do_not_overlap()
    {
        var dataset = await LoadAsync(
            """{"id": "a", "kind": "text->text", "text": "x", "relevant": [{"document": "report.pdf", "page": 1}, {"document": "report.pdf", "page": 2}, {"document": "scans/page.png", "modality": "image"}, {"document": "scans/page.png", "modality": "text"}]}""");

        Assert.Equal(4, dataset.Queries[0].Relevant.Count);
    }

    [Fact]
    public async Task An_id_used_twice_is_refused()
    {
        var message = await RefusalAsync(
            """{"id": "a", "kind": "text->text", "text": "x", "relevant": [{"document": "report.pdf"}]}""",
            """{"id": "a", "kind": "text->text", "text": "y", "relevant": [{"document": "report.pdf"}]}""");

        Assert.Contains("line 2", message, StringComparison.Ordinal);
        Assert.Contains("used twice", message, StringComparison.Ordinal);
    }

    private const string AQuery = """{"id": "a", "kind": "text->text", "text": "x", "relevant": [{"document": "report.pdf"}]}""";

    private Task<EvalDataset> LoadWithTranscriptsAsync(params string[] transcripts)
    {
        File.WriteAllLines(Path.Combine(folder, "transcripts.jsonl"), transcripts);
        return LoadAsync(AQuery);
    }

    [Fact]
    public async Task Transcripts_load_with_their_units_and_lines_and_are_optional()
    {
        var without = await LoadAsync(AQuery);
        var dataset = await LoadWithTranscriptsAsync(
            """{"id": "chart", "document": "report.pdf", "page": 2, "modality": "Image", "lines": ["Quayside Throughput", "Q1"], "tags": ["chart", " 11px "]}""",
            string.Empty,
            """{"id": "scan", "document": "scans/page.png", "lines": ["Dear Sir,"]}""");

        Assert.Empty(without.Transcripts);
        Assert.Equal(2, dataset.Transcripts.Count);
        Assert.Equal(new RelevantUnit("report.pdf", 2, "image"), dataset.Transcripts[0].Unit);
        Assert.Equal(["Quayside Throughput", "Q1"], dataset.Transcripts[0].Lines);
        Assert.Equal(["chart", "11px"], dataset.Transcripts[0].Tags);
        Assert.Equal(new RelevantUnit("scans/page.png", null, null), dataset.Transcripts[1].Unit);
    }

    [Theory]
    [InlineData("""{"id": "t", "document": "report.pdf", "line": ["x"]}""", "line")]
    [InlineData("""{"id": "t", "document": "missing.pdf", "lines": ["x"]}""", "not in documents/")]
    [InlineData("""{"id": "t", "document": "report.pdf", "page": 0, "lines": ["x"]}""", "numbered from 1")]
    [InlineData("""{"id": "t", "document": "report.pdf", "modality": "video", "lines": ["x"]}""", "text, image, page")]
    [InlineData("""{"id": "t", "document": "report.pdf", "modality": "page", "lines": ["x"]}""", "leave \"modality\" out")]
    [InlineData("""{"id": "t", "document": "report.pdf", "lines": []}""", "needs \"lines\"")]
    [InlineData("""{"id": "t", "document": "report.pdf", "lines": [" ", null]}""", "needs \"lines\"")]
    [InlineData("""{"document": "report.pdf", "lines": ["x"]}""", "no \"id\"")]
    [InlineData("""{"id": "t", "document": "report.pdf", "lines": "x"}""", "not a valid transcript")]
    public async Task A_wrong_transcript_is_refused_with_its_file_and_line(string line, string expected)
    {
        var message = (await Assert.ThrowsAsync<EvalDatasetException>(() => LoadWithTranscriptsAsync("""{"id": "ok", "document": "scans/page.png", "lines": ["x"]}""", line))).Message;

        Assert.Contains("transcripts.jsonl, line 2", message, StringComparison.Ordinal);
        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"id": "a", "document": "report.pdf", "page": 2, "lines": ["y"]}""", "used twice")]
    [InlineData("""{"id": "b", "document": "report.pdf", "page": 1, "modality": "image", "lines": ["y"]}""", "overlaps transcript 'a'")]
    public async Task Duplicate_ids_and_overlapping_units_are_refused(string second, string expected)
    {
        var message = (await Assert.ThrowsAsync<EvalDatasetException>(() => LoadWithTranscriptsAsync("""{"id": "a", "document": "report.pdf", "page": 1, "lines": ["x"]}""", second))).Message;

        Assert.Contains("line 2", message, StringComparison.Ordinal);
        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_transcripts_file_is_refused()
    {
        var message = (await Assert.ThrowsAsync<EvalDatasetException>(() => LoadWithTranscriptsAsync(string.Empty))).Message;

        Assert.Contains("holds no transcript", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_without_queries_is_not_a_dataset()
    {
        var empty = Path.Combine(folder, "queries");

        var error = await Assert.ThrowsAsync<EvalDatasetException>(() => EvalDataset.LoadAsync(empty, TestContext.Current.CancellationToken));

        Assert.Contains("is not an evaluation dataset", error.Message, StringComparison.Ordinal);
    }
}
