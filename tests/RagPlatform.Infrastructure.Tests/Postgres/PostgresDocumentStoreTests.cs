using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Ingestion;
using RagPlatform.Infrastructure.Tests.Storage;
using RagPlatform.Storage.Postgres;
using RagPlatform.TestServers.Postgres;

namespace RagPlatform.Infrastructure.Tests.Postgres;

public sealed class PostgresDocumentStoreTests(PostgresServer server) : DocumentStoreScenarios, IAsyncLifetime
{
    private TestDatabase? _database;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _database = await server.CreateDatabaseAsync(Token);

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    protected override IDocumentStore OpenStore() => new PostgresDocumentStore(_database!.OpenDataSource());

    protected override IJobQueue OpenQueue() => new PostgresJobQueue(_database!.OpenDataSource(), TimeProvider.System, NullLogger<PostgresJobQueue>.Instance);

    [Fact]
    public async Task A_page_written_after_the_document_row_is_gone_is_ignored_not_refused()
    {
        var store = OpenStore();
        var document = await store.AddAsync(Samples.Document(), Token);
        Assert.True(await store.BeginDeletionAsync(document.Id, Token));
        Assert.True(await store.DeleteAsync(document.Id, Token));

        // No foreign-key error: the fence skips the rows of a deleted document before the key is checked.
        await store.SavePageAsync(Samples.Page(document.Id, 1), [Samples.TextItem(document.Id, 1, 0, "late")], Token);

        Assert.Empty(await store.GetPagesAsync(document.Id, Token));
    }

    [Fact]
    public async Task A_page_write_that_meets_a_deletion_under_way_waits_for_it_and_is_then_ignored()
    {
        var store = OpenStore();
        var document = await store.AddAsync(Samples.Document(), Token);

        // A deletion in another process, between its first statements and its commit.
        await using var deleter = await _database!.OpenDataSource().OpenConnectionAsync(Token);
        await using var deletion = await deleter.BeginTransactionAsync(Token);
        await using (var fence = new NpgsqlCommand("""
            SELECT 1 FROM documents WHERE id = @document FOR UPDATE;
            INSERT INTO document_tombstones (document_id, deleted_at) VALUES (@document, now());
            UPDATE documents SET content_key = NULL WHERE id = @document;
            """, deleter, deletion))
        {
            fence.Parameters.AddWithValue("document", document.Id);
            await fence.ExecuteNonQueryAsync(Token);
        }

        var write = store.SavePageAsync(Samples.Page(document.Id, 1), [Samples.TextItem(document.Id, 1, 0, "in flight")], Token);
        await WaitUntilABackendWaitsForALockAsync();
        await deletion.CommitAsync(Token);
        await write.WaitAsync(TimeSpan.FromMinutes(1), Token);

        Assert.Empty(await store.GetPagesAsync(document.Id, Token));
        Assert.Empty(await store.GetDocumentItemsAsync(document.Id, Token));
    }

    [Fact]
    public async Task Text_with_a_nul_character_is_stored_with_a_replacement_character()
    {
        var store = OpenStore();
        var document = await store.AddAsync(Samples.Document(), Token);
        var item = Samples.TextItem(document.Id, 1, 0, "glyph\0without mapping");

        await store.SavePageAsync(Samples.Page(document.Id, 1), [item], Token);

        Assert.Equal("glyph\uFFFDwithout mapping", Assert.Single(await store.GetDocumentItemsAsync(document.Id, Token)).Text);
    }

    [Fact]
    public async Task Swapping_content_replaces_the_file_removes_the_job_and_refuses_content_another_document_holds()
    {
        var store = OpenStore();
        await using var queue = new PostgresJobQueue(_database!.OpenDataSource(), TimeProvider.System, NullLogger<PostgresJobQueue>.Instance);
        var document = await store.AddAsync(Samples.Document("v1.pdf"), Token);
        var other = await store.AddAsync(Samples.Document("other.pdf"), Token);
        // Each add queued its document's job: the first claim takes the first document.
        var running = (await queue.ClaimNextAsync("worker-1", TimeSpan.FromMinutes(5), Token))!;
        var replacement = Samples.Document("v2.pdf") with { Id = document.Id, CreatedAt = document.CreatedAt };

        var swap = await store.SwapContentAsync(replacement, document.Sha256, Token);

        Assert.Equal(ContentSwapOutcome.Swapped, swap.Outcome);
        Assert.NotNull(swap.RunningLeaseExpiresAt);
        Assert.Equal(replacement, await store.GetAsync(document.Id, Token));
        Assert.Null(await store.FindBySha256Async(CollectionName.Default, document.Sha256, Token));
        Assert.False(await queue.RenewLeaseAsync(running, TimeSpan.FromMinutes(5), Token));
        Assert.Equal(ContentSwapOutcome.Changed, (await store.SwapContentAsync(replacement, document.Sha256, Token)).Outcome);
        var taken = await store.SwapContentAsync(replacement with { Sha256 = other.Sha256 }, replacement.Sha256, Token);
        Assert.Equal((ContentSwapOutcome.ContentTaken, other.Id), (taken.Outcome, taken.Holder?.Id));
        Assert.Equal(ContentSwapOutcome.NotFound, (await store.SwapContentAsync(replacement with { Id = Guid.NewGuid() }, replacement.Sha256, Token)).Outcome);
    }

    [Fact]
    public async Task An_update_of_a_run_of_the_old_content_changes_nothing()
    {
        var store = OpenStore();
        var document = await store.AddAsync(Samples.Document(), Token);
        var replacement = Samples.Document() with { Id = document.Id, CreatedAt = document.CreatedAt };
        await store.SwapContentAsync(replacement, document.Sha256, Token);

        await store.UpdateAsync(document with { Status = DocumentStatus.Failed, Error = "old run" }, Token);

        Assert.Equal(replacement, await store.GetAsync(document.Id, Token));
    }

    private async Task WaitUntilABackendWaitsForALockAsync()
    {
        await using var probe = _database!.OpenDataSource().CreateCommand(
            "SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock')");
        var deadline = DateTimeOffset.UtcNow.AddMinutes(1);
        while (!(bool)(await probe.ExecuteScalarAsync(Token))!)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "The page write never waited for the deletion's lock.");
            await Task.Delay(20, Token);
        }
    }

    [Fact]
    public async Task Collections_and_counts_see_only_live_documents_of_their_collection()
    {
        var store = OpenStore();
        await store.AddAsync(Samples.Document(collection: "manuals"), Token);
        await store.AddAsync(Samples.Document(collection: "manuals"), Token);
        var doomed = await store.AddAsync(Samples.Document(collection: "Zeta"), Token);
        var kept = await store.AddAsync(Samples.Document(collection: "archive"), Token);
        await store.BeginDeletionAsync(doomed.Id, Token);

        Assert.Equal([new CollectionSummary("archive", 1), new CollectionSummary("manuals", 2)], await store.ListCollectionsAsync(Token));
        Assert.Equal(2, (await store.CountAsync("manuals", Token)).DocumentsByStatus[DocumentStatus.Queued]);
        Assert.Equal([kept.Id], await store.ListIdsAsync("archive", Token));
        Assert.Equal(kept.Id, (await store.FindNewestByFileNameAsync("archive", kept.FileName, Token))?.Id);
        Assert.Empty(await store.ListAsync("Zeta", 0, 10, Token));
    }
}
