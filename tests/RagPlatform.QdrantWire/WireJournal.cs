namespace RagPlatform.QdrantWire;

/// <summary>Every call in arrival order, for tests that check what the client sent.</summary>
internal sealed class WireJournal
{
    private readonly Lock _gate = new();
    private readonly List<WireCall> _calls = [];

    public void Record(WireCall call)
    {
        lock (_gate)
        {
            _calls.Add(call);
        }
    }

    public IReadOnlyList<WireCall> Snapshot()
    {
        lock (_gate)
        {
            return [.. _calls];
        }
    }
}
