using RagPlatform.Core.Search;

namespace RagPlatform.Core.Tests.Search;

public sealed class LineMatchedCharacterErrorRateTests
{
    private static readonly string[] ChartLabels = ["Quayside Throughput", "Kilotonnes", "Q1", "Q2", "Wexford Pier"];

    [Fact]
    public void Reordered_lines_cost_nothing()
    {
        var result = LineMatchedCharacterErrorRate.Compute(ChartLabels, ["Wexford Pier", "Q2", "Q1", "Kilotonnes", "Quayside Throughput"]);

        Assert.Equal(0, result.Edits);
        Assert.Equal(0, result.Rate);
        Assert.Equal(ChartLabels.Sum(l => l.Length), result.ReferenceCharacters);
    }

    [Fact]
    public void A_missing_line_costs_its_characters()
    {
        var result = LineMatchedCharacterErrorRate.Compute(ChartLabels, ["Q1", "Q2", "Wexford Pier", "Quayside Throughput"]);

        Assert.Equal("Kilotonnes".Length, result.Edits);
        Assert.Contains(new MatchedLine("Kilotonnes", null, 10), result.Lines);
    }

    [Fact]
    public void An_extra_line_costs_its_characters()
    {
        var result = LineMatchedCharacterErrorRate.Compute(["Q1", "Q2"], ["Q2", "ll|", "Q1"]);

        Assert.Equal(3, result.Edits);
        Assert.Equal(3.0 / 4, result.Rate, 10);
        Assert.Equal(new MatchedLine(null, "ll|", 3), result.Lines[^1]);
    }

    [Fact]
    public void A_substituted_character_costs_one()
    {
        var result = LineMatchedCharacterErrorRate.Compute(ChartLabels, ["Q1", "Kilotonnes", "Quayside Throughqut", "Wexford Pier", "Q2"]);

        Assert.Equal(1, result.Edits);
        Assert.Contains(new MatchedLine("Quayside Throughput", "Quayside Throughqut", 1), result.Lines);
    }

    [Fact]
    public void White_space_inside_a_line_is_normalised_and_empty_lines_are_dropped()
    {
        var result = LineMatchedCharacterErrorRate.Compute(["Wexford  Pier ", "", "Q1"], ["  ", "Q1", "Wexford Pier"]);

        Assert.Equal(0, result.Edits);
        Assert.Equal("Wexford Pier".Length + 2, result.ReferenceCharacters);
        Assert.Equal(2, result.Lines.Count);
    }

    /// <summary>Closest pair first could take ("abcd", "abc", 1 edit) and leave ("ab", "abcdxx", 4
    /// edits): 5 in all. The optimal pairing is ("ab", "abc", 1) and ("abcd", "abcdxx", 2): 3.</summary>
    [Fact]
    public void The_pairing_with_the_fewest_edits_is_used_not_the_closest_pair_first()
    {
        var result = LineMatchedCharacterErrorRate.Compute(["abcd", "ab"], ["abc", "abcdxx"]);

        Assert.Equal(3, result.Edits);
    }

    [Fact]
    public void A_line_read_as_two_boxes_costs_only_what_differs_once_joined()
    {
        var result = LineMatchedCharacterErrorRate.Compute(
            ["contribute to GNOME do so on their own time, rather than as part of", "their job."],
            ["their job.", "on their owntime,", "contribute to GNOME do so", "rather than as part of"]);

        Assert.Equal(1, result.Edits);
        Assert.Equal(new MatchedLine("contribute to GNOME do so on their own time, rather than as part of", "contribute to GNOME do so on their owntime, rather than as part of", 1), result.Lines[0]);
        Assert.Equal(2, result.Lines.Count);
    }

    [Fact]
    public void Two_lines_read_as_one_cost_nothing_when_read_right()
    {
        var result = LineMatchedCharacterErrorRate.Compute(["Wexford Pier", "Bellamy Dock", "Q1"], ["Q1", "Wexford Pier Bellamy Dock"]);

        Assert.Equal(0, result.Edits);
        Assert.Contains(new MatchedLine("Wexford Pier Bellamy Dock", "Wexford Pier Bellamy Dock", 0), result.Lines);
    }

    [Fact]
    public void A_line_read_from_nowhere_is_not_joined_to_a_pair_it_does_not_belong_to()
    {
        var result = LineMatchedCharacterErrorRate.Compute(["Quayside Throughput"], ["Quayside Throughput", "四"]);

        Assert.Equal(1, result.Edits);
        Assert.Equal(new MatchedLine(null, "四", 1), result.Lines[^1]);
    }

    /// <summary>Joining the missed "4" into the pair ("6", "y(g/L)") would turn a deletion and a
    /// substitution into two substitutions, one edit fewer, without "4" being any part of that line.</summary>
    [Fact]
    public void A_missed_line_is_not_joined_to_a_pair_of_garbage_to_save_an_edit()
    {
        var result = LineMatchedCharacterErrorRate.Compute(["4", "6", "Acidity"], ["Acidity", "y(g/L)"]);

        Assert.Equal(7, result.Edits);
        Assert.Equal(3, result.Lines.Count);
        Assert.DoesNotContain(result.Lines, line => line.Reference?.Contains(' ', StringComparison.Ordinal) == true);
    }

    [Fact]
    public void Nothing_read_costs_every_reference_character_and_nothing_expected_costs_nothing_when_nothing_is_read()
    {
        Assert.Equal(1, LineMatchedCharacterErrorRate.Compute(ChartLabels, []).Rate);
        Assert.Equal(0, LineMatchedCharacterErrorRate.Compute([], []).Rate);
        Assert.Equal(1, LineMatchedCharacterErrorRate.Compute([], ["noise"]).Rate);
    }

    [Fact]
    public void The_assignment_is_optimal_on_random_matrices()
    {
        var random = new Random(7);
        for (var trial = 0; trial < 200; trial++)
        {
            var n = random.Next(1, 7);
            var cost = new int[n, n];
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    cost[i, j] = random.Next(0, 20);
                }
            }

            var assignment = LineMatchedCharacterErrorRate.MinimumCostAssignment(cost);

            Assert.Equal(Enumerable.Range(0, n), assignment.Order());
            Assert.Equal(BruteForceMinimum(cost), Enumerable.Range(0, n).Sum(i => cost[i, assignment[i]]));
        }
    }

    private static int BruteForceMinimum(int[,] cost)
    {
        var n = cost.GetLength(0);
        var best = int.MaxValue;
        void Permute(int row, bool[] used, int total)
        {
            if (row == n)
            {
                best = Math.Min(best, total);
                return;
            }

            for (var j = 0; j < n; j++)
            {
                if (!used[j])
                {
                    used[j] = true;
                    Permute(row + 1, used, total + cost[row, j]);
                    used[j] = false;
                }
            }
        }

        Permute(0, new bool[n], 0);
        return best;
    }
}
