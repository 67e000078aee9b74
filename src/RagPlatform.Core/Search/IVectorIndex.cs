namespace RagPlatform.Core.Search;

/// <summary>Stores item embeddings and finds the nearest ones. One implementation per engine; all
/// pass the same scenario suite.</summary>
public interface IVectorIndex
{
    /// <summary>Inserts or replaces by item id. All vectors of an index have the same length.</summary>
    Task UpsertAsync(IReadOnlyList<VectorRecord> records, CancellationToken cancellationToken);

    /// <summary>The <paramref name="limit"/> most similar vectors, best first.</summary>
    Task<IReadOnlyList<VectorHit>> SearchAsync(ReadOnlyMemory<float> query, int limit, SearchFilter filter, CancellationToken cancellationToken);

    Task DeleteDocumentAsync(Guid documentId, CancellationToken cancellationToken);

    /// <summary>The vectors of every collection together.</summary>
    Task<long> CountAsync(CancellationToken cancellationToken);

    /// <summary>The vectors of one collection's documents: those a search filtered to it
    /// (<see cref="SearchFilter.In"/>) can find.</summary>
    Task<long> CountAsync(string collection, CancellationToken cancellationToken);

    /// <summary>At most <paramref name="count"/> stored vectors spread evenly over the index (all of
    /// them when it holds fewer), for estimating score statistics
    /// (<see cref="CollectionDenseScoreCalibrator"/>). The same contents give the same sample.</summary>
    Task<IReadOnlyList<VectorRecord>> SampleAsync(int count, CancellationToken cancellationToken);

    /// <summary>As <see cref="SampleAsync(int, CancellationToken)"/>, over one collection's vectors only.</summary>
    Task<IReadOnlyList<VectorRecord>> SampleAsync(int count, string collection, CancellationToken cancellationToken);
}
