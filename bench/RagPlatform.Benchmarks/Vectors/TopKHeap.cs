namespace RagPlatform.Benchmarks.Vectors;

/// <summary>The k best (score, row) pairs seen so far: a min-heap on score, so the weakest kept
/// match is at the root and a new candidate costs one comparison unless it qualifies.</summary>
internal sealed class TopKHeap
{
    private readonly float[] _scores;
    private readonly int[] _rows;

    public TopKHeap(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _scores = new float[capacity];
        _rows = new int[capacity];
    }

    public int Count { get; private set; }

    /// <summary>A score must exceed this to enter (−∞ until the heap is full).</summary>
    public float Threshold => Count < _scores.Length ? float.NegativeInfinity : _scores[0];

    public void Offer(float score, int row)
    {
        if (Count < _scores.Length)
        {
            var child = Count++;
            while (child > 0)
            {
                var parent = (child - 1) / 2;
                if (_scores[parent] <= score)
                {
                    break;
                }

                _scores[child] = _scores[parent];
                _rows[child] = _rows[parent];
                child = parent;
            }

            _scores[child] = score;
            _rows[child] = row;
        }
        else if (score > _scores[0])
        {
            SiftDownFromRoot(score, row);
        }
    }

    /// <summary>Best first; equal scores by ascending row, so results are deterministic.</summary>
    public VectorMatch[] ToSortedMatches()
    {
        var matches = new VectorMatch[Count];
        for (var i = 0; i < Count; i++)
        {
            matches[i] = new VectorMatch(_rows[i], _scores[i]);
        }

        Array.Sort(matches, static (left, right) =>
            right.Score.CompareTo(left.Score) is var order && order != 0 ? order : left.Row.CompareTo(right.Row));
        return matches;
    }

    private void SiftDownFromRoot(float score, int row)
    {
        var parent = 0;
        while (true)
        {
            var child = (2 * parent) + 1;
            if (child >= Count)
            {
                break;
            }

            if (child + 1 < Count && _scores[child + 1] < _scores[child])
            {
                child++;
            }

            if (_scores[child] >= score)
            {
                break;
            }

            _scores[parent] = _scores[child];
            _rows[parent] = _rows[child];
            parent = child;
        }

        _scores[parent] = score;
        _rows[parent] = row;
    }
}
