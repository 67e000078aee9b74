using RagPlatform.Core.Answering;

namespace RagPlatform.Core.Documents;

/// <summary>Deletes a collection: every document in it through <see cref="DocumentDeletion"/> (fenced,
/// its ingestion cancelled, every store and folder emptied), then its conversations.</summary>
public sealed class CollectionDeletion(IDocumentStore store, DocumentDeletion documents, IConversationStore conversations)
{
    /// <summary>Rounds of listing and deleting: an upload that lands while a round runs is taken by
    /// the next one; uploads that keep arriving faster than deletes are not chased for ever.</summary>
    private const int MaxRounds = 5;

    /// <param name="collection">A valid collection name.</param>
    public async Task<CollectionDeletionOutcome> DeleteAsync(string collection, CancellationToken cancellationToken)
    {
        var deleted = 0;
        for (var round = 0; round < MaxRounds; round++)
        {
            var ids = await store.ListIdsAsync(collection, cancellationToken);
            if (ids.Count == 0)
            {
                break;
            }

            foreach (var id in ids)
            {
                // False when a concurrent delete of the same document got there first: gone either way.
                if (await documents.DeleteAsync(id, cancellationToken))
                {
                    deleted++;
                }
            }
        }

        var removedConversations = await conversations.DeleteCollectionAsync(collection, cancellationToken);
        return new CollectionDeletionOutcome(deleted, removedConversations);
    }
}
