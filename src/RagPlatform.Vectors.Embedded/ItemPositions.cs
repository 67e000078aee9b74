using System.Numerics;
using System.Runtime.CompilerServices;

namespace RagPlatform.Vectors.Embedded;

/// <summary>Item id → row position, for upserts and removals: an open-addressing table (linear
/// probing, power-of-two size, at most 3/4 full) of 8-byte slots, each the id's 32-bit hash and the
/// row's position. The ids themselves are not copied: the rows already store them
/// (<paramref name="itemAt"/>), and the hash settles almost every probe without reading them. A
/// <c>Dictionary&lt;Guid, int&gt;</c> costs about 32 bytes a row (entry, hash code, chain link,
/// bucket); this costs 10.7-21.3 (16 MiB at 1M rows). Removal shifts the following run back (no
/// tombstones), so lookups never slow down with churn.
/// <para>Invariant: every stored position's row holds the id it was stored under, so a caller that
/// moves a row updates its position (<see cref="Move"/>) while the old row still holds the id.</para></summary>
internal sealed class ItemPositions(Func<int, Guid> itemAt)
{
    private const int MinimumSlots = 16;

    // Slot: hash in the high 32 bits, position + 1 in the low 32; 0 is empty.
    private ulong[] _slots = new ulong[MinimumSlots];

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
        position = slot >= 0 ? PositionIn(_slots[slot]) : -1;
        return slot >= 0;
    }

    /// <summary>Adds an item that is not in the table yet.</summary>
    public void Add(Guid itemId, int position)
    {
        if (SlotsFor(Count + 1) > _slots.Length)
        {
            Resize(_slots.Length * 2);
        }

        Insert(_slots, ((ulong)(uint)itemId.GetHashCode() << 32) | (uint)(position + 1));
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

        _slots[slot] = (_slots[slot] & 0xFFFF_FFFF_0000_0000UL) | (uint)(position + 1);
    }

    public bool Remove(Guid itemId, out int position)
    {
        var slot = Find(itemId);
        if (slot < 0)
        {
            position = -1;
            return false;
        }

        position = PositionIn(_slots[slot]);
        ShiftBack(slot);
        Count--;
        return true;
    }

    private static int SlotsFor(int count) =>
        (int)Math.Max(MinimumSlots, BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, ((long)count * 4 / 3) + 1)));

    private static int PositionIn(ulong slot) => (int)(uint)slot - 1;

    /// <summary>Fibonacci hashing of the id's hash: the product's high bits, spread over the table
    /// even when ids differ only in a counter.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Home(uint hash, int mask) =>
        (int)((hash * 0x9E3779B97F4A7C15UL) >> 32) & mask;

    private int Find(Guid itemId)
    {
        var hash = (uint)itemId.GetHashCode();
        var mask = _slots.Length - 1;
        for (var slot = Home(hash, mask); ; slot = (slot + 1) & mask)
        {
            var stored = _slots[slot];
            if (stored == 0)
            {
                return -1;
            }

            if ((uint)(stored >> 32) == hash && itemAt(PositionIn(stored)) == itemId)
            {
                return slot;
            }
        }
    }

    private static void Insert(ulong[] slots, ulong entry)
    {
        var mask = slots.Length - 1;
        var slot = Home((uint)(entry >> 32), mask);
        while (slots[slot] != 0)
        {
            slot = (slot + 1) & mask;
        }

        slots[slot] = entry;
    }

    /// <summary>Empties <paramref name="hole"/> and moves back every later entry of its run that may
    /// live there (its home is not cyclically within (hole, slot]), so no probe meets a gap too early.</summary>
    private void ShiftBack(int hole)
    {
        var mask = _slots.Length - 1;
        for (var slot = (hole + 1) & mask; _slots[slot] != 0; slot = (slot + 1) & mask)
        {
            var home = Home((uint)(_slots[slot] >> 32), mask);
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
        var resized = new ulong[slots];
        foreach (var stored in _slots)
        {
            if (stored != 0)
            {
                Insert(resized, stored);
            }
        }

        _slots = resized;
    }
}
