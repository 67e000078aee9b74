using System.Numerics;
using System.Runtime.CompilerServices;

namespace RagPlatform.Vectors.Embedded;

/// <summary>Item id → row position, for upserts and removals: an open-addressing table (linear
/// probing, power-of-two size, at most 3/4 full) of positions alone, 4 bytes a slot, whose keys are
/// the item ids the rows already store (<paramref name="itemAt"/>). A <c>Dictionary&lt;Guid, int&gt;</c>
/// costs about 32 bytes a row (entry, hash code, chain link, bucket); this costs 5.3-10.7.
/// Removal shifts the following run back (no tombstones), so lookups never slow down with churn.
/// <para>Invariant: every stored position's row holds the id it was stored under, so a caller that
/// moves a row updates its position (<see cref="Move"/>) while the old row still holds the id.</para></summary>
internal sealed class ItemPositions(Func<int, Guid> itemAt)
{
    private const int MinimumSlots = 16;

    // Slot value: position + 1; 0 is empty.
    private int[] _slots = new int[MinimumSlots];

    public int Count { get; private set; }

    /// <summary>Sizes the table for <paramref name="count"/> items (a bulk load) so it does not grow
    /// while they stream in.</summary>
    public void EnsureCapacity(int count)
    {
        var needed = SlotsFor(count);
        if (needed > _slots.Length)
        {
            Resize(needed);
        }
    }

    public bool TryGetPosition(Guid itemId, out int position)
    {
        var slot = Find(itemId);
        position = slot >= 0 ? _slots[slot] - 1 : -1;
        return slot >= 0;
    }

    /// <summary>Adds an item that is not in the table yet.</summary>
    public void Add(Guid itemId, int position)
    {
        if (SlotsFor(Count + 1) > _slots.Length)
        {
            Resize(_slots.Length * 2);
        }

        Insert(_slots, itemId, position);
        Count++;
    }

    /// <summary>Points an item at a new position (a row moved by swap-remove); its old row must
    /// still hold the id.</summary>
    public void Move(Guid itemId, int position)
    {
        var slot = Find(itemId);
        if (slot < 0)
        {
            throw new InvalidOperationException($"Item {itemId} has no position to move.");
        }

        _slots[slot] = position + 1;
    }

    public bool Remove(Guid itemId, out int position)
    {
        var slot = Find(itemId);
        if (slot < 0)
        {
            position = -1;
            return false;
        }

        position = _slots[slot] - 1;
        ShiftBack(slot);
        Count--;
        return true;
    }

    private static int SlotsFor(int count) =>
        (int)Math.Max(MinimumSlots, BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, ((long)count * 4 / 3) + 1)));

    /// <summary>Fibonacci hashing: the top bits of the id's hash × 2⁶⁴/φ, spread over the table
    /// even when ids differ only in a counter.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Home(Guid itemId, int mask) =>
        (int)(((ulong)(uint)itemId.GetHashCode() * 0x9E3779B97F4A7C15UL) >> 32) & mask;

    private int Find(Guid itemId)
    {
        var mask = _slots.Length - 1;
        for (var slot = Home(itemId, mask); ; slot = (slot + 1) & mask)
        {
            var stored = _slots[slot];
            if (stored == 0)
            {
                return -1;
            }

            if (itemAt(stored - 1) == itemId)
            {
                return slot;
            }
        }
    }

    private static void Insert(int[] slots, Guid itemId, int position)
    {
        var mask = slots.Length - 1;
        var slot = Home(itemId, mask);
        while (slots[slot] != 0)
        {
            slot = (slot + 1) & mask;
        }

        slots[slot] = position + 1;
    }

    /// <summary>Empties <paramref name="hole"/> and moves back every later entry of its run that may
    /// live there (its home is not cyclically within (hole, slot]), so no probe meets a gap too early.</summary>
    private void ShiftBack(int hole)
    {
        var mask = _slots.Length - 1;
        for (var slot = (hole + 1) & mask; _slots[slot] != 0; slot = (slot + 1) & mask)
        {
            var home = Home(itemAt(_slots[slot] - 1), mask);
            var homeAfterHole = ((home - hole) & mask) <= ((slot - hole) & mask) && home != hole;
            if (!homeAfterHole)
            {
                _slots[hole] = _slots[slot];
                hole = slot;
            }
        }

        _slots[hole] = 0;
    }

    private void Resize(int slots)
    {
        var resized = new int[slots];
        foreach (var stored in _slots)
        {
            if (stored != 0)
            {
                Insert(resized, itemAt(stored - 1), stored - 1);
            }
        }

        _slots = resized;
    }
}
