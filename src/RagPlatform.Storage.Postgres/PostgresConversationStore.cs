using Npgsql;
using NpgsqlTypes;
using RagPlatform.Core.Answering;

namespace RagPlatform.Storage.Postgres;

/// <summary>Conversations and their turns on PostgreSQL; each turn's answer is one JSON document,
/// written as the SQLite store writes it.</summary>
internal sealed class PostgresConversationStore(NpgsqlDataSource dataSource) : IConversationStore
{
    private const string ConversationColumns =
        "c.id, c.title, c.created_at, c.updated_at, (SELECT count(*)::integer FROM conversation_turns AS t WHERE t.conversation_id = c.id), c.collection";

    public async Task CreateAsync(Conversation conversation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand("""
            INSERT INTO conversations (id, title, created_at, updated_at, collection) VALUES (@id, @title, @created_at, @updated_at, @collection)
            ON CONFLICT (id) DO NOTHING
            """)
            .With("id", conversation.Id)
            .With("title", NpgsqlCommandExtensions.StorableText(conversation.Title)!)
            .WithInstant("created_at", conversation.CreatedAt)
            .WithInstant("updated_at", conversation.UpdatedAt)
            .With("collection", conversation.Collection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<Conversation?> GetAsync(Guid id, CancellationToken cancellationToken) =>
        (await QueryAsync($"SELECT {ConversationColumns} FROM conversations AS c WHERE c.id = @id", cmd => cmd.With("id", id), cancellationToken)) is [var first, ..] ? first : null;

    public Task<IReadOnlyList<Conversation>> ListAsync(string collection, int skip, int take, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfNegative(take);
        return QueryAsync(
            $"SELECT {ConversationColumns} FROM conversations AS c WHERE c.collection = @collection ORDER BY c.updated_at DESC, c.seq DESC LIMIT @take OFFSET @skip",
            cmd => cmd.With("collection", collection).With("take", take).With("skip", skip),
            cancellationToken);
    }

    public async Task<IReadOnlyList<ConversationTurn>> GetTurnsAsync(Guid conversationId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand(
            "SELECT id, conversation_id, question, answer_json::text, created_at FROM conversation_turns WHERE conversation_id = @id ORDER BY created_at, seq")
            .With("id", conversationId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var turns = new List<ConversationTurn>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var answer = StoredAnswer.Read(reader.GetString(3), reader.GetGuid(0));
            turns.Add(new ConversationTurn(reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), answer, reader.GetInstant(4)));
        }

        return turns;
    }

    public async Task AddTurnAsync(ConversationTurn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand("""
            INSERT INTO conversation_turns (id, conversation_id, question, answer_json, created_at) VALUES (@id, @conversation, @question, @answer, @created_at);
            UPDATE conversations SET updated_at = GREATEST(updated_at, @created_at) WHERE id = @conversation;
            """, transaction)
            .With("id", turn.Id)
            .With("conversation", turn.ConversationId)
            .With("question", NpgsqlCommandExtensions.StorableText(turn.Question)!)
            .WithNullable("answer", StoredAnswer.Write(turn.Answer), NpgsqlDbType.Json)
            .WithInstant("created_at", turn.CreatedAt);
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        // The turns go with it (ON DELETE CASCADE).
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand("DELETE FROM conversations WHERE id = @id").With("id", id);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public async Task<int> DeleteCollectionAsync(string collection, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand("DELETE FROM conversations WHERE collection = @collection").With("collection", collection);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<Conversation>> QueryAsync(string sql, Action<NpgsqlCommand> bind, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand(sql);
        bind(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var conversations = new List<Conversation>();
        while (await reader.ReadAsync(cancellationToken))
        {
            conversations.Add(new Conversation(reader.GetGuid(0), reader.GetString(1), reader.GetInstant(2), reader.GetInstant(3), reader.GetInt32(4), reader.GetString(5)));
        }

        return conversations;
    }
}
