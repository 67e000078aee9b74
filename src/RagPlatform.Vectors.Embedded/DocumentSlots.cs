namespace RagPlatform.Vectors.Embedded;

/// <summary>Numbers the documents present in the index with small reusable integers, so that each
/// vector stores 4 bytes instead of a 16-byte Guid and a document filter becomes a bool[] lookup per
/// vector instead of a hash lookup. A slot is freed when its last vector goes. Each slot also knows
/// its document's collection, so a collection filter is the same bool[] lookup, applied during the
/// scan (before the top k are taken).</summary>
internal sealed class DocumentSlots
{
    private readonly Dictionary<Guid, int> _slotByDocument = [];
    private readonly List<Guid> _documentBySlot = [];
    private readonly List<string?> _collectionBySlot = [];
    private readonly List<int> _vectorsBySlot = [];
    private readonly Stack<int> _free = new();

    /// <summary>Upper bound of slot numbers in use (the length a per-slot array needs).</summary>
    public int Capacity => _documentBySlot.Count;

    /// <summary>The document's slot, created if needed, counting one more vector in it.</summary>
    /// <param name="collection">The document's collection; null when unknown (a document being
    /// deleted, or an index used without collections), which no collection filter matches.</param>
    public int Acquire(Guid documentId, string? collection = null)
    {
        if (!_slotByDocument.TryGetValue(documentId, out var slot))
        {
            if (_free.TryPop(out slot))
            {
                _documentBySlot[slot] = documentId;
                _collectionBySlot[slot] = collection;
            }
            else
            {
                slot = _documentBySlot.Count;
                _documentBySlot.Add(documentId);
                _collectionBySlot.Add(collection);
                _vectorsBySlot.Add(0);
            }

            _slotByDocument[documentId] = slot;
        }
        else if (collection is not null)
        {
            // A document's collection never changes; this only fills in one not known before.
            _collectionBySlot[slot] = collection;
        }

        _vectorsBySlot[slot]++;
        return slot;
    }

    /// <summary>Counts one vector fewer in the slot and frees it when none is left.</summary>
    public void Release(int slot)
    {
        if (--_vectorsBySlot[slot] == 0)
        {
            _slotByDocument.Remove(_documentBySlot[slot]);
            _documentBySlot[slot] = Guid.Empty;
            _collectionBySlot[slot] = null;
            _free.Push(slot);
        }
    }

    public Guid DocumentAt(int slot) => _documentBySlot[slot];

    /// <summary>Empties this and takes the slots of a snapshot: the document of each slot (empty
    /// when free) and how many rows hold each. Collections are assigned afterwards.</summary>
    public void Restore(ReadOnlySpan<Guid> documentBySlot, ReadOnlySpan<int> vectorsBySlot)
    {
        _slotByDocument.Clear();
        _documentBySlot.Clear();
        _collectionBySlot.Clear();
        _vectorsBySlot.Clear();
        _free.Clear();
        for (var slot = 0; slot < documentBySlot.Length; slot++)
        {
            var live = vectorsBySlot[slot] > 0;
            _documentBySlot.Add(live ? documentBySlot[slot] : Guid.Empty);
            _collectionBySlot.Add(null);
            _vectorsBySlot.Add(vectorsBySlot[slot]);
            if (live)
            {
                _slotByDocument.Add(documentBySlot[slot], slot);
            }
        }

        // Pushed from the top so the lowest free slot is reused first, as a fresh numbering would.
        for (var slot = documentBySlot.Length - 1; slot >= 0; slot--)
        {
            if (vectorsBySlot[slot] == 0)
            {
                _free.Push(slot);
            }
        }
    }

    /// <summary>Sets the collection of each slot whose document is in <paramref name="collections"/> with one.</summary>
    public void AssignCollections(IReadOnlyDictionary<Guid, string?> collections)
    {
        for (var slot = 0; slot < _documentBySlot.Count; slot++)
        {
            if (_vectorsBySlot[slot] > 0 && collections.TryGetValue(_documentBySlot[slot], out var collection) && collection is not null)
            {
                _collectionBySlot[slot] = collection;
            }
        }
    }

    public bool TryGetSlot(Guid documentId, out int slot) => _slotByDocument.TryGetValue(documentId, out slot);

    /// <summary>The per-slot mask of the documents a filter allows (null: all of them); false when
    /// it allows none that has vectors here.</summary>
    public bool TryMask(RagPlatform.Core.Search.SearchFilter filter, out bool[]? mask)
    {
        mask = filter.DocumentIds.Count == 0 ? null : MaskOf(filter.DocumentIds);
        if (filter.DocumentIds.Count > 0 && mask is null)
        {
            return false;
        }

        if (filter.Collection is not null)
        {
            var collectionMask = MaskOfCollection(filter.Collection);
            if (collectionMask is null)
            {
                return false;
            }

            mask = mask is null ? collectionMask : Both(mask, collectionMask);
        }

        return true;
    }

    /// <summary>A per-slot mask of the documents of a collection; null when none of them has vectors here.</summary>
    public bool[]? MaskOfCollection(string collection)
    {
        bool[]? mask = null;
        for (var slot = 0; slot < _collectionBySlot.Count; slot++)
        {
            if (string.Equals(_collectionBySlot[slot], collection, StringComparison.Ordinal))
            {
                mask ??= new bool[Capacity];
                mask[slot] = true;
            }
        }

        return mask;
    }

    /// <summary>How many vectors the documents of a collection hold here.</summary>
    public long VectorsIn(string collection)
    {
        long vectors = 0;
        for (var slot = 0; slot < _collectionBySlot.Count; slot++)
        {
            if (string.Equals(_collectionBySlot[slot], collection, StringComparison.Ordinal))
            {
                vectors += _vectorsBySlot[slot];
            }
        }

        return vectors;
    }

    /// <summary>A per-slot mask of the given documents; null when none of them has vectors here.</summary>
    public bool[]? MaskOf(IEnumerable<Guid> documentIds)
    {
        bool[]? mask = null;
        foreach (var documentId in documentIds)
        {
            if (_slotByDocument.TryGetValue(documentId, out var slot))
            {
                mask ??= new bool[Capacity];
                mask[slot] = true;
            }
        }

        return mask;
    }

    /// <summary>Slots set in both masks (of the same capacity).</summary>
    public static bool[] Both(bool[] left, bool[] right)
    {
        var both = new bool[left.Length];
        for (var slot = 0; slot < both.Length; slot++)
        {
            both[slot] = left[slot] && right[slot];
        }

        return both;
    }
}
