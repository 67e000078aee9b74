using System.Security.Cryptography;
using System.Text;
using RagPlatform.Cli.Eval;

namespace RagPlatform.Api.Tests.Eval;

/// <summary>documents.sha256 pins the corpus a dataset was judged on: a file that differs, is missing
/// or is not pinned is refused with a message that says which and why.</summary>
public sealed class DocumentHashesTests : IDisposable
{
    private const string Query = """{"id": "a", "kind": "text->text", "text": "fees", "relevant": [{"document": "report.pdf", "page": 2}]}""";

    private readonly string folder = Path.Combine(Path.GetTempPath(), "rag-eval-hashes-tests", Guid.NewGuid().ToString("N"));

    public DocumentHashesTests()
    {
        Directory.CreateDirectory(Path.Combine(folder, "documents"));
        File.WriteAllText(Path.Combine(folder, "documents", "report.pdf"), "%PDF-1.4 judged edition");
        File.WriteAllText(Path.Combine(folder, "queries.jsonl"), Query);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private Task<EvalDataset> LoadAsync(params string[] pinLines)
    {
        File.WriteAllLines(Path.Combine(folder, "documents.sha256"), pinLines);
        return EvalDataset.LoadAsync(folder, TestContext.Current.CancellationToken);
    }

    private async Task<string> RefusalAsync(params string[] pinLines) =>
        (await Assert.ThrowsAsync<EvalDatasetException>(() => LoadAsync(pinLines))).Message;

    [Fact]
    public async Task A_corpus_that_matches_its_pins_loads()
    {
        var dataset = await LoadAsync("# comment", $"{Sha256("%PDF-1.4 judged edition")}  report.pdf");

        Assert.Single(dataset.Queries);
    }

    [Fact]
    public async Task Another_edition_of_a_file_is_refused_because_its_pages_may_have_moved()
    {
        var message = await RefusalAsync($"{Sha256("%PDF-1.4 older edition")} *report.pdf");

        Assert.Contains("documents/report.pdf has SHA-256 " + Sha256("%PDF-1.4 judged edition"), message, StringComparison.Ordinal);
        Assert.Contains("page numbers may not hold", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_without_a_pin_and_a_pin_without_a_file_are_refused()
    {
        Assert.Contains("pins no hash for documents/report.pdf", await RefusalAsync($"{Sha256("x")}  other.pdf"), StringComparison.Ordinal);
        var message = await RefusalAsync($"{Sha256("%PDF-1.4 judged edition")}  report.pdf", $"{Sha256("x")}  manual.pdf");
        Assert.Contains("manual.pdf, which is not in documents/", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_link_to_a_file_that_is_not_installed_names_its_target()
    {
        var target = Path.Combine(folder, "not-installed", "manual.pdf");
        File.CreateSymbolicLink(Path.Combine(folder, "documents", "manual.pdf"), target);

        var message = await RefusalAsync($"{Sha256("%PDF-1.4 judged edition")}  report.pdf", $"{Sha256("x")}  manual.pdf");

        Assert.Contains($"documents/manual.pdf is a link to {target}, which does not exist", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_line_that_is_not_a_hash_is_refused_with_its_number()
    {
        Assert.Contains("documents.sha256, line 2", await RefusalAsync("# pins", "not-a-hash report.pdf"), StringComparison.Ordinal);
    }
}
