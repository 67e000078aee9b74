using System.Text;

namespace RagPlatform.Core.Search;

/// <summary>Character error rate of recognised lines against reference lines when the order of the
/// lines carries no meaning (the labels of a chart, the widgets of a screenshot): a simplified form of
/// Clausner, Pletschacher and Antonacopoulos' "flexible character accuracy" (ICDAR 2020) that moves
/// whole lines and joins the pieces of a line the engine split (or the lines it merged).</summary>
/// <remarks>
/// Each line is normalised as <see cref="CharacterErrorRate"/> does (white space runs as one space,
/// ends trimmed); empty lines are dropped. Every reference line is paired with at most one read line
/// and the other way round; the edits of a pairing are the Levenshtein distances of its pairs, plus
/// the characters of unpaired reference lines (deleted) and of unpaired read lines (inserted). The
/// pairing used is the one with the fewest edits (an optimal assignment, Hungarian algorithm), so
/// the result depends on the two texts only, not on the order they come in or on a matching
/// heuristic: reordered lines cost nothing, a line read with one wrong character costs 1, a line
/// missed costs its length, a line read from nowhere costs its length. Then a line left unpaired
/// is joined to a pair when that saves edits (<see cref="SplitLineJoining"/>): a line the engine
/// read as two boxes costs the space between them, not the characters of the second box.
/// The rate is edits / reference characters: 0 is perfect, it can exceed 1.
/// Cost: a Levenshtein distance per pair of lines and O((R + H)³) for the assignment, meant for the
/// tens of lines of a picture or a page, not for a whole book at once.
/// </remarks>
public static class LineMatchedCharacterErrorRate
{
    public static LineMatchedErrors Compute(IEnumerable<string> reference, IEnumerable<string> read)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(read);
        var expected = NonEmpty(reference);
        var actual = NonEmpty(read);
        var size = expected.Count + actual.Count;

        // Square cost matrix: rows are reference lines then "nothing read", columns are read lines
        // then "nothing referenced"; pairing a line with a "nothing" costs its length.
        var cost = new int[size, size];
        for (var i = 0; i < size; i++)
        {
            for (var j = 0; j < size; j++)
            {
                cost[i, j] = (i < expected.Count, j < actual.Count) switch
                {
                    (true, true) => CharacterErrorRate.Distance(expected[i].Runes, actual[j].Runes),
                    (true, false) => expected[i].Runes.Length,
                    (false, true) => actual[j].Runes.Length,
                    _ => 0,
                };
            }
        }

        var columnOfRow = MinimumCostAssignment(cost);
        var lines = new List<MatchedLine>(size);
        var pairedRead = new bool[actual.Count];
        for (var i = 0; i < expected.Count; i++)
        {
            var j = columnOfRow[i];
            var paired = j < actual.Count;
            if (paired)
            {
                pairedRead[j] = true;
            }

            lines.Add(new MatchedLine(expected[i].Text, paired ? actual[j].Text : null, cost[i, j]));
        }

        for (var j = 0; j < actual.Count; j++)
        {
            if (!pairedRead[j])
            {
                lines.Add(new MatchedLine(null, actual[j].Text, actual[j].Runes.Length));
            }
        }

        lines = SplitLineJoining.Apply(lines);
        return new LineMatchedErrors(lines.Sum(l => l.Edits), expected.Sum(l => l.Runes.Length), lines);
    }

    private static List<(string Text, Rune[] Runes)> NonEmpty(IEnumerable<string> lines) =>
        lines.Select(CharacterErrorRate.Normalize).Where(r => r.Length > 0).Select(r => (string.Concat(r), r)).ToList();

    /// <summary>For each row of a square cost matrix, the column it is assigned to so that the total
    /// cost is minimal: the Hungarian algorithm with potentials (Kuhn-Munkres, O(n³)).</summary>
    internal static int[] MinimumCostAssignment(int[,] cost)
    {
        var n = cost.GetLength(0);

        // 1-based as in the textbook formulation: row 0 and column 0 are the virtual start.
        var rowPotential = new long[n + 1];
        var columnPotential = new long[n + 1];
        var rowOfColumn = new int[n + 1];
        var previousColumn = new int[n + 1];
        for (var row = 1; row <= n; row++)
        {
            rowOfColumn[0] = row;
            var column = 0;
            var slack = Enumerable.Repeat(long.MaxValue, n + 1).ToArray();
            var visited = new bool[n + 1];
            do
            {
                visited[column] = true;
                var current = rowOfColumn[column];
                var delta = long.MaxValue;
                var next = 0;
                for (var j = 1; j <= n; j++)
                {
                    if (visited[j])
                    {
                        continue;
                    }

                    var reduced = cost[current - 1, j - 1] - rowPotential[current] - columnPotential[j];
                    if (reduced < slack[j])
                    {
                        slack[j] = reduced;
                        previousColumn[j] = column;
                    }

                    if (slack[j] < delta)
                    {
                        delta = slack[j];
                        next = j;
                    }
                }

                for (var j = 0; j <= n; j++)
                {
                    if (visited[j])
                    {
                        rowPotential[rowOfColumn[j]] += delta;
                        columnPotential[j] -= delta;
                    }
                    else
                    {
                        slack[j] -= delta;
                    }
                }

                column = next;
            }
            while (rowOfColumn[column] != 0);

            // Flip the augmenting path back to the start.
            do
            {
                var previous = previousColumn[column];
                rowOfColumn[column] = rowOfColumn[previous];
                column = previous;
            }
            while (column != 0);
        }

        var columnOfRow = new int[n];
        for (var j = 1; j <= n; j++)
        {
            columnOfRow[rowOfColumn[j] - 1] = j - 1;
        }

        return columnOfRow;
    }
}
