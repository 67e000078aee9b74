using RagPlatform.Core.Documents;

namespace RagPlatform.Core.Search;

/// <summary>Per (query modality → item modality) pair, the pair's chance level, and the calibrated
/// score derived from it:
/// <code>
///   z(q, m, cos)  = (cos − μ[q→m]) / σ
///   calibrated    = 1 / (1 + e^(−z))          (logistic, in (0, 1); 0.5 = the pair's average cosine)
/// </code>
/// μ[q→m] is the mean cosine of the pair, σ ONE spread shared by every pair: the population standard
/// deviation of all sampled cosines pooled. Both are estimated from a sample of the collection's own
/// vectors, the query side stood in for by stored items embedded by the same tower: text items for a
/// text query (text tower), image and page items for an image query (image tower). Every ordered pair
/// (proxy, item) with distinct ids counts once.</summary>
/// <remarks>Why a per-pair shift and a common scale, not a z-score per pair: a dual encoder's
/// modality gap moves each pair's cosines as a whole (cross-modal ones sit lower), which μ[q→m]
/// removes; but a pair's spread is also the range its signal spans, so dividing by each pair's own σ
/// turns a small difference in a narrow cross-modal pair into as much evidence as a large one in a
/// wide same-tower pair. Measured with `rag eval` on the generated dataset (tiny random CLIP, OCR,
/// Weighted fusion, 64 vectors): the per-pair σ of image→text was 0.125 against 0.354 for
/// image→image, so a text at cosine 0.30 (z = 2.6) outranked the query image's own rescaled copy at
/// 0.97 (z = 1.4), and image→image Recall@1 fell to 0.625 (RRF: 1.000). Calibrating against the
/// distribution of each proxy's BEST match instead (0.5 = a typical best match) did not help (0.625):
/// near-identical images (a PDF page and the figure filling it; in the random model, every mostly
/// white render) lift the image→image best-match mean to 0.89, so a copy at 0.97 is barely above
/// it. The empirical CDF of the pair's cosines (tie-broken by the raw cosine) reached 0.875, for the
/// same reason. With the common σ (0.396), image→image Recall@1 is 1.000 in dense and hybrid mode
/// and hybrid text→text / text→image Recall@1 stay 0.917 / 1.000 (eval/README.md). Within a pair
/// the order is the raw cosine order; a figure 0.08 above text→image's level still outranks a
/// passage at text→text's level.</remarks>
/// <remarks>A pair with fewer than <see cref="MinimumPairs"/> cosines takes the pooled mean; a
/// pooled spread below <see cref="MinimumDeviation"/> (or no cosines at all) gives
/// <see cref="ScoreDistribution.Identity"/> (z = cosine) for every pair, so the calibration never
/// divides by zero and degrades to plain cosine ordering.</remarks>
public sealed class DenseCalibration
{
    /// <summary>Fewer cosines than this give no usable mean or spread estimate.</summary>
    public const int MinimumPairs = 3;

    /// <summary>Cosine units; a smaller spread means near-identical vectors (duplicates), not a scale.</summary>
    public const double MinimumDeviation = 1e-4;

    private static readonly Modality[] QueryModalities = [Modality.Text, Modality.Image];
    private static readonly Modality[] ItemModalities = [Modality.Text, Modality.Image, Modality.Page];

    private readonly Dictionary<(Modality Query, Modality Item), ScoreDistribution> _pairs;

    public DenseCalibration(IReadOnlyDictionary<(Modality Query, Modality Item), ScoreDistribution> pairs, ScoreDistribution fallback, long sampledFrom)
    {
        _pairs = new Dictionary<(Modality Query, Modality Item), ScoreDistribution>(pairs);
        Fallback = fallback;
        SampledFrom = sampledFrom;
    }

    /// <summary>No statistics: z = cosine for every pair.</summary>
    public static DenseCalibration Uncalibrated { get; } = new(new Dictionary<(Modality, Modality), ScoreDistribution>(), ScoreDistribution.Identity, 0);

    /// <summary>The distribution used for pairs without their own estimate.</summary>
    public ScoreDistribution Fallback { get; }

    /// <summary>Vectors in the index when the sample was taken.</summary>
    public long SampledFrom { get; }

    /// <param name="query">Text for a text query, Image for an image query.</param>
    public ScoreDistribution Distribution(Modality query, Modality item) =>
        _pairs.TryGetValue((query == Modality.Page ? Modality.Image : query, item), out var d) ? d : Fallback;

    /// <summary>The logistic of the pair's z-score; see the class summary.</summary>
    public double Calibrate(Modality query, Modality item, double cosine) => Logistic(Distribution(query, item).ZScore(cosine));

    public static double Logistic(double z) => 1.0 / (1.0 + Math.Exp(-z));

    /// <summary>Estimates every pair from a sample of stored vectors (L2-normalised, so the dot
    /// product is the cosine).</summary>
    public static DenseCalibration Estimate(IReadOnlyList<VectorRecord> sample, long sampledFrom)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var means = new Dictionary<(Modality, Modality), double>();
        var pooled = new RunningMoments();
        foreach (var query in QueryModalities)
        {
            var proxies = sample.Where(r => query == Modality.Text ? r.Modality == Modality.Text : r.Modality != Modality.Text).ToList();
            foreach (var item in ItemModalities)
            {
                var moments = new RunningMoments();
                foreach (var proxy in proxies)
                {
                    foreach (var target in sample)
                    {
                        if (target.Modality == item && target.ItemId != proxy.ItemId)
                        {
                            var cosine = Dot(proxy.Vector.Span, target.Vector.Span);
                            moments.Add(cosine);
                            pooled.Add(cosine);
                        }
                    }
                }

                if (moments.Count >= MinimumPairs)
                {
                    means[(query, item)] = moments.Mean;
                }
            }
        }

        if (pooled.Count < MinimumPairs || pooled.Deviation < MinimumDeviation)
        {
            return new DenseCalibration(new Dictionary<(Modality, Modality), ScoreDistribution>(), ScoreDistribution.Identity, sampledFrom);
        }

        var pairs = means.ToDictionary(p => p.Key, p => new ScoreDistribution(p.Value, pooled.Deviation));
        return new DenseCalibration(pairs, new ScoreDistribution(pooled.Mean, pooled.Deviation), sampledFrom);
    }

    private static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length && i < b.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    /// <summary>Welford's online mean and variance: numerically stable in one pass.</summary>
    private sealed class RunningMoments
    {
        private long _count;
        private double _mean;
        private double _sumOfSquares;

        public long Count => _count;

        public double Mean => _mean;

        /// <summary>Population standard deviation; 0 without values.</summary>
        public double Deviation => _count > 0 ? Math.Sqrt(_sumOfSquares / _count) : 0;

        public void Add(double value)
        {
            _count++;
            var delta = value - _mean;
            _mean += delta / _count;
            _sumOfSquares += delta * (value - _mean);
        }
    }
}
