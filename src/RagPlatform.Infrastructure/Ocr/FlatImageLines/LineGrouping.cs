namespace RagPlatform.Infrastructure.Ocr.FlatImageLines;

/// <summary>Groups text components into lines. Across first: two components are on one line when
/// they overlap in height by half the lower one (letters of similar size), or the smaller lies
/// within the larger's height stretched up and down (dots, commas, hyphens, an "i"'s dot), and the
/// gap between them is small for their height (a word space is, the gap between menu items or
/// chart labels is not). Then down, for text turned a quarter (a chart's y-axis title): the
/// components left alone, or in pairs (a turned "i"), that stack closely with overlapping widths
/// become one vertical line when there are at least <see cref="MinVerticalMembers"/> of them and
/// they fill most of its height, as letters do and lines of text stacked apart do not.</summary>
internal static class LineGrouping
{
    /// <summary>Widest gap within a line, as a share of the higher component's height.</summary>
    public const double MaxGap = 1.0;

    /// <summary>Least overlap in height of two similar components on one line, as a share of the lower one's.</summary>
    public const double MinOverlap = 0.5;

    /// <summary>Most two similar components on one line may overlap across, as a share of the narrower one's width.</summary>
    public const double MaxSideOverlap = 0.5;

    /// <summary>A component lower than this share of the other's height is a mark (dot, comma, hyphen).</summary>
    public const double MarkShare = 0.4;

    /// <summary>Widest mark, as a share of the other component's height (a hyphen is about half).</summary>
    public const double MarkWidth = 0.6;

    /// <summary>Widest gap between a mark and its letter, as a share of the letter's height (a
    /// comma follows its letter closely; a tick label beside a turned word is no mark of it).</summary>
    public const double MaxMarkGap = 0.3;

    /// <summary>How far above and below a component's height a mark of its line may lie, as a share of it.</summary>
    public const double MarkReach = 0.6;

    /// <summary>Widest gap between turned letters, as a share of the wider one's width (its letter height).</summary>
    public const double MaxVerticalGap = 1.0;

    public const int MinVerticalMembers = 3;

    /// <summary>Least share of a vertical line's height its members cover.</summary>
    public const double MinVerticalCover = 0.7;

    /// <summary>Lowest component counted in a line's letter height: lower ones are marks (dots,
    /// hyphens, a focus ring's dashes).</summary>
    public const int MinLetterHeight = 3;

    /// <param name="page">A page's lines (<see cref="FlatImageLineFinder.Find"/>): a line that spans
    /// several rows is split into them (<see cref="LineRows"/>), one whose baseline runs up or down
    /// gets letter height 0, and the letter height is the upper middle one.</param>
    /// <returns>Each line's box, its member count, whether it runs down, and (across) the height
    /// of its middle letter (<see cref="LetterHeight"/>).</returns>
    public static List<(InkBlob Box, int Members, bool Vertical, int LetterHeight)> Group(List<InkBlob> blobs, bool page = false)
    {
        blobs.Sort((a, b) => a.Left.CompareTo(b.Left));
        var groups = JoinWords(JoinAcross(blobs));
        var lines = new List<(InkBlob Box, int Members, bool Vertical, int LetterHeight)>();

        // What may be turned text: lone components and pairs (a turned "i" and its dot), and the
        // components of a "line" higher than wide, which letters side by side never make (a turned
        // word whose letters touch, with the marks beside it).
        var units = new List<(InkBlob Box, int Members, int Group)>();
        for (var g = 0; g < groups.Count; g++)
        {
            var box = Bounds(groups[g]);
            if (groups[g].Count <= 2)
            {
                units.Add((box, groups[g].Count, g));
            }
            else if (box.Height >= box.Width)
            {
                units.AddRange(groups[g].Select(blob => (blob, 1, g)));
            }
            else if (page)
            {
                // A skewed row gets letter height 0, which no line passes (the page goes to the network).
                foreach (var row in LineRows.Split(groups[g], UpperLetterHeight(groups[g])))
                {
                    var letters = UpperLetterHeight(row);
                    lines.Add((Bounds(row), row.Count, false, LineRows.Skewed(row, letters) ? 0 : letters));
                }
            }
            else
            {
                lines.Add((box, groups[g].Count, false, LetterHeight(groups[g])));
            }
        }

        units.Sort((a, b) => a.Box.Top.CompareTo(b.Box.Top));
        var used = new bool[units.Count];
        foreach (var stack in JoinDown([.. units.Select(unit => unit.Box)]))
        {
            var box = Bounds([.. stack.Select(i => units[i].Box)]);
            var members = stack.Sum(i => units[i].Members);
            if (members >= MinVerticalMembers && box.Height >= 2 * box.Width && stack.Sum(i => units[i].Box.Height) >= MinVerticalCover * box.Height)
            {
                lines.Add((box, members, true, box.Width));
                stack.ForEach(i => used[i] = true);
            }
        }

        // What made no vertical line stays the horizontal line it was (or, when part of it went into
        // one, each of the rest on its own).
        foreach (var group in Enumerable.Range(0, units.Count).Where(i => !used[i]).GroupBy(i => units[i].Group))
        {
            var whole = group.Count() == groups[group.Key].Count || (groups[group.Key].Count <= 2 && group.Count() == 1);
            lines.AddRange(whole
                ? [(Bounds(groups[group.Key]), groups[group.Key].Count, false, page ? UpperLetterHeight(groups[group.Key]) : LetterHeight(groups[group.Key]))]
                : group.Select(i => (units[i].Box, units[i].Members, false, units[i].Box.Height)));
        }

        return lines;
    }

