namespace RagPlatform.Benchmarks.Vectors;

/// <summary>SEAM of the `vectors` suite: one search engine under test. A new instance is created
/// for every data-set size. To measure the platform's index, wrap it in
/// <see cref="VectorIndexSearchTarget"/> and list it in <see cref="VectorSearchTargets"/>.</summary>
internal interface IVectorSearchTarget : IAsyncDisposable
{
    string Name { get; }

    /// <summary>Takes in the whole data set (timed as the load time). It may keep a reference to
    /// <paramref name="vectors"/>, which stays unchanged while the target lives.</summary>
    Task LoadAsync(VectorSet vectors, CancellationToken cancellationToken);

    /// <summary>Of the load, the seconds spent inserting; null where a load is no insert (a scan
    /// that keeps a reference).</summary>
    double? InsertSeconds => null;

    /// <summary>Of the load, the seconds a new instance took to open the persisted data (a
    /// restart); null where nothing is persisted.</summary>
    double? ReloadSeconds => null;

    /// <summary>The <paramref name="limit"/> most similar stored rows, best first.</summary>
    ValueTask<VectorMatch[]> SearchAsync(ReadOnlyMemory<float> query, int limit, CancellationToken cancellationToken);
}
