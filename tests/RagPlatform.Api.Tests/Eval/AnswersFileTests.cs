using RagPlatform.Cli.Eval;

namespace RagPlatform.Api.Tests.Eval;

/// <summary>Reading answers.jsonl: optional; a valid file loads; a wrong line is refused with its
/// file, line number and what to fix, never skipped.</summary>
public sealed class AnswersFileTests : IDisposable
{
    private const string AQuery = """{"id": "a", "kind": "text->text", "text": "x", "relevant": [{"document": "report.pdf"}]}""";
    private const string AQuestion = """{"id": "ok", "question": "What?", "relevant": [{"document": "report.pdf", "page": 1}], "facts": ["x"], "answerable": true}""";

    private readonly string folder = Path.Combine(Path.GetTempPath(), "rag-eval-answers-tests", Guid.NewGuid().ToString("N"));

    public AnswersFileTests()
    {
        Directory.CreateDirectory(Path.Combine(folder, "documents", "scans"));
        File.WriteAllText(Path.Combine(folder, "documents", "report.pdf"), "%PDF-1.4");
        File.WriteAllText(Path.Combine(folder, "documents", "scans", "page.png"), "png");
        File.WriteAllLines(Path.Combine(folder, "queries.jsonl"), [AQuery]);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private Task<EvalDataset> LoadAsync(params string[] questions)
    {
        File.WriteAllLines(Path.Combine(folder, "answers.jsonl"), questions);
        return EvalDataset.LoadAsync(folder, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Questions_load_with_their_pages_facts_and_tags_and_are_optional()
    {
        var without = await EvalDataset.LoadAsync(folder, TestContext.Current.CancellationToken);
        var dataset = await LoadAsync(
            """{"id": "fees", "question": " What do moorings cost? ", "relevant": [{"document": "report.pdf", "page": 2}, {"document": "scans/page.png"}], "facts": [" 40 euros ", "April"], "answerable": true, "tags": ["table", " "]}""",
            string.Empty,
            """{"id": "moon", "question": "How far is the moon?", "answerable": false, "tags": ["unanswerable"]}""",
            """{"id": "sun", "question": "How hot is the sun?", "relevant": [], "facts": [], "answerable": false}""");

        Assert.Empty(without.Answers);
        Assert.Equal(3, dataset.Answers.Count);
        var fees = dataset.Answers[0];
        Assert.Equal("What do moorings cost?", fees.Question);
        Assert.Equal([new RelevantUnit("report.pdf", 2, null), new RelevantUnit("scans/page.png", null, null)], fees.Relevant);
        Assert.Equal(["40 euros", "April"], fees.Facts);
        Assert.True(fees.Answerable);
        Assert.Equal(["table"], fees.Tags);
        Assert.False(dataset.Answers[1].Answerable);
        Assert.Empty(dataset.Answers[1].Relevant);
    }

    [Theory]
    [InlineData("""{"id": "q", "question": "What?", "relevant": [{"document": "report.pdf", "page": 1}], "facts": ["x"]}""", "needs \"answerable\"")]
    [InlineData("""{"id": "q", "question": "What?", "relevant": [{"document": "report.pdf", "page": 1}], "answerable": true}""", "give the \"relevant\" pages")]
    [InlineData("""{"id": "q", "question": "What?", "facts": ["x"], "answerable": true}""", "give the \"relevant\" pages")]
    [InlineData("""{"id": "q", "question": "What?", "facts": ["x"], "answerable": false}""", "leave them out")]
    [InlineData("""{"id": "q", "question": "What?", "relevant": [{"document": "report.pdf", "page": 1}], "facts": ["x", " "], "answerable": true}""", "a fact is empty")]
    [InlineData("""{"id": "q", "question": " ", "answerable": false}""", "no \"question\"")]
    [InlineData("""{"question": "What?", "answerable": false}""", "no \"id\"")]
    [InlineData("""{"id": "q", "question": "What?", "relevant": [{"document": "missing.pdf"}], "facts": ["x"], "answerable": true}""", "not in documents/")]
    [InlineData("""{"id": "q", "question": "What?", "relevant": [{"document": "report.pdf", "page": 0}], "facts": ["x"], "answerable": true}""", "numbered from 1")]
    [InlineData("""{"id": "q", "question": "What?", "relevant": [{"document": "report.pdf", "modality": "text"}], "facts": ["x"], "answerable": true}""", "modality")]
    [InlineData("""{"id": "q", "question": "What?", "relevant": [{"document": "report.pdf"}, {"document": "report.pdf", "page": 2}], "facts": ["x"], "answerable": true}""", "overlap")]
    [InlineData("""{"id": "q", "question": "What?", "answerable": false, "fact": ["x"]}""", "fact")]
    [InlineData("""{"id": "q", "question": "What?", "answerable": "no"}""", "not a valid question")]
    [InlineData("""{"id": "ok", "question": "Again?", "answerable": false}""", "used twice")]
    public async Task A_wrong_question_is_refused_with_its_file_and_line(string line, string expected)
    {
        var message = (await Assert.ThrowsAsync<EvalDatasetException>(() => LoadAsync(AQuestion, line))).Message;

        Assert.Contains("answers.jsonl, line 2", message, StringComparison.Ordinal);
        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_answers_file_is_refused()
    {
        var message = (await Assert.ThrowsAsync<EvalDatasetException>(() => LoadAsync(string.Empty))).Message;

        Assert.Contains("holds no question", message, StringComparison.Ordinal);
    }
}