    /// <summary>How two components relate on a line: not at all, as letters (or words) side by
    /// side, or the lower one (<see cref="Link.Mark"/>) as a mark of the higher.</summary>
    private static Link SameLine(InkBlob a, InkBlob b)
    {
        var (low, high) = a.Height <= b.Height ? (a, b) : (b, a);
        var gap = Math.Max(a.Left, b.Left) - Math.Min(a.Right, b.Right);
        if (gap > MaxGap * high.Height)
        {
            return Link.None;
        }

        if (low.Height >= MarkShare * high.Height)
        {
            // Letters side by side overlap across by a pixel or two of kerning at most; letters
            // stacked (text turned a quarter) overlap across entirely.
            return -gap <= MaxSideOverlap * Math.Min(a.Width, b.Width) && Math.Min(a.Bottom, b.Bottom) - Math.Max(a.Top, b.Top) >= MinOverlap * low.Height
                ? Link.Letters
                : Link.None;
        }

        // A mark is small both ways: a turned "i" or "l" is low but as wide as a letter is high.
        var reach = MarkReach * high.Height;
        return low.Width <= MarkWidth * high.Height && gap <= MaxMarkGap * high.Height && low.Top >= high.Top - reach && low.Bottom <= high.Bottom + reach ? Link.Mark : Link.None;
    }

    private static bool Stacked(InkBlob a, InkBlob b)
    {
        var overlap = Math.Min(a.Right, b.Right) - Math.Max(a.Left, b.Left);
        var gap = Math.Max(a.Top, b.Top) - Math.Min(a.Bottom, b.Bottom);
        return overlap >= 0.5 * Math.Min(a.Width, b.Width) && gap <= MaxVerticalGap * Math.Max(a.Width, b.Width);
    }

    /// <summary>Components joined (union-find) into lines: letters side by side, and each mark to
    /// the one component nearest to it that it may be a mark of (so that a dot between turned
    /// letters does not join them all). Pairs are only tried while the second starts at most
    /// <see cref="BlobShapes.MaxTextHeight"/> after the first ends (the list is sorted by left edge).</summary>
    private static List<List<InkBlob>> JoinAcross(List<InkBlob> blobs)
    {
        var parent = Enumerable.Range(0, blobs.Count).ToArray();
        var nearest = Enumerable.Repeat((Other: -1, Distance: float.MaxValue), blobs.Count).ToArray();
        for (var i = 0; i < blobs.Count; i++)
        {
            for (var j = i + 1; j < blobs.Count && blobs[j].Left <= blobs[i].Right + BlobShapes.MaxTextHeight; j++)
            {
                switch (SameLine(blobs[i], blobs[j]))
                {
                    case Link.Letters:
                        parent[Find(parent, j)] = Find(parent, i);
                        break;
                    case Link.Mark:
                        var (mark, other) = blobs[i].Height <= blobs[j].Height ? (i, j) : (j, i);
                        var distance = Distance(blobs[mark], blobs[other]);
                        if (distance < nearest[mark].Distance)
                        {
                            nearest[mark] = (other, distance);
                        }

                        break;
                }
            }
        }

        for (var i = 0; i < blobs.Count; i++)
        {
            if (nearest[i].Other >= 0)
            {
                parent[Find(parent, i)] = Find(parent, nearest[i].Other);
            }
        }

        return [.. Enumerable.Range(0, blobs.Count).GroupBy(i => Find(parent, i)).Select(group => group.Select(i => blobs[i]).ToList())];
    }

