namespace RagPlatform.Infrastructure.Ocr.FlatImageLines;

/// <summary>Splits a "line" of a page that spans several rows of text into those rows, and keeps
/// pieces of a neighbouring line out of a line's box. On a page set with ordinary leading, letters
/// of neighbouring lines lie a few pixels apart, and a mark (a hyphen at a line's end, a tilde) or
/// a tall bracket can join two lines into one group; their letters of the common size still form
/// separate bands, and each member belongs to the band its centre is nearest to.</summary>
internal static class LineRows
{
    /// <summary>Letters that seed the bands: within this share of the group's middle height, up and down.</summary>
    public const double MinSeedShare = 0.6;

    public const double MaxSeedShare = 1.5;

    /// <summary>Two seeds are one band when they overlap in height by at least this share of the lower one.</summary>
    public const double MinOverlap = 0.5;

    /// <summary>Least length of a line whose skew is judged, in letter heights, and least letters in it.</summary>
    public const int MinSkewLength = 8;

    public const int MinSkewLetters = 6;

    /// <summary>Most the baseline of a line's last third may lie above or below its first third's, as a
    /// share of its letter height: a page rendered upright has one baseline, give or take the pixel or
    /// two that round letters overshoot it (at 0.15, 7 of 28 clean real pages were declined); turned by
    /// 1° a 600 px line drops 10 px (about one x-height), and its boxes as upright rectangles would cut
    /// its letters.</summary>
    public const double MaxBaselineShift = 0.25;

    /// <summary>Whether the line (long enough to tell) runs up or down: the baseline of its first third
    /// of seed letters against its last third's, each the most common bottom (descenders and marks do
    /// not move it).</summary>
    public static bool Skewed(List<InkBlob> members, int letterHeight)
    {
        var seeds = Seeds(members, letterHeight).OrderBy(blob => blob.Left).ToList();
        if (seeds.Count < MinSkewLetters || seeds[^1].Right - seeds[0].Left < MinSkewLength * letterHeight)
        {
            return false;
        }

        var third = seeds.Count / 3;
        return Math.Abs(Baseline(seeds[..third]) - Baseline(seeds[^third..])) > MaxBaselineShift * letterHeight;

        // The most common bottom: the letters without descenders stand on one row of pixels.
        static int Baseline(List<InkBlob> blobs) => blobs.GroupBy(blob => blob.Bottom).OrderByDescending(group => group.Count()).ThenBy(group => group.Key).First().Key;
    }

    /// <summary>How far beyond its band a member's centre may lie and still belong to it, as a share of
    /// the letter height (a comma's lies a pixel or two below the baseline). A piece of the next line
    /// joined to this one (an "i"'s dot 6 px below the baseline) is dropped: with it a line's box
    /// reached 3 px into the next line and was read "Thraverallantoth" for "There may be several".</summary>
    public const double MaxStraySlack = 0.2;

    /// <summary>The group's members split into bands, top to bottom (one band when it is one line),
    /// without what lies beyond every band (<see cref="MaxStraySlack"/>).</summary>
    public static List<List<InkBlob>> Split(List<InkBlob> members, int letterHeight)
    {
        var seeds = Seeds(members, letterHeight).OrderBy(blob => blob.Top).ToList();
        var bands = new List<(int Top, int Bottom)>();
        foreach (var seed in seeds)
        {
            if (bands.Count > 0 && Math.Min(bands[^1].Bottom, seed.Bottom) - Math.Max(bands[^1].Top, seed.Top) >= MinOverlap * Math.Min(bands[^1].Bottom - bands[^1].Top, seed.Height))
            {
                bands[^1] = (Math.Min(bands[^1].Top, seed.Top), Math.Max(bands[^1].Bottom, seed.Bottom));
            }
            else
            {
                bands.Add((seed.Top, seed.Bottom));
            }
        }

        if (bands.Count == 0)
        {
            return [members];
        }

        var rows = bands.Select(_ => new List<InkBlob>()).ToList();
        foreach (var blob in members)
        {
            var centre = (blob.Top + blob.Bottom) / 2f;
            var nearest = Enumerable.Range(0, bands.Count).MinBy(i => Math.Abs(((bands[i].Top + bands[i].Bottom) / 2f) - centre));
            if (centre >= bands[nearest].Top - (MaxStraySlack * letterHeight) && centre <= bands[nearest].Bottom + (MaxStraySlack * letterHeight))
            {
                rows[nearest].Add(blob);
            }
        }

        return [.. rows.Where(row => row.Count > 0)];
    }

    /// <summary>The members of the common letter size (<see cref="MinSeedShare"/> to <see cref="MaxSeedShare"/> of
    /// <paramref name="letterHeight"/>): they alone seed the bands and mark the baseline.</summary>
    private static IEnumerable<InkBlob> Seeds(List<InkBlob> members, int letterHeight) =>
        members.Where(blob => blob.Height >= MinSeedShare * letterHeight && blob.Height <= MaxSeedShare * letterHeight);
}
