using System.Runtime.CompilerServices;

namespace RagPlatform.Vectors.Embedded;

/// <summary>Keeps the <c>k</c> best (score, position) pairs seen so far in a min-heap: the root is
/// the worst kept score, so a candidate costs one comparison unless it beats it. O(n log k) for a
/// scan of n candidates, O(k) memory, no sorting of the whole collection.</summary>
internal sealed class TopKHeap
{
    private readonly float[] _scores;
    private readonly int[] _positions;

    public TopKHeap(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _scores = new float[capacity];
        _positions = new int[capacity];
    }

    public int Count { get; private set; }

    /// <summary>Offers a candidate; it is kept when the heap is not full or it beats the worst kept.
    /// Inlined: on a long scan almost every call is the one comparison with the root.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Offer(float score, int position)
    {
        if (Count == _scores.Length)
        {
            if (score > _scores[0])
            {
                ReplaceWorst(score, position);
            }
        }
        else
        {
            Add(score, position);
        }
    }

    /// <summary>Adds every candidate of another heap (the merge step of a parallel scan).</summary>
    public void OfferAll(TopKHeap other)
    {
        for (var i = 0; i < other.Count; i++)
        {
            Offer(other._scores[i], other._positions[i]);
        }
    }

    /// <summary>The kept candidates, best first.</summary>
    public (float Score, int Position)[] ToSortedArray()
    {
        var result = new (float Score, int Position)[Count];
        for (var i = 0; i < Count; i++)
        {
            result[i] = (_scores[i], _positions[i]);
        }

        Array.Sort(result, static (a, b) => b.Score.CompareTo(a.Score));
        return result;
    }

    private void Add(float score, int position)
    {
        var index = Count++;
        _scores[index] = score;
        _positions[index] = position;
        SiftUp(index);
    }

    private void ReplaceWorst(float score, int position)
    {
        _scores[0] = score;
        _positions[0] = position;
        SiftDown(0);
    }

    private void SiftUp(int index)
    {
        while (index > 0)
        {
            var parent = (index - 1) / 2;
            if (_scores[parent] <= _scores[index])
            {
                return;
            }

            Swap(parent, index);
            index = parent;
        }
    }

    private void SiftDown(int index)
    {
        while (true)
        {
            var smallest = index;
            var left = (2 * index) + 1;
            var right = left + 1;
            if (left < Count && _scores[left] < _scores[smallest])
            {
                smallest = left;
            }

            if (right < Count && _scores[right] < _scores[smallest])
            {
                smallest = right;
            }

            if (smallest == index)
            {
                return;
            }

            Swap(smallest, index);
            index = smallest;
        }
    }

    private void Swap(int a, int b)
    {
        (_scores[a], _scores[b]) = (_scores[b], _scores[a]);
        (_positions[a], _positions[b]) = (_positions[b], _positions[a]);
    }
}
