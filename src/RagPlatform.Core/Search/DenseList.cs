using RagPlatform.Core.Documents;

namespace RagPlatform.Core.Search;

/// <summary>The nearest neighbours of one query embedding. <paramref name="QueryModality"/> is the
/// tower that embedded the query: Text or Image.</summary>
/// <param name="Calibration">For a list from another space than CLIP's (the text space), the
/// calibration of that space's cosines; null: the collection's CLIP calibration applies.</param>
public sealed record DenseList(Modality QueryModality, IReadOnlyList<VectorHit> Hits, DenseCalibration? Calibration = null);
