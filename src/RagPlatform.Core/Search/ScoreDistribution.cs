namespace RagPlatform.Core.Search;

/// <summary>Mean and (population) standard deviation of cosine similarities, both in cosine units.</summary>
public readonly record struct ScoreDistribution(double Mean, double StandardDeviation)
{
    /// <summary>What an uncalibrated score is: z = cosine. Used when the collection has too few
    /// vectors to estimate anything.</summary>
    public static ScoreDistribution Identity { get; } = new(0, 1);

    /// <summary>z = (cosine − Mean) / StandardDeviation: how many standard deviations above the
    /// collection's chance level a cosine lies.</summary>
    public double ZScore(double cosine) => (cosine - Mean) / StandardDeviation;
}
