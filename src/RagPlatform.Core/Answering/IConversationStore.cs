namespace RagPlatform.Core.Answering;

/// <summary>Conversations and their turns, in the metadata store.</summary>
public interface IConversationStore
{
    /// <summary>Creates the conversation if it does not exist yet.</summary>
    Task CreateAsync(Conversation conversation, CancellationToken cancellationToken);

    Task<Conversation?> GetAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Newest activity first, of one collection.</summary>
    Task<IReadOnlyList<Conversation>> ListAsync(string collection, int skip, int take, CancellationToken cancellationToken);

    /// <summary>Oldest first.</summary>
    Task<IReadOnlyList<ConversationTurn>> GetTurnsAsync(Guid conversationId, CancellationToken cancellationToken);

    /// <summary>Appends a turn and touches the conversation's UpdatedAt.</summary>
    Task AddTurnAsync(ConversationTurn turn, CancellationToken cancellationToken);

    /// <summary>False when it did not exist.</summary>
    Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Deletes every conversation of the collection with its turns; returns how many.</summary>
    Task<int> DeleteCollectionAsync(string collection, CancellationToken cancellationToken);
}
