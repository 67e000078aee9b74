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

            // Two pointers over this row's runs and the previous row's: each overlapping pair of
            // the same colour is joined.
            for (int i = first, j = previous.First; i < runs.Count && j < previous.Last;)
            {
                if (runs._start[i] < runs._end[j] && runs._start[j] < runs._end[i] && row[runs._start[i]] == pixels[((y - 1) * width) + runs._start[j]])
                {
                    runs.Union(i, j);
                }

                if (runs._end[i] <= runs._end[j])
                {
                    i++;
                }
                else
                {
                    j++;
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

            for (int i = first, j = previous.First; i < runs.Count && j < previous.Last;)
            {
                if (runs._start[i] <= runs._end[j] && runs._start[j] <= runs._end[i])
                {
                    runs.Union(i, j);
                }

                if (runs._end[i] <= runs._end[j])
                {
                    i++;
                }
                else
                {
                    j++;
                }
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
