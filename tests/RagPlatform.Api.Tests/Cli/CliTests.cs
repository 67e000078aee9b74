using RagPlatform.Api.Tests.Support;
using RagPlatform.Cli;
using Spectre.Console;

namespace RagPlatform.Api.Tests.Cli;

/// <summary>The `rag` command line against the real API host.</summary>
public sealed class CliTests : IAsyncLifetime
{
    private readonly PlatformFactory factory = new();
    private readonly string folder = Path.Combine(Path.GetTempPath(), "rag-cli-tests", Guid.NewGuid().ToString("N"));
    private readonly StringWriter output = new();

    public ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(folder);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await factory.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    private Task<int> RunAsync(params string[] args)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 200;
        return new RagCli(_ => factory.CreateClient(), console).RunAsync(args, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Ingest_uploads_a_folder_and_follows_each_document_until_ready()
    {
        await File.WriteAllBytesAsync(Path.Combine(folder, "report.pdf"), SamplePdfs.WithText("Mooring fees for the marina."), TestContext.Current.CancellationToken);
        await File.WriteAllBytesAsync(Path.Combine(folder, "chart.png"), SampleImages.BarChartPng(), TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(folder, "notes.xyz"), "not a document", TestContext.Current.CancellationToken);

        var exit = await RunAsync("ingest", folder);

        var text = output.ToString();
        Assert.Equal(0, exit);
        Assert.Contains("report.pdf", text, StringComparison.Ordinal);
        Assert.Contains("chart.png", text, StringComparison.Ordinal);
        Assert.DoesNotContain("notes.xyz", text, StringComparison.Ordinal);
        Assert.Equal(2, CountOccurrences(text, "ready"));
    }

    [Fact]
    public async Task Search_prints_the_hit_with_its_document_and_page()
    {
        var path = Path.Combine(folder, "marina.pdf");
        await File.WriteAllBytesAsync(path, SamplePdfs.WithText("Mooring fees for the marina."), TestContext.Current.CancellationToken);
        Assert.Equal(0, await RunAsync("ingest", path));
        output.GetStringBuilder().Clear();

        var exit = await RunAsync("search", "mooring fees", "--limit", "3");

        Assert.Equal(0, exit);
        Assert.Contains("marina.pdf", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("hybrid", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_by_image_finds_the_uploaded_image()
    {
        var path = Path.Combine(folder, "chart.png");
        await File.WriteAllBytesAsync(path, SampleImages.BarChartPng(), TestContext.Current.CancellationToken);
        Assert.Equal(0, await RunAsync("ingest", path));
        output.GetStringBuilder().Clear();

        var exit = await RunAsync("search", "--image", path, "--json");

        Assert.Equal(0, exit);
        Assert.Contains("\"documentName\":\"chart.png\"", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_reports_dense_search_ocr_re_ranking_and_counts()
    {
        var exit = await RunAsync("status");

        Assert.Equal(0, exit);
        Assert.Contains("Dense search: on", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("OCR: on", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("Re-ranking: off — Switched off (Reranking:ModelDirectory is empty)", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("Text space: off — Switched off (Embeddings:Text:ModelDirectory is empty)", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("ingestion queue", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_an_unknown_document_is_a_usage_error_that_says_how_to_name_one()
    {
        var exit = await RunAsync("delete", Guid.NewGuid().ToString());

        Assert.Equal(2, exit);
        Assert.Contains("No document matches", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_document_is_named_by_its_file_name_or_a_unique_start_of_its_id()
    {
        var marina = await IngestAsync("marina.pdf", "Mooring fees for the marina.");
        var harbour = await IngestAsync("harbour.pdf", "Harbour dues for the pier.");

        Assert.Equal(0, await RunAsync("delete", "marina.pdf"));
        Assert.Equal(0, await RunAsync("delete", harbour.ToString("N")[..6]));

        Assert.Contains($"Deleted marina.pdf ({marina.ToString("N")[..8]})", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("Deleted harbour.pdf", output.ToString(), StringComparison.Ordinal);
        using var listed = await factory.CreateClient().GetAsync("/api/documents", TestContext.Current.CancellationToken);
        Assert.DoesNotContain("marina.pdf", await listed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_shows_short_ids_in_a_table_and_full_ids_as_json()
    {
        var id = await IngestAsync("marina.pdf", "Mooring fees for the marina.");
        output.GetStringBuilder().Clear();

        Assert.Equal(0, await RunAsync("list"));
        var table = output.ToString();
        output.GetStringBuilder().Clear();
        Assert.Equal(0, await RunAsync("list", "--json"));

        Assert.Contains(id.ToString("N")[..8], table, StringComparison.Ordinal);
        Assert.DoesNotContain(id.ToString(), table, StringComparison.Ordinal);
        var json = System.Text.Json.JsonDocument.Parse(output.ToString()).RootElement;
        Assert.Equal(id, json[0].GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Reindex_follows_the_document_until_it_is_ready_again()
    {
        await IngestAsync("marina.pdf", "Mooring fees for the marina.");
        output.GetStringBuilder().Clear();

        var exit = await RunAsync("reindex", "marina.pdf");

        Assert.Equal(0, exit);
        Assert.Contains("Queued marina.pdf", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, CountOccurrences(output.ToString(), "ready"));
    }

    private async Task<Guid> IngestAsync(string name, string text)
    {
        var client = new PlatformClient(factory.CreateClient());
        return (await client.IngestAsync(SamplePdfs.WithText(text), name)).Document.Id;
    }

    [Fact]
    public async Task An_unreachable_server_exits_with_code_3_and_says_how_to_start_it()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, Interactive = InteractionSupport.No, Out = new AnsiConsoleOutput(output) });
        console.Profile.Width = 300;
        var cli = new RagCli(server => new HttpClient { BaseAddress = server }, console);

        var exit = await cli.RunAsync(["status", "--server", "http://127.0.0.1:9"], TestContext.Current.CancellationToken);

        Assert.Equal(3, exit);
        Assert.Contains("Cannot reach RagPlatform", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingesting_a_path_that_does_not_exist_is_a_usage_error()
    {
        var exit = await RunAsync("ingest", Path.Combine(folder, "missing.pdf"));

        Assert.Equal(2, exit);
        Assert.Contains("Not found", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_replace_swaps_a_changed_file_keeping_its_id_and_replace_id_takes_a_name()
    {
        var id = await IngestAsync("notice.pdf", "The quay closes at noon.");
        var path = Path.Combine(folder, "notice.pdf");
        await File.WriteAllBytesAsync(path, SamplePdfs.WithText("The quay closes at dusk."), TestContext.Current.CancellationToken);

        Assert.Equal(0, await RunAsync("ingest", "--replace", path));
        Assert.Contains($"Replaced notice.pdf → {id.ToString("N")[..8]}", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, await RunAsync("ingest", "--replace-id", "notice.pdf", path));
        Assert.Contains("Unchanged notice.pdf", output.ToString(), StringComparison.Ordinal);

        var client = new PlatformClient(factory.CreateClient());
        Assert.Contains((await client.SearchTextAsync("dusk")).Hits, h => h.DocumentId == id);
        Assert.Empty((await client.SearchTextAsync("noon", "&mode=lexical")).Hits);
        Assert.Equal(2, await RunAsync("ingest", "--replace-id", "no-such.pdf", path));
    }

    [Fact]
    public async Task Ingest_prints_each_file_s_outcome_and_exits_non_zero_when_one_was_refused()
    {
        await File.WriteAllBytesAsync(Path.Combine(folder, "good.pdf"), SamplePdfs.WithText("Berth allocations."), TestContext.Current.CancellationToken);
        await File.WriteAllBytesAsync(Path.Combine(folder, "bad.pdf"), [0x00, 0x01, 0x02, 0x03], TestContext.Current.CancellationToken);

        var exit = await RunAsync("ingest", "--no-wait", Path.Combine(folder, "good.pdf"), Path.Combine(folder, "bad.pdf"));

        Assert.Equal(1, exit);
        Assert.Contains("Uploaded good.pdf", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("Refused bad.pdf: 'bad.pdf' is not a supported file type", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("1 of 2 files refused", output.ToString(), StringComparison.Ordinal);
    }

    private static int CountOccurrences(string text, string word) =>
        text.Split([' ', '\n', '│', '|'], StringSplitOptions.RemoveEmptyEntries).Count(t => t == word);
}
