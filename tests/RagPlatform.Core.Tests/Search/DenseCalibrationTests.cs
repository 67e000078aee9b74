using RagPlatform.Core.Documents;
using RagPlatform.Core.Search;

namespace RagPlatform.Core.Tests.Search;

public sealed class DenseCalibrationTests
{
    private static readonly Guid Document = Guid.NewGuid();

    /// <summary>A unit vector at <paramref name="degrees"/> in the plane of the first two axes.</summary>
    private static VectorRecord At(Modality modality, double degrees)
    {
        var radians = degrees * Math.PI / 180;
        return new VectorRecord(Guid.NewGuid(), Document, modality, new[] { (float)Math.Cos(radians), (float)Math.Sin(radians) });
    }

    [Fact]
    public void Each_pair_gets_the_mean_and_deviation_of_its_cosines_between_distinct_items()
    {
        // Text items at 0° and 90°, images at 0° and 60°: text→image cosines are
        // cos 0, cos 60, cos 90, cos 30 = 1, 0.5, 0, √3/2.
        VectorRecord[] sample = [At(Modality.Text, 0), At(Modality.Text, 90), At(Modality.Image, 0), At(Modality.Image, 60)];
        double[] textToImage = [1, 0.5, 0, Math.Sqrt(3) / 2];
        var mean = textToImage.Average();
        var deviation = Math.Sqrt(textToImage.Select(c => (c - mean) * (c - mean)).Average());

        var calibration = DenseCalibration.Estimate(sample, sample.Length);

        var pair = calibration.Distribution(Modality.Text, Modality.Image);
        Assert.Equal(mean, pair.Mean, 6);
        Assert.Equal(deviation, pair.StandardDeviation, 6);
    }

    [Fact]
    public void The_calibrated_score_is_the_logistic_of_the_z_score()
    {
        var pairs = new Dictionary<(Modality, Modality), ScoreDistribution> { [(Modality.Text, Modality.Image)] = new(0.25, 0.05) };
        var calibration = new DenseCalibration(pairs, ScoreDistribution.Identity, 10);

        // z = (0.35 − 0.25) / 0.05 = 2 → 1 / (1 + e^−2) = 0.880797...
        Assert.Equal(1 / (1 + Math.Exp(-2)), calibration.Calibrate(Modality.Text, Modality.Image, 0.35), 9);
        Assert.Equal(0.5, calibration.Calibrate(Modality.Text, Modality.Image, 0.25), 9);
    }

    [Fact]
    public void A_weak_cross_modal_match_outranks_an_average_same_modality_cosine_after_calibration()
    {
        var pairs = new Dictionary<(Modality, Modality), ScoreDistribution>
        {
            [(Modality.Text, Modality.Text)] = new(0.8, 0.05),
            [(Modality.Text, Modality.Image)] = new(0.25, 0.03),
        };
        var calibration = new DenseCalibration(pairs, ScoreDistribution.Identity, 10);

        // Raw: the passage (0.80) beats the figure (0.33); calibrated: z = 0 against z = 2.67.
        Assert.True(calibration.Calibrate(Modality.Text, Modality.Image, 0.33) > calibration.Calibrate(Modality.Text, Modality.Text, 0.80));
    }

    [Fact]
    public void An_image_query_uses_image_and_page_items_as_its_stand_ins()
    {
        // A page at 0° and an image at 90° stand in for image queries; texts at 45° and 0°:
        // image→text cosines are √½, 1 (page) and √½, 0 (image).
        VectorRecord[] sample = [At(Modality.Page, 0), At(Modality.Image, 90), At(Modality.Text, 45), At(Modality.Text, 0)];

        var calibration = DenseCalibration.Estimate(sample, sample.Length);

        Assert.Equal(((2 * Math.Sqrt(0.5)) + 1) / 4, calibration.Distribution(Modality.Image, Modality.Text).Mean, 6);
    }

    [Fact]
    public void A_pair_without_enough_cosines_falls_back_to_the_pooled_distribution()
    {
        // No page at all: text→page has no cosines.
        VectorRecord[] sample = [At(Modality.Text, 0), At(Modality.Text, 90), At(Modality.Image, 30), At(Modality.Image, 60)];

        var calibration = DenseCalibration.Estimate(sample, sample.Length);

        Assert.Equal(calibration.Fallback, calibration.Distribution(Modality.Text, Modality.Page));
        Assert.NotEqual(ScoreDistribution.Identity, calibration.Fallback);
    }

    [Fact]
    public void An_empty_collection_leaves_cosines_in_their_own_order()
    {
        var calibration = DenseCalibration.Estimate([], 0);

        Assert.Equal(ScoreDistribution.Identity, calibration.Distribution(Modality.Text, Modality.Text));
        Assert.Equal(DenseCalibration.Logistic(0.3), calibration.Calibrate(Modality.Text, Modality.Image, 0.3), 12);
    }
}
