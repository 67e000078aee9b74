namespace RagPlatform.Core.Search;

/// <summary>Makes dense (cosine) scores of different modality pairs comparable: CLIP puts
/// text→text cosines around 0.7-0.9, text→image around 0.2-0.35 and image→image around 0.5-1.0, so
/// raw cosines would rank every passage above every figure.</summary>
public interface IDenseScoreCalibrator
{
    /// <summary>The calibration for the collection as it is now, from its own vectors (may be cached
    /// while it barely changes); null: from the vectors of every collection (tools and tests).</summary>
    Task<DenseCalibration> GetAsync(string? collection, CancellationToken cancellationToken);
}
