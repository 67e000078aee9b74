using RagPlatform.Core.Answering;
using RagPlatform.Storage.Postgres;
using RagPlatform.TestServers.Postgres;

namespace RagPlatform.Infrastructure.Tests.Postgres;

public sealed class PostgresConversationStoreTests(PostgresServer server) : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 5, 4, 10, 0, 0, TimeSpan.Zero);

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

    private PostgresConversationStore OpenStore() => new(_database!.OpenDataSource());

    [Fact]
    public async Task Turns_read_back_in_order_with_their_answers_and_touch_the_conversation()
    {
        var store = OpenStore();
        var conversation = new Conversation(Guid.NewGuid(), "What is BM25?", Start, Start, 0, "manuals");
        await store.CreateAsync(conversation, Token);
        await store.CreateAsync(conversation with { Title = "ignored: it exists" }, Token);
        var first = Turn(conversation.Id, "What is BM25?", "A ranking function [1].", Start.AddSeconds(5));
        var second = Turn(conversation.Id, "And k1?", "It bounds term frequency \0 [1].", Start.AddSeconds(9));

        await store.AddTurnAsync(first, Token);
        await store.AddTurnAsync(second, Token);

        var reopened = OpenStore();
        Assert.Equal(conversation with { UpdatedAt = second.CreatedAt, TurnCount = 2 }, await reopened.GetAsync(conversation.Id, Token));
        var turns = await reopened.GetTurnsAsync(conversation.Id, Token);
        Assert.Equal([first.Id, second.Id], turns.Select(t => t.Id));
        Assert.Equal(second.Answer.Text, turns[1].Answer.Text);
        Assert.Equal(AnswerMode.Extractive, turns[1].Answer.Mode);
        Assert.Equal(second.CreatedAt, turns[1].CreatedAt);
    }

    [Fact]
    public async Task Listing_is_newest_activity_first_per_collection_and_deleting_takes_the_turns()
    {
        var store = OpenStore();
        var older = new Conversation(Guid.NewGuid(), "older", Start, Start, 0, "manuals");
        var newer = new Conversation(Guid.NewGuid(), "newer", Start.AddMinutes(1), Start.AddMinutes(1), 0, "manuals");
        var elsewhere = new Conversation(Guid.NewGuid(), "elsewhere", Start, Start, 0, "memos");
        foreach (var conversation in new[] { older, newer, elsewhere })
        {
            await store.CreateAsync(conversation, Token);
        }

        await store.AddTurnAsync(Turn(older.Id, "q", "a", Start.AddMinutes(2)), Token);

        Assert.Equal([older.Id, newer.Id], (await store.ListAsync("manuals", 0, 10, Token)).Select(c => c.Id));
        Assert.Equal([newer.Id], (await store.ListAsync("manuals", 1, 10, Token)).Select(c => c.Id));
        Assert.True(await store.DeleteAsync(older.Id, Token));
        Assert.False(await store.DeleteAsync(older.Id, Token));
        Assert.Empty(await store.GetTurnsAsync(older.Id, Token));
        Assert.Equal(1, await store.DeleteCollectionAsync("manuals", Token));
        Assert.Equal(elsewhere.Id, Assert.Single(await store.ListAsync("memos", 0, 10, Token)).Id);
    }

    private static ConversationTurn Turn(Guid conversationId, string question, string answer, DateTimeOffset at) =>
        new(Guid.NewGuid(), conversationId, question,
            new Answer(question, question, AnswerMode.Extractive, null, answer, false, null, [], [], [1], [], [], [], [], null),
            at);
}
