namespace RagPlatform.QdrantWire;

/// <summary>Everything the server holds: collections by name and aliases onto them. One lock
/// serialises every call, which also makes each call atomic (as <c>wait=true</c> promises) and
/// each alias change all-or-nothing.</summary>
internal sealed class WireStore
{
    private readonly Dictionary<string, WireCollection> _collections = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _aliases = new(StringComparer.Ordinal);

    public Lock Gate { get; } = new();

    public IReadOnlyDictionary<string, WireCollection> Collections => _collections;

    /// <summary>Alias → collection name.</summary>
    public Dictionary<string, string> Aliases => _aliases;

    /// <summary>The collection a name refers to, directly or through an alias, as every points
    /// call resolves it.</summary>
    public WireCollection Resolve(string name) =>
        _collections.TryGetValue(_aliases.GetValueOrDefault(name, name), out var collection) ? collection : throw WireFailures.NotFound(name);

    public void Add(WireCollection collection)
    {
        if (_collections.ContainsKey(collection.Name) || _aliases.ContainsKey(collection.Name))
        {
            throw WireFailures.BadInput($"Collection `{collection.Name}` already exists!");
        }

        _collections.Add(collection.Name, collection);
    }

    /// <summary>Removes the collection and every alias onto it; false when there was none.</summary>
    public bool Remove(string name)
    {
        if (!_collections.Remove(name))
        {
            return false;
        }

        foreach (var alias in _aliases.Where(a => a.Value == name).Select(a => a.Key).ToList())
        {
            _aliases.Remove(alias);
        }

        return true;
    }
}