    /// <summary>Groups (words, with their marks) on one line joined once more, by the same rule as
    /// letters but with the gaps measured from the marks: after "3," the gap to "2024" is a space,
    /// not a comma and a space, which at 14 px is more than a digit's height.</summary>
    private static List<List<InkBlob>> JoinWords(List<List<InkBlob>> groups)
    {
        var boxes = groups.Select(Bounds).ToList();
        var order = Enumerable.Range(0, groups.Count).OrderBy(i => boxes[i].Left).ToArray();
        var parent = Enumerable.Range(0, groups.Count).ToArray();
        for (var a = 0; a < order.Length; a++)
        {
            for (var b = a + 1; b < order.Length && boxes[order[b]].Left <= boxes[order[a]].Right + BlobShapes.MaxTextHeight; b++)
            {
                var (first, second) = (boxes[order[a]], boxes[order[b]]);
                var high = Math.Max(first.Height, second.Height);
                var gap = second.Left - first.Right;
                if (gap <= MaxGap * high && -gap <= MaxSideOverlap * Math.Min(first.Width, second.Width)
                    && Math.Min(first.Bottom, second.Bottom) - Math.Max(first.Top, second.Top) >= MinOverlap * Math.Min(first.Height, second.Height)
                    && first.Width > first.Height && second.Width > second.Height)
                {
                    parent[Find(parent, order[b])] = Find(parent, order[a]);
                }
            }
        }

        return [.. Enumerable.Range(0, groups.Count).GroupBy(i => Find(parent, i)).Select(group => group.SelectMany(i => groups[i]).ToList())];
    }

    private static float Distance(InkBlob a, InkBlob b)
    {
        var (dx, dy) = ((a.Left + a.Right - b.Left - b.Right) / 2f, (a.Top + a.Bottom - b.Top - b.Bottom) / 2f);
        return (dx * dx) + (dy * dy);
    }

    /// <summary>Indices of the boxes (sorted by top edge) that stack into one column, joined (union-find).</summary>
    private static List<List<int>> JoinDown(List<InkBlob> boxes)
    {
        var parent = Enumerable.Range(0, boxes.Count).ToArray();
        for (var i = 0; i < boxes.Count; i++)
        {
            for (var j = i + 1; j < boxes.Count && boxes[j].Top <= boxes[i].Bottom + BlobShapes.MaxTextHeight; j++)
            {
                if (Stacked(boxes[i], boxes[j]))
                {
                    parent[Find(parent, j)] = Find(parent, i);
                }
            }
        }

        return [.. Enumerable.Range(0, boxes.Count).GroupBy(i => Find(parent, i)).Select(group => group.ToList())];
    }

    /// <summary>The lower median height of a line's members of at least <see cref="MinLetterHeight"/>
    /// (of all, when none is that high): about its x-height or its capitals' height, whatever the
    /// marks and the odd component beside it.</summary>
    private static int LetterHeight(List<InkBlob> members)
    {
        var heights = members.Select(blob => blob.Height).Where(height => height >= MinLetterHeight).Order().ToList();
        return heights.Count == 0 ? members.Max(blob => blob.Height) : heights[(heights.Count - 1) / 2];
    }

    /// <summary>The upper median height of a line's members of at least <see cref="MinLetterHeight"/>:
    /// on a page a short line of a letter and a mark ("y ~") has the letter's height, not the mark's.</summary>
    private static int UpperLetterHeight(List<InkBlob> members)
    {
        var heights = members.Select(blob => blob.Height).Where(height => height >= MinLetterHeight).Order().ToList();
        return heights.Count == 0 ? members.Max(blob => blob.Height) : heights[heights.Count / 2];
    }

    private static InkBlob Bounds(List<InkBlob> blobs) => blobs.Skip(1).Aggregate(blobs[0], (union, blob) => union.Union(blob));

    private static int Find(int[] parent, int i)
    {
        while (parent[i] != i)
        {
            var up = parent[i];
            parent[i] = parent[up];
            i = up;
        }

        return i;
    }

    private enum Link
    {
        None,
        Letters,
        Mark,
    }
}
