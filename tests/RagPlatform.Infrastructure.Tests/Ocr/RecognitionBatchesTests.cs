using RagPlatform.Infrastructure.Ocr;

namespace RagPlatform.Infrastructure.Tests.Ocr;

/// <summary>How text lines are grouped into recogniser batches.</summary>
public sealed class RecognitionBatchesTests
{
    [Fact]
    public void Every_line_lands_in_exactly_one_batch_of_at_most_the_batch_size()
    {
        var random = new Random(3);
        var widths = Enumerable.Range(0, 53).Select(_ => random.Next(20, 900)).ToArray();

        var batches = RecognitionBatches.Plan(widths, batchSize: 8, minWidth: 64);

        Assert.All(batches, batch => Assert.InRange(batch.Length, 1, 8));
        Assert.Equal(Enumerable.Range(0, widths.Length), batches.SelectMany(batch => batch).Order());
    }

    [Fact]
    public void A_long_title_gets_a_batch_of_its_own_instead_of_widening_the_short_labels()
    {
        int[] widths = [88, 80, 600, 85, 90, 82, 120, 130];

        var batches = RecognitionBatches.Plan(widths, batchSize: 8, minWidth: 64);

        Assert.Contains(batches, batch => batch is [2]);
        Assert.Equal(Padded(widths, batches), Math.Min(Padded(widths, batches), Padded(widths, [[.. Enumerable.Range(0, 8)]])));
    }

    [Fact]
    public void Lines_of_one_width_fill_whole_batches()
    {
        var batches = RecognitionBatches.Plan(Enumerable.Repeat(100, 20).ToArray(), batchSize: 8, minWidth: 64);

        Assert.Equal(3, batches.Count);
    }

    [Fact]
    public void Narrow_lines_are_padded_to_the_narrowest_batch_width_and_share_a_batch()
    {
        var batches = RecognitionBatches.Plan([10, 30, 50, 20], batchSize: 8, minWidth: 64);

        Assert.Single(batches);
    }

    private static long Padded(int[] widths, IEnumerable<int[]> batches) =>
        batches.Sum(batch => (long)batch.Length * Math.Max(64, batch.Max(index => widths[index])));
}
