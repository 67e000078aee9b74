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

    private static VectorRecord Vector(Modality modality, params double[] components) =>
        new(Guid.NewGuid(), Document, modality, components.Select(c => (float)c).ToArray());

    [Fact]
    public void Each_pair_gets_the_mean_of_its_cosines_and_every_pair_the_spread_of_all_cosines_pooled()
    {
        // Text items at 0° and 90°, images at 0° and 60°. Cosines between distinct items:
        // text→text cos 90 twice; text→image and image→text cos 0, cos 60, cos 90, cos 30 each;
        // image→image cos 60 twice.
        VectorRecord[] sample = [At(Modality.Text, 0), At(Modality.Text, 90), At(Modality.Image, 0), At(Modality.Image, 60)];
        double[] crossModal = [1, 0.5, 0, Math.Sqrt(3) / 2];
        double[] pooled = [0, 0, .. crossModal, .. crossModal, 0.5, 0.5];
        var pooledMean = pooled.Average();
        var pooledDeviation = Math.Sqrt(pooled.Select(c => (c - pooledMean) * (c - pooledMean)).Average());

        var calibration = DenseCalibration.Estimate(sample, sample.Length);

        var textToImage = calibration.Distribution(Modality.Text, Modality.Image);
        Assert.Equal(crossModal.Average(), textToImage.Mean, 6);
        Assert.Equal(pooledDeviation, textToImage.StandardDeviation, 6);
        Assert.Equal(crossModal.Average(), calibration.Distribution(Modality.Image, Modality.Text).Mean, 6);
        Assert.Equal(pooledDeviation, calibration.Distribution(Modality.Image, Modality.Text).StandardDeviation, 6);
        // Two cosines are too few for a mean of its own: image→image takes the pooled one.
        Assert.Equal(pooledMean, calibration.Distribution(Modality.Image, Modality.Image).Mean, 6);
    }

    [Fact]
    public void A_near_identical_image_outranks_a_text_whose_pair_has_a_narrow_spread()
    {
        // Images on the four axes of the xy plane: image→image cosines 0, −1, 0 per image, wide
        // (μ = −1/3, σ = 0.47). Texts almost on the z axis: image→text cosines ±0.1 and 0, narrow
        // (μ = 0, σ = 0.07). A z-score per pair would rank the text at 0.30 (z = 4.2) above the copy
        // at 0.97 (z = 2.8); one shared spread ranks them by their distance above their pair's mean.
        var tilt = Math.Sqrt(0.99);
        VectorRecord[] sample =
        [
            Vector(Modality.Image, 1, 0, 0), Vector(Modality.Image, 0, 1, 0), Vector(Modality.Image, -1, 0, 0), Vector(Modality.Image, 0, -1, 0),
            Vector(Modality.Text, 0.1, 0, tilt), Vector(Modality.Text, 0, 0.1, tilt),
        ];

        var calibration = DenseCalibration.Estimate(sample, sample.Length);

        Assert.Equal(-1.0 / 3, calibration.Distribution(Modality.Image, Modality.Image).Mean, 6);
        Assert.Equal(0, calibration.Distribution(Modality.Image, Modality.Text).Mean, 6);
        Assert.True(calibration.Calibrate(Modality.Image, Modality.Image, 0.97) > calibration.Calibrate(Modality.Image, Modality.Text, 0.30));
    }

    [Fact]
    public void Identical_vectors_leave_cosines_in_their_own_order()
    {
        VectorRecord[] sample = [At(Modality.Text, 30), At(Modality.Text, 30), At(Modality.Image, 30), At(Modality.Image, 30)];

        var calibration = DenseCalibration.Estimate(sample, sample.Length);

        Assert.Equal(ScoreDistribution.Identity, calibration.Distribution(Modality.Text, Modality.Image));
        Assert.Equal(ScoreDistribution.Identity, calibration.Fallback);
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
