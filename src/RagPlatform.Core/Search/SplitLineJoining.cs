using System.Text;

namespace RagPlatform.Core.Search;

/// <summary>The second step of <see cref="LineMatchedCharacterErrorRate"/>: after the one-to-one
/// pairing, a line left unpaired is joined to a pair when that costs fewer edits than leaving it
/// alone. An unpaired read line is a piece of a reference line the engine split (a highlighted phrase
/// boxed apart from the rest of its line); an unpaired reference line is one the engine merged with
/// its neighbour. The piece goes between two words of the pair's text (or at either end), wherever
/// it costs least. Greedy, best gain first, while a join saves more edits than the piece's own
/// length: a piece read from nowhere stays alone and costs its length. A pair is only offered pieces when its other side is longer by
/// at least half the piece, which keeps the search to lines that really lack something.</summary>
internal static class SplitLineJoining
{
    public static List<MatchedLine> Apply(List<MatchedLine> lines)
    {
        var result = new List<MatchedLine>(lines);
        while (BestJoin(result) is { } join)
        {
            result[join.Pair] = join.Joined;
            result.RemoveAt(join.Single);
        }

        return result;
    }

    private static (int Pair, int Single, MatchedLine Joined)? BestJoin(List<MatchedLine> lines)
    {
        (int Pair, int Single, MatchedLine Joined)? best = null;
        var bestGain = 0;
        for (var s = 0; s < lines.Count; s++)
        {
            var single = lines[s];
            if (single.Reference is not null && single.Read is not null)
            {
                continue;
            }

            for (var p = 0; p < lines.Count; p++)
            {
                var pair = lines[p];
                if (pair.Reference is null || pair.Read is null)
                {
                    continue;
                }

                var piece = single.Read ?? single.Reference!;
                var (own, other) = single.Read is not null ? (pair.Read, pair.Reference) : (pair.Reference, pair.Read);
                if (other.Length < own.Length + (piece.Length / 2))
                {
                    continue;
                }

                var joined = Cheapest(other, own, piece, readSide: single.Read is not null);
                // A piece that truly belongs saves its own insertion AND the deletions its absence
                // cost the pair: about twice its length. Pushed into a pair it does not belong to, it
                // can still save up to its length by turning garbage into substitutions (a missed
                // tick "4" joined to a stray "y(g/L)"), which is not a split, so that is not enough.
                var gain = pair.Edits + single.Edits - joined.Edits;
                if (gain > single.Edits && gain > bestGain)
                {
                    (bestGain, best) = (gain, (p, s, joined));
                }
            }
        }

        return best;
    }

    /// <summary>The piece put between two words of <paramref name="own"/> (or at either end),
    /// compared with <paramref name="other"/>, wherever that costs fewest edits.</summary>
    private static MatchedLine Cheapest(string other, string own, string piece, bool readSide)
    {
        var otherRunes = Runes(other);
        var words = own.Split(' ');
        var (text, edits) = (string.Empty, int.MaxValue);
        for (var at = 0; at <= words.Length; at++)
        {
            var candidate = string.Join(' ', words[..at].Append(piece).Concat(words[at..]));
            var distance = CharacterErrorRate.Distance(otherRunes, Runes(candidate));
            if (distance < edits)
            {
                (text, edits) = (candidate, distance);
            }
        }

        return readSide ? new MatchedLine(other, text, edits) : new MatchedLine(text, other, edits);
    }

    private static Rune[] Runes(string text) => [.. text.EnumerateRunes()];
}
