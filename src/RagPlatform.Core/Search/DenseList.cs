using RagPlatform.Core.Documents;

namespace RagPlatform.Core.Search;

/// <summary>The nearest neighbours of one query embedding. <paramref name="QueryModality"/> is the
/// tower that embedded the query: Text or Image.</summary>
public sealed record DenseList(Modality QueryModality, IReadOnlyList<VectorHit> Hits);
