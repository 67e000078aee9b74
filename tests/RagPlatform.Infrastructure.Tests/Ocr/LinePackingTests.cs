using RagPlatform.Infrastructure.Ocr;

namespace RagPlatform.Infrastructure.Tests.Ocr;

/// <summary>How short lines are packed side by side into recogniser rows, and how a row's output
/// steps are split back per line.</summary>
public sealed class LinePackingTests
{
    private const int Gap = 16;

    // A 1x chart's lines at 48 px: a title, axis names and tick labels.
    private static readonly int[] Chart = [412, 118, 96, 61, 61, 61, 61, 61, 70, 70, 70, 70, 52, 52, 52, 52, 140];

    [Fact]
    public void Every_line_lands_once_at_a_whole_step_with_the_gap_before_its_neighbour()
    {
        var random = new Random(5);
        var widths = Enumerable.Range(0, 41).Select(_ => random.Next(20, 900)).ToArray();

        var batches = LinePacking.Plan(widths, batchSize: 8, minWidth: 64, maxWidth: 3200, Gap);

        Assert.Equal(Enumerable.Range(0, widths.Length), batches.SelectMany(batch => batch.Rows).SelectMany(row => row.Lines).Select(line => line.Index).Order());
        Assert.All(batches, batch => Assert.InRange(batch.Rows.Length, 1, 8));
        foreach (var batch in batches)
        {
            foreach (var row in batch.Rows)
            {
                Assert.InRange(row.Width, 1, batch.Width);
                for (var i = 0; i < row.Lines.Length; i++)
                {
                    Assert.Equal(0, row.Lines[i].Offset % LinePacking.StepColumns);
                    Assert.True(row.Slots[i] >= widths[row.Lines[i].Index]);
                    if (i > 0)
                    {
                        Assert.True(row.Lines[i].Offset >= row.Lines[i - 1].Offset + row.Slots[i - 1] + Gap);
                    }
                }
            }
        }
    }

    [Fact]
    public void A_charts_short_lines_take_fewer_runs_for_the_gaps_between_them()
    {
        var packed = LinePacking.Plan(Chart, batchSize: 8, minWidth: 64, maxWidth: 3200, Gap);
        var unpacked = RecognitionBatches.Plan(Chart, batchSize: 8, minWidth: 64);

        Assert.True(packed.Count < unpacked.Count, $"{packed.Count} runs packed against {unpacked.Count}");
        // What it costs: the gaps, and each line up to whole steps.
        Assert.True(packed.Sum(batch => batch.Rows.Sum(row => row.Width)) <= Chart.Sum(LinePacking.Slot) + (Gap * (Chart.Length - 1)));
    }

    [Fact]
    public void A_rows_steps_are_split_at_the_middle_of_each_gap_and_each_line_keeps_its_own()
    {
        foreach (var batch in LinePacking.Plan(Chart, batchSize: 8, minWidth: 64, maxWidth: 3200, Gap))
        {
            var steps = batch.Width / LinePacking.StepColumns;
            foreach (var row in batch.Rows)
            {
                var ranges = Enumerable.Range(0, row.Lines.Length).Select(position => row.Steps(position, steps)).ToArray();

                Assert.Equal(0, ranges[0].First);
                Assert.Equal(steps, ranges[^1].End);
                for (var i = 0; i < ranges.Length; i++)
                {
                    Assert.InRange(row.Lines[i].Offset / LinePacking.StepColumns, ranges[i].First, ranges[i].End);
                    Assert.InRange((row.Lines[i].Offset + row.Slots[i]) / LinePacking.StepColumns, ranges[i].First, ranges[i].End);
                    if (i > 0)
                    {
                        Assert.Equal(ranges[i - 1].End, ranges[i].First);
                        Assert.Equal((row.Lines[i].Offset - (Gap / 2)) / LinePacking.StepColumns, ranges[i].First);
                    }
                }
            }
        }
    }

    [Fact]
    public void A_short_line_goes_beside_a_long_one_when_that_reads_fewer_columns()
    {
        var batches = LinePacking.Plan([900, 40], batchSize: 8, minWidth: 64, maxWidth: 3200, Gap);

        var row = Assert.Single(Assert.Single(batches).Rows);
        Assert.Equal([(1, 0), (0, 40 + Gap)], row.Lines);
        Assert.Equal(904 + Gap + 40, row.Width);
    }

    [Fact]
    public void A_gap_that_is_not_whole_steps_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LinePacking.Plan([100, 50], batchSize: 8, minWidth: 64, maxWidth: 3200, gap: 12));
    }
}
