using RagPlatform.Core.Documents;

namespace RagPlatform.Core.Search;

/// <summary>Per (query modality → item modality) pair, the distribution of cosines between
/// unrelated-on-average vectors of the collection, and the calibrated score derived from it:
/// <code>
///   z(q, m, cos)  = (cos − μ[q→m]) / σ[q→m]
///   calibrated    = 1 / (1 + e^(−z))          (logistic, in (0, 1); 0.5 = the pair's average cosine)
/// </code>
/// μ and σ are estimated from a sample of the collection's own vectors, the query side stood in for
/// by stored items embedded by the same tower: text items for a text query (text tower), image and
/// page items for an image query (image tower). Every ordered pair (proxy, item) with distinct ids
/// counts once. A pair with fewer than <see cref="MinimumPairs"/> cosines or a spread below
/// <see cref="MinimumDeviation"/> falls back to the pooled distribution of all pairs, and with no
/// pairs at all to <see cref="ScoreDistribution.Identity"/> (z = cosine), so the calibration never
/// divides by zero and degrades to plain cosine ordering.</summary>
public sealed class DenseCalibration
{
    /// <summary>Fewer cosines than this give no usable spread estimate.</summary>
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
        var pairs = new Dictionary<(Modality, Modality), ScoreDistribution>();
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

                if (moments.TryGet(out var distribution))
                {
                    pairs[(query, item)] = distribution;
                }
            }
        }

        return new DenseCalibration(pairs, pooled.TryGet(out var all) ? all : ScoreDistribution.Identity, sampledFrom);
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

        public void Add(double value)
        {
            _count++;
            var delta = value - _mean;
            _mean += delta / _count;
            _sumOfSquares += delta * (value - _mean);
        }

        public bool TryGet(out ScoreDistribution distribution)
        {
            var deviation = _count > 0 ? Math.Sqrt(_sumOfSquares / _count) : 0;
            distribution = new ScoreDistribution(_mean, deviation);
            return _count >= MinimumPairs && deviation >= MinimumDeviation;
        }
    }
}
