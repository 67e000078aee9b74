namespace RagPlatform.Infrastructure.Ocr.FlatImageLines;

/// <summary>Horizontal runs of pixels, each [Start, End) in its Row, joined into connected
/// components by a union-find over the runs (flat images have long runs, so this touches each
/// pixel once and each run a few times).</summary>
internal sealed class Runs
{
    private readonly List<int> _start = [];
    private readonly List<int> _end = [];
    private readonly List<int> _row = [];
    private readonly List<int> _parent = [];

    public int Count => _start.Count;

    public List<int> Start => _start;

    public List<int> End => _end;

    public List<int> Row => _row;

    /// <summary>Runs of exactly equal colour, joined where they touch across or down (4-connected)
    /// with the same colour.</summary>
    public static Runs OfEqualColour(ReadOnlySpan<uint> pixels, int width, int height)
    {
        var runs = new Runs();
        var previous = (First: 0, Last: 0);
        for (var y = 0; y < height; y++)
        {
            var first = runs.Count;
            var row = pixels.Slice(y * width, width);
            for (var x = 0; x < width;)
            {
                var end = x + 1;
                while (end < width && row[end] == row[x])
                {
                    end++;
                }

                runs.Add(x, end, y);
                x = end;
            }

            // Each overlapping pair of the same colour is joined.
            foreach (var (i, j) in runs.Overlapping(first, previous, diagonally: false))
            {
                if (row[runs._start[i]] == pixels[((y - 1) * width) + runs._start[j]])
                {
                    runs.Union(i, j);
                }
            }

            previous = (first, runs.Count);
        }

        return runs;
    }

    /// <summary>Runs where <paramref name="mask"/> is non-zero, joined where they touch across,
    /// down or diagonally (8-connected).</summary>
    public static Runs OfMask(ReadOnlySpan<byte> mask, int width, int height)
    {
        var runs = new Runs();
        var previous = (First: 0, Last: 0);
        for (var y = 0; y < height; y++)
        {
            var first = runs.Count;
            var row = mask.Slice(y * width, width);
            for (var x = 0; x < width; x++)
            {
                if (row[x] == 0)
                {
                    continue;
                }

                var end = x + 1;
                while (end < width && row[end] != 0)
                {
                    end++;
                }

                runs.Add(x, end, y);
                x = end;
            }

            foreach (var (i, j) in runs.Overlapping(first, previous, diagonally: true))
            {
                runs.Union(i, j);
            }

            previous = (first, runs.Count);
        }

        return runs;
    }

    public int Root(int run)
    {
        var root = run;
        while (_parent[root] != root)
        {
            root = _parent[root];
        }

        while (_parent[run] != root)
        {
            var up = _parent[run];
            _parent[run] = root;
            run = up;
        }

        return root;
    }

    /// <summary>The pairs of a run of this row (from <paramref name="first"/> on) and a run of the
    /// row before (<paramref name="previous"/>) that overlap, or with <paramref name="diagonally"/>
    /// also touch at a corner: two pointers over both rows' runs, which are in order.</summary>
    private List<(int Run, int Above)> Overlapping(int first, (int First, int Last) previous, bool diagonally)
    {
        var pairs = new List<(int, int)>();
        var touch = diagonally ? 0 : 1;
        for (int i = first, j = previous.First; i < Count && j < previous.Last;)
        {
            if (_start[i] + touch <= _end[j] && _start[j] + touch <= _end[i])
            {
                pairs.Add((i, j));
            }

            if (_end[i] <= _end[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return pairs;
    }

    private void Add(int start, int end, int row)
    {
        _parent.Add(_start.Count);
        _start.Add(start);
        _end.Add(end);
        _row.Add(row);
    }

    private void Union(int a, int b)
    {
        var (rootA, rootB) = (Root(a), Root(b));
        if (rootA != rootB)
        {
            _parent[Math.Max(rootA, rootB)] = Math.Min(rootA, rootB);
        }
    }
}
