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

    /// <summary>How far above and below a component's height a mark of its line may lie, as a share of it.</summary>
    public const double MarkReach = 0.6;

    /// <summary>Widest gap between turned letters, as a share of the wider one's width (its letter height).</summary>
    public const double MaxVerticalGap = 0.5;

    public const int MinVerticalMembers = 3;

    /// <summary>Least share of a vertical line's height its members cover.</summary>
    public const double MinVerticalCover = 0.7;

    /// <returns>Each line's box and its member count, and whether it runs down.</returns>
    public static List<(InkBlob Box, int Members, bool Vertical)> Group(List<InkBlob> blobs)
    {
        blobs.Sort((a, b) => a.Left.CompareTo(b.Left));
        var across = JoinAcross(blobs);
        var single = across.Where(line => line.Members <= 2).ToList();
        var rest = across.Where(line => line.Members > 2).Select(line => (line.Box, line.Members, Vertical: false)).ToList();
        single.Sort((a, b) => a.Box.Top.CompareTo(b.Box.Top));
        foreach (var (box, members, memberHeights) in JoinDown([.. single.Select(line => line.Box)]))
        {
            var vertical = members >= MinVerticalMembers && box.Height >= 2 * box.Width && memberHeights >= MinVerticalCover * box.Height;
            if (vertical)
            {
                rest.Add((box, members, true));
            }
        }

        // Components that made no vertical line stay the horizontal lines they were.
        var inVertical = rest.Where(line => line.Vertical).Select(line => line.Box).ToList();
        rest.AddRange(single.Where(line => !inVertical.Any(vertical => Contains(vertical, line.Box))).Select(line => (line.Box, line.Members, false)));
        return rest;
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
        return low.Width <= MarkWidth * high.Height && low.Top >= high.Top - reach && low.Bottom <= high.Bottom + reach ? Link.Mark : Link.None;
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
    private static List<(InkBlob Box, int Members)> JoinAcross(List<InkBlob> blobs)
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

        return [.. Collect(blobs, parent).Select(group => (group.Box, group.Members))];
    }

    private static float Distance(InkBlob a, InkBlob b)
    {
        var (dx, dy) = ((a.Left + a.Right - b.Left - b.Right) / 2f, (a.Top + a.Bottom - b.Top - b.Bottom) / 2f);
        return (dx * dx) + (dy * dy);
    }

    private static List<(InkBlob Box, int Members, int MemberHeights)> JoinDown(List<InkBlob> boxes)
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

        return Collect(boxes, parent);
    }

    private static List<(InkBlob Box, int Members, int MemberHeights)> Collect(List<InkBlob> blobs, int[] parent)
    {
        var groups = new Dictionary<int, (InkBlob Box, int Members, int MemberHeights)>();
        for (var i = 0; i < blobs.Count; i++)
        {
            var root = Find(parent, i);
            groups[root] = groups.TryGetValue(root, out var group)
                ? (group.Box.Union(blobs[i]), group.Members + 1, group.MemberHeights + blobs[i].Height)
                : (blobs[i], 1, blobs[i].Height);
        }

        return [.. groups.Values];
    }

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

    private static bool Contains(InkBlob outer, InkBlob inner) =>
        inner.Left >= outer.Left && inner.Right <= outer.Right && inner.Top >= outer.Top && inner.Bottom <= outer.Bottom;

    private enum Link
    {
        None,
        Letters,
        Mark,
    }
}
