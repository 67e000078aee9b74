using RagPlatform.Core.Documents;
using RagPlatform.Core.Ingestion;

namespace RagPlatform.Infrastructure.Tests.Storage;

/// <summary>What every <see cref="IDocumentStore"/> must do. A subclass per engine supplies the store.</summary>
public abstract class DocumentStoreScenarios
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>A store over this test's own, initially empty data; every call opens a new instance
    /// over the same data (as after a restart).</summary>
    protected abstract IDocumentStore OpenStore();

    /// <summary>The job queue over the same data: a store queues a new document's job itself.</summary>
    protected abstract IJobQueue OpenQueue();

    [Fact]
    public async Task An_added_document_is_queued_with_its_row_and_a_duplicate_queues_nothing_more()
    {
        var store = OpenStore();
        var document = await store.AddAsync(Samples.Document("first.pdf"), Token);
        var duplicate = await store.AddAsync(Samples.Document("again.pdf", sha256: document.Sha256), Token);
        var queue = OpenQueue();
        await using var disposeQueue = queue as IAsyncDisposable;

        Assert.Equal(document, duplicate);
        Assert.Equal(1, await queue.CountAsync(Token));
        Assert.Equal(document.Id, (await queue.ClaimNextAsync("worker-1", TimeSpan.FromMinutes(5), Token))?.DocumentId);
    }

    [Fact]
    public async Task Added_document_reads_back_equal_and_survives_a_restart()
    {
        var document = Samples.Document("Annual report 2024 – final (v2).pdf") with { Error = null };
        await OpenStore().AddAsync(document, Token);

        Assert.Equal(document, await OpenStore().GetAsync(document.Id, Token));
    }

    [Fact]
    public async Task Unknown_document_reads_as_null()
    {
        var store = OpenStore();
        await store.AddAsync(Samples.Document(), Token);

        Assert.Null(await store.GetAsync(Guid.NewGuid(), Token));
    }

    [Fact]
    public async Task Finding_by_sha256_returns_the_document_with_that_digest()
    {
        var store = OpenStore();
        var wanted = Samples.Document(sha256: new string('a', 64));
        await store.AddAsync(wanted, Token);
        await store.AddAsync(Samples.Document(sha256: new string('b', 64)), Token);

        Assert.Equal(wanted, await store.FindBySha256Async(CollectionName.Default, new string('a', 64), Token));
        Assert.Null(await store.FindBySha256Async(CollectionName.Default, new string('c', 64), Token));
    }

    [Fact]
    public async Task Listing_returns_newest_first_in_pages()
    {
        var store = OpenStore();
        var documents = Enumerable.Range(0, 5).Select(i => Samples.Document($"doc{i}.pdf", minutesAfterEpoch: i)).ToList();
        foreach (var document in documents.OrderBy(_ => Random.Shared.Next()))
        {
            await store.AddAsync(document, Token);
        }

        var newestFirst = documents.AsEnumerable().Reverse().ToList();
        Assert.Equal(newestFirst, await store.ListAsync(null, 0, 10, Token));
        Assert.Equal(newestFirst.Skip(1).Take(2), await store.ListAsync(null, 1, 2, Token));
        Assert.Empty(await store.ListAsync(null, 5, 10, Token));
    }

    [Fact]
    public async Task Update_writes_status_error_progress_and_item_count()
    {
        var store = OpenStore();
        var document = Samples.Document();
        await store.AddAsync(document, Token);
        var failed = document with
        {
            Status = DocumentStatus.Failed,
            Error = "The PDF is encrypted.",
            PagesTotal = 12,
            PagesDone = 3,
            ItemCount = 40,
            UpdatedAt = document.UpdatedAt.AddSeconds(30),
        };

        await store.UpdateAsync(failed, Token);

        Assert.Equal(failed, await OpenStore().GetAsync(document.Id, Token));
    }

    [Fact]
    public async Task Saved_page_and_items_read_back_equal()
    {
        var store = OpenStore();
        var document = Samples.Document();
        await store.AddAsync(document, Token);
        var page = Samples.Page(document.Id, 1);
        Item[] items =
        [
            Samples.TextItem(document.Id, 1, 0, "Quarterly revenue grew by 12 %"),
            Samples.ImageItem(document.Id, 1, 1),
            Samples.PageItem(document.Id, 1, 2),
        ];

        await store.SavePageAsync(page, items, Token);

        var reopened = OpenStore();
        Assert.Equal([page], await reopened.GetPagesAsync(document.Id, Token));
        Assert.Equal(items, await reopened.GetDocumentItemsAsync(document.Id, Token));
        Assert.Equal(items[1], await reopened.GetItemAsync(items[1].Id, Token));
        Assert.Null(await reopened.GetItemAsync(Guid.NewGuid(), Token));
    }

    [Fact]
    public async Task Items_of_another_page_are_refused_before_anything_is_written()
    {
        var store = OpenStore();
        var document = await store.AddAsync(Samples.Document(), Token);

        await Assert.ThrowsAsync<ArgumentException>(() => store.SavePageAsync(
            Samples.Page(document.Id, 1), [Samples.TextItem(document.Id, 2, 0, "wrong page")], Token));

        Assert.Empty(await store.GetPagesAsync(document.Id, Token));
    }

    [Fact]
    public async Task Saving_a_page_again_replaces_what_the_earlier_attempt_stored()
    {
        var store = OpenStore();
        var document = Samples.Document();
        await store.AddAsync(document, Token);
        var other = Samples.TextItem(document.Id, 2, 10, "page two stays");
        await store.SavePageAsync(Samples.Page(document.Id, 2), [other], Token);
        await store.SavePageAsync(Samples.Page(document.Id, 1), [Samples.TextItem(document.Id, 1, 0, "first try"), Samples.ImageItem(document.Id, 1, 1)], Token);

        var retry = Samples.TextItem(document.Id, 1, 0, "second try");
        var page = Samples.Page(document.Id, 1) with { HasTextLayer = false };
        await store.SavePageAsync(page, [retry], Token);

        Assert.Equal([page, Samples.Page(document.Id, 2)], await store.GetPagesAsync(document.Id, Token));
        Assert.Equal([retry, other], await store.GetDocumentItemsAsync(document.Id, Token));
    }

    [Fact]
    public async Task Deleting_a_document_removes_its_pages_and_items_and_nothing_else()
    {
        var store = OpenStore();
        var doomed = Samples.Document();
        var kept = Samples.Document();
        await store.AddAsync(doomed, Token);
        await store.AddAsync(kept, Token);
        var doomedItem = Samples.TextItem(doomed.Id, 1, 0, "bye");
        var keptItem = Samples.TextItem(kept.Id, 1, 0, "hi");
        await store.SavePageAsync(Samples.Page(doomed.Id, 1), [doomedItem], Token);
        await store.SavePageAsync(Samples.Page(kept.Id, 1), [keptItem], Token);

        Assert.True(await store.DeleteAsync(doomed.Id, Token));

        Assert.Null(await store.GetAsync(doomed.Id, Token));
        Assert.Empty(await store.GetPagesAsync(doomed.Id, Token));
        Assert.Empty(await store.GetDocumentItemsAsync(doomed.Id, Token));
        Assert.Null(await store.GetItemAsync(doomedItem.Id, Token));
        Assert.Equal([keptItem], await store.GetDocumentItemsAsync(kept.Id, Token));
        Assert.False(await store.DeleteAsync(doomed.Id, Token));
    }

    [Fact]
    public async Task Clearing_content_keeps_the_document_but_removes_its_pages_and_items()
    {
        var store = OpenStore();
        var document = Samples.Document();
        await store.AddAsync(document, Token);
        await store.SavePageAsync(Samples.Page(document.Id, 1), [Samples.TextItem(document.Id, 1, 0, "text")], Token);

        await store.ClearContentAsync(document.Id, Token);

        Assert.Equal(document, await store.GetAsync(document.Id, Token));
        Assert.Empty(await store.GetPagesAsync(document.Id, Token));
        Assert.Empty(await store.GetDocumentItemsAsync(document.Id, Token));
    }

    [Fact]
    public async Task Getting_items_by_id_returns_those_that_exist_among_many_ids()
    {
        var store = OpenStore();
        var document = Samples.Document();
        await store.AddAsync(document, Token);
        var items = Enumerable.Range(0, 30).Select(i => Samples.TextItem(document.Id, 1, i, $"chunk {i}")).ToList();
        await store.SavePageAsync(Samples.Page(document.Id, 1), items, Token);
        var wanted = items.Where((_, i) => i % 7 == 0).ToList();
        var ids = wanted.Select(item => item.Id).Concat(Enumerable.Range(0, 2000).Select(_ => Guid.NewGuid())).ToList();

        var found = await store.GetItemsAsync(ids, Token);

        Assert.Equal(wanted.OrderBy(item => item.Id), found.OrderBy(item => item.Id));
        Assert.Empty(await store.GetItemsAsync([], Token));
    }

    [Fact]
    public async Task Counts_group_documents_by_status_and_items_by_modality()
    {
        var store = OpenStore();
        var ready = Samples.Document(status: DocumentStatus.Ready);
        await store.AddAsync(ready, Token);
        await store.AddAsync(Samples.Document(status: DocumentStatus.Ready), Token);
        await store.AddAsync(Samples.Document(status: DocumentStatus.Failed), Token);
        await store.SavePageAsync(
            Samples.Page(ready.Id, 1),
            [Samples.TextItem(ready.Id, 1, 0, "a"), Samples.TextItem(ready.Id, 1, 1, "b"), Samples.ImageItem(ready.Id, 1, 2)],
            Token);

        var counts = await store.CountAsync(null, Token);

        Assert.Equal(2, counts.DocumentsByStatus[DocumentStatus.Ready]);
        Assert.Equal(1, counts.DocumentsByStatus[DocumentStatus.Failed]);
        Assert.Equal(0, counts.DocumentsByStatus.GetValueOrDefault(DocumentStatus.Processing));
        Assert.Equal(2, counts.ItemsByModality[Modality.Text]);
        Assert.Equal(1, counts.ItemsByModality[Modality.Image]);
        Assert.Equal(0, counts.ItemsByModality.GetValueOrDefault(Modality.Page));
    }

    [Fact]
    public async Task Concurrent_adds_of_the_same_content_store_one_document_and_return_it_to_every_caller()
    {
        var sha256 = new string('d', 64);
        var candidates = Enumerable.Range(0, 8).Select(n => Samples.Document($"copy-{n}.pdf", sha256: sha256)).ToList();

        var stored = await Task.WhenAll(candidates.Select(c => Task.Run(() => OpenStore().AddAsync(c, Token))));

        var winner = Assert.Single(stored.Select(d => d.Id).Distinct());
        Assert.Contains(candidates, c => c.Id == winner);
        Assert.Single(await OpenStore().ListAsync(null, 0, 100, Token));
    }

    [Fact]
    public async Task A_document_whose_deletion_began_is_invisible_takes_no_new_pages_and_frees_its_content()
    {
        var store = OpenStore();
        var document = await store.AddAsync(Samples.Document(), Token);

        Assert.True(await store.BeginDeletionAsync(document.Id, Token));
        await store.SavePageAsync(Samples.Page(document.Id, 1), [Samples.TextItem(document.Id, 1, 0, "late write")], Token);

        Assert.Null(await store.GetAsync(document.Id, Token));
        Assert.Empty(await store.GetPagesAsync(document.Id, Token));
        Assert.Empty(await store.GetDocumentItemsAsync(document.Id, Token));
        var again = Samples.Document(sha256: document.Sha256);
        Assert.Equal(again.Id, (await store.AddAsync(again, Token)).Id);
        Assert.True(await store.DeleteAsync(document.Id, Token));
        Assert.False(await store.BeginDeletionAsync(document.Id, Token));
    }

    [Fact]
    public async Task A_file_uploaded_again_after_its_document_was_deleted_is_a_new_document_that_is_queued_and_takes_pages()
    {
        // Ids are never reused, so the deleted document's tombstone fences nothing of the new one.
        var store = OpenStore();
        var deleted = await store.AddAsync(Samples.Document("report.pdf"), Token);
        Assert.True(await store.BeginDeletionAsync(deleted.Id, Token));
        Assert.True(await store.DeleteAsync(deleted.Id, Token));

        var again = await store.AddAsync(Samples.Document("report.pdf", sha256: deleted.Sha256), Token);
        var queue = OpenQueue();
        await using var disposeQueue = queue as IAsyncDisposable;

        Assert.NotEqual(deleted.Id, again.Id);
        Assert.Equal(again, await store.FindBySha256Async(CollectionName.Default, deleted.Sha256, Token));
        Assert.Equal(again.Id, (await queue.ClaimNextAsync("worker-1", TimeSpan.FromMinutes(5), Token))?.DocumentId);
        await store.SavePageAsync(Samples.Page(again.Id, 1), [Samples.TextItem(again.Id, 1, 0, "back again")], Token);
        Assert.Single(await store.GetPagesAsync(again.Id, Token));
        Assert.Null(await store.GetAsync(deleted.Id, Token));
    }
}
