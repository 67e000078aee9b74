namespace RagPlatform.Infrastructure.Extraction;

/// <summary>Disjoint sets of letter indices (union-find with path halving): the letters linked into
/// one word, however the links chain.</summary>
internal sealed class LetterSets
{
    private readonly int[] _parent;

    public LetterSets(int count) => _parent = [.. Enumerable.Range(0, count)];

    /// <returns>The index standing for the set that holds <paramref name="index"/>.</returns>
    public int Find(int index)
    {
        while (_parent[index] != index)
        {
            _parent[index] = _parent[_parent[index]];
            index = _parent[index];
        }

        return index;
    }

    public void Join(int first, int second)
    {
        var (a, b) = (Find(first), Find(second));
        if (a != b)
        {
            // The lower index stands for the set, so a set is named by its first letter.
            _parent[Math.Max(a, b)] = Math.Min(a, b);
        }
    }
}
