namespace RagPlatform.Infrastructure.Ocr;

/// <summary>Packs the short lines of one image side by side into fewer, fuller recogniser rows
/// (<see cref="OcrOptions.PackLines"/>): a 1x chart's 17 lines (tick labels, a title) otherwise take
/// about 8 runs, each with a fixed cost and padded to its widest line. Lines are placed in order of
/// width, each row filled before the next (so that neighbours are alike: tick labels beside tick
/// labels; first-fit decreasing, which put them beside a title or an axis name, read more of them
/// differently), into rows of one chosen width, each at a column that is a multiple of
/// <see cref="StepColumns"/> and apart from the previous one by a gap of padding, so that each line
/// owns whole output steps; the rows are then batched as lines are (<see cref="RecognitionBatches"/>).
/// The row width is the one of a few candidates whose plan reads the fewest columns, counting
/// <see cref="RecognitionBatches.RunCostColumns"/> per run.</summary>
internal static class LinePacking
{
    /// <summary>Input columns per output step of the recogniser (its width stride).</summary>
    public const int StepColumns = 8;

    /// <summary>Row widths tried between the widest line and all lines in one row.</summary>
    private const int Candidates = 32;

    /// <param name="widths">Width of each line, in pixels at the network's height.</param>
    /// <param name="minWidth">Narrowest tensor a batch gets.</param>
    /// <param name="maxWidth">Widest row (no line is wider).</param>
    /// <param name="gap">Columns of padding between two lines of a row, a multiple of <see cref="StepColumns"/>.</param>
    public static List<Batch> Plan(IReadOnlyList<int> widths, int batchSize, int minWidth, int maxWidth, int gap)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        if (gap < 0 || gap % StepColumns != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(gap), gap, $"The gap must be a non-negative multiple of {StepColumns} columns.");
        }

        if (widths.Count == 0)
        {
            return [];
        }

        var order = Enumerable.Range(0, widths.Count).OrderBy(index => widths[index]).ThenBy(index => index).ToArray();
        var narrowest = Math.Max(minWidth, Slot(widths[order[^1]]));
        var widest = Math.Max(narrowest, Math.Min(maxWidth, widths.Sum(Slot) + (gap * (widths.Count - 1))));
        var step = Math.Max(StepColumns, Slot((widest - narrowest + Candidates - 1) / Candidates));

        List<Batch>? best = null;
        var bestCost = long.MaxValue;
        for (var width = narrowest; width <= widest; width += step)
        {
            var rows = Pack(widths, order, width, gap);
            var batches = RecognitionBatches.Plan([.. rows.Select(row => row.Width)], batchSize, minWidth)
                .Select(batch => new Batch([.. batch.Select(index => rows[index])], Math.Max(minWidth, batch.Max(index => rows[index].Width))))
                .ToList();
            var cost = batches.Sum(batch => ((long)batch.Rows.Length * batch.Width) + RecognitionBatches.RunCostColumns);
            if (cost < bestCost)
            {
                (best, bestCost) = (batches, cost);
            }
        }

        return best!;
    }

    /// <summary>Columns a line takes in a row: its width up to whole steps.</summary>
    public static int Slot(int width) => (width + StepColumns - 1) / StepColumns * StepColumns;

    /// <summary>Next fit, narrowest lines first, into rows at most <paramref name="width"/> wide.</summary>
    private static List<Row> Pack(IReadOnlyList<int> widths, int[] order, int width, int gap)
    {
        var rows = new List<List<(int Index, int Offset)>>();
        var fills = new List<int>();
        foreach (var index in order)
        {
            var slot = Slot(widths[index]);
            var row = fills.Count > 0 && fills[^1] + gap + slot <= width ? fills.Count - 1 : -1;
            if (row < 0)
            {
                rows.Add([(index, 0)]);
                fills.Add(slot);
            }
            else
            {
                rows[row].Add((index, fills[row] + gap));
                fills[row] += gap + slot;
            }
        }

        return [.. rows.Select((lines, i) => new Row([.. lines], [.. lines.Select(line => Slot(widths[line.Index]))], fills[i]))];
    }

    /// <summary>One tensor: its rows, padded to <see cref="Width"/> columns.</summary>
    public sealed record Batch(Row[] Rows, int Width);

    /// <summary>One row of a tensor: its lines left to right, each at a column <c>Offset</c> (a
    /// multiple of <see cref="StepColumns"/>) and <c>Slots</c> columns wide; <see cref="Width"/> is where the last ends.</summary>
    public sealed record Row((int Index, int Offset)[] Lines, int[] Slots, int Width)
    {
        /// <summary>The output steps that line <paramref name="position"/> of the row is read from, of
        /// <paramref name="steps"/> in all: its own, and the gap's beside it split between the two
        /// neighbours at the middle (a character the network places in the gap goes to the nearer
        /// line); the first line takes the steps from the row's start, the last those to its end
        /// (the padding, as a line read alone in a wider batch has).</summary>
        public (int First, int End) Steps(int position, int steps)
        {
            var first = position == 0 ? 0 : Middle(position - 1);
            var end = position == Lines.Length - 1 ? steps : Middle(position);
            return (Math.Min(first, steps), Math.Min(end, steps));

            int Middle(int left) => (Lines[left].Offset + Slots[left] + Lines[left + 1].Offset) / (2 * StepColumns);
        }
    }
}
