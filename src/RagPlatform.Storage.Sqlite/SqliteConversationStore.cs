using Microsoft.Data.Sqlite;
using RagPlatform.Core.Answering;

namespace RagPlatform.Storage.Sqlite;

/// <summary>Conversations and their turns in the embedded SQLite database; each turn's answer is one
/// JSON document.</summary>
internal sealed class SqliteConversationStore(SqliteDatabase database) : IConversationStore
{
    private const string ConversationColumns =
        "c.id, c.title, c.created_at, c.updated_at, (SELECT count(*) FROM conversation_turns t WHERE t.conversation_id = c.id), c.collection";

    public async Task CreateAsync(Conversation conversation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand(null,
            "INSERT OR IGNORE INTO conversations (id, title, created_at, updated_at, collection) VALUES (@id, @title, @created_at, @updated_at, @collection)")
            .With("@id", conversation.Id)
            .With("@title", conversation.Title)
            .With("@created_at", conversation.CreatedAt.ToTicks())
            .With("@updated_at", conversation.UpdatedAt.ToTicks())
            .With("@collection", conversation.Collection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<Conversation?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        var found = await QueryAsync($"SELECT {ConversationColumns} FROM conversations c WHERE c.id = @id", cmd => cmd.With("@id", id), cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    public Task<IReadOnlyList<Conversation>> ListAsync(string collection, int skip, int take, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfNegative(take);
        return QueryAsync(
            $"SELECT {ConversationColumns} FROM conversations c WHERE c.collection = @collection ORDER BY c.updated_at DESC, c.rowid DESC LIMIT @take OFFSET @skip",
            cmd => cmd.With("@collection", collection).With("@take", take).With("@skip", skip),
            cancellationToken);
    }

    public async Task<IReadOnlyList<ConversationTurn>> GetTurnsAsync(Guid conversationId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand(null,
            "SELECT id, conversation_id, question, answer_json, created_at FROM conversation_turns WHERE conversation_id = @id ORDER BY created_at, rowid")
            .With("@id", conversationId);
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
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction();
        await using (var insert = connection.CreateCommand(transaction,
            "INSERT INTO conversation_turns (id, conversation_id, question, answer_json, created_at) VALUES (@id, @conversation, @question, @answer, @created_at)"))
        {
            await insert.With("@id", turn.Id)
                .With("@conversation", turn.ConversationId)
                .With("@question", turn.Question)
                .With("@answer", StoredAnswer.Write(turn.Answer))
                .With("@created_at", turn.CreatedAt.ToTicks())
                .ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var touch = connection.CreateCommand(transaction, "UPDATE conversations SET updated_at = max(updated_at, @at) WHERE id = @id"))
        {
            await touch.With("@id", turn.ConversationId).With("@at", turn.CreatedAt.ToTicks()).ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction();
        await using (var turns = connection.CreateCommand(transaction, "DELETE FROM conversation_turns WHERE conversation_id = @id"))
        {
            await turns.With("@id", id).ExecuteNonQueryAsync(cancellationToken);
        }

        int deleted;
        await using (var conversation = connection.CreateCommand(transaction, "DELETE FROM conversations WHERE id = @id"))
        {
            deleted = await conversation.With("@id", id).ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return deleted > 0;
    }

    public async Task<int> DeleteCollectionAsync(string collection, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction();
        await using var command = connection.CreateCommand(transaction, """
            DELETE FROM conversation_turns WHERE conversation_id IN (SELECT id FROM conversations WHERE collection = @collection);
            DELETE FROM conversations WHERE collection = @collection;
            SELECT changes();
            """).With("@collection", collection);
        var deleted = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }

    private async Task<IReadOnlyList<Conversation>> QueryAsync(string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand(null, sql);
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
