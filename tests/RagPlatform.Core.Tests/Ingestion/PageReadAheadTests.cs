using RagPlatform.Core.Documents;
using RagPlatform.Core.Ingestion;

namespace RagPlatform.Core.Tests.Ingestion;

public sealed class PageReadAheadTests
{
    [Fact]
    public async Task The_next_page_is_read_while_the_current_one_is_in_hand_and_read_only_once()
    {
        var document = new ScriptedDocument();
        await using var pages = new PageReadAhead(document);

        var first = pages.ReadAsync(1, TestContext.Current.CancellationToken);
        document.Finish(1);
        Assert.Equal(1, (await first).Number);

        pages.Start(2, TestContext.Current.CancellationToken);
        Assert.Equal([1, 2], document.Requested);

        var second = pages.ReadAsync(2, TestContext.Current.CancellationToken);
        document.Finish(2);
        Assert.Equal(2, (await second).Number);
        Assert.Equal([1, 2], document.Requested);
    }

    [Fact]
    public async Task A_page_read_ahead_and_not_taken_is_waited_for_before_the_document_closes_whatever_it_throws()
    {
        var document = new ScriptedDocument();
        var pages = new PageReadAhead(document);
        pages.Start(7, TestContext.Current.CancellationToken);

        var disposing = pages.DisposeAsync().AsTask();
        Assert.False(disposing.IsCompleted);

        document.Fail(7, new DocumentRejectedException("page 7 is unreadable"));
        await disposing;
        Assert.Equal([7], document.Requested);
    }

    [Fact]
    public async Task A_page_that_cannot_be_read_ahead_throws_when_it_is_taken()
    {
        var document = new ScriptedDocument();
        await using var pages = new PageReadAhead(document);
        pages.Start(3, TestContext.Current.CancellationToken);
        document.Fail(3, new DocumentRejectedException("page 3 is unreadable"));

        await Assert.ThrowsAsync<DocumentRejectedException>(() => pages.ReadAsync(3, TestContext.Current.CancellationToken));
    }

    /// <summary>A document whose pages complete when the test says so, recording what was asked.</summary>
    private sealed class ScriptedDocument : IExtractedDocument
    {
        private readonly Dictionary<int, TaskCompletionSource<ExtractedPage>> _pages = [];

        public List<int> Requested { get; } = [];

        public int PageCount => 10;

        public Task<ExtractedPage> ExtractPageAsync(int pageNumber, CancellationToken cancellationToken)
        {
            Requested.Add(pageNumber);
            return Page(pageNumber).Task;
        }

        public void Finish(int pageNumber) =>
            Page(pageNumber).SetResult(new ExtractedPage(pageNumber, 612, 792, [], [], new EncodedImage(ReadOnlyMemory<byte>.Empty, "image/png", 1, 1)));

        public void Fail(int pageNumber, Exception exception) => Page(pageNumber).SetException(exception);

        public void Dispose()
        {
        }

        private TaskCompletionSource<ExtractedPage> Page(int pageNumber) =>
            _pages.TryGetValue(pageNumber, out var page) ? page : _pages[pageNumber] = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
