using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RagPlatform.Vectors.Embedded;

/// <summary>Item id → row position, for upserts and removals: an open-addressing table (linear
/// probing, at most 3/4 full, any size: not rounded up to a power of two, which at 1M rows would
/// take 16 MiB instead of 10.8) of 8-byte slots, each the id's 32-bit hash and the
/// row's position. The ids themselves are not copied: the rows (or their log records) already hold
/// them (<paramref name="itemAt"/>), and the hash settles almost every probe without reading one. A
/// <c>Dictionary&lt;Guid, int&gt;</c> costs about 32 bytes a row (entry, hash code, chain link,
/// bucket); this costs 10.7-16 (10.8 MiB at 1M rows loaded, with room for 1/16 more). Removal shifts the following run back (no
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
    /// while they stream in, with room for 1/16 more before the first growth.</summary>
    public void EnsureCapacity(int count)
    {
        var needed = SlotsFor(count + (count / 16));
        if (needed > _slots.Length)
        {
            Resize(needed);
        }
    }

    /// <summary>The table as it is, for a snapshot (<see cref="Files.VectorSnapshotWriter"/>): its
    /// layout depends only on the ids and the table's length, so a restore can take it back as is.</summary>
    public ReadOnlySpan<ulong> Slots => _slots;

    /// <summary>Takes back a table written by <see cref="Slots"/>; false (and nothing taken) unless
    /// it holds exactly the positions 0 … <paramref name="count"/> − 1, each once.</summary>
    public bool TryRestore(ulong[] slots, int count)
    {
        if (slots.Length < SlotsFor(count))
        {
            return false;
        }

        var seen = new System.Collections.BitArray(count);
        var stored = 0;
        foreach (var slot in slots)
        {
            if (slot == 0)
            {
                continue;
            }

            var position = PositionIn(slot);
            if ((uint)position >= (uint)count || seen[position])
            {
                return false;
            }

            seen[position] = true;
            stored++;
        }

        if (stored != count)
        {
            return false;
        }

        _slots = slots;
        Count = count;
        return true;
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
            Resize(_slots.Length + (_slots.Length / 2));
        }

        Insert(_slots, ((ulong)HashOf(itemId) << 32) | (uint)(position + 1));
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

    private static int SlotsFor(int count) => (int)Math.Max(MinimumSlots, ((long)count * 4 / 3) + 1);

    private static int PositionIn(ulong slot) => (int)(uint)slot - 1;

    /// <summary>Fibonacci hashing of the id's hash (the product's high bits, spread even when ids
    /// differ only in a counter), mapped onto the table by a multiply-shift instead of a mask.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Home(uint hash, int length) =>
        (int)(((hash * 0x9E3779B97F4A7C15UL) >> 32) * (ulong)length >> 32);

    /// <summary>A 32-bit hash of the id, fixed here rather than left to <see cref="Guid.GetHashCode"/>
    /// because snapshots store the table (the same folding of the id's four 32-bit words).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint HashOf(Guid itemId)
    {
        var words = MemoryMarshal.Cast<Guid, uint>(new ReadOnlySpan<Guid>(in itemId));
        return words[0] ^ words[1] ^ words[2] ^ words[3];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Next(int slot, int length) => slot + 1 == length ? 0 : slot + 1;

    /// <summary>How far <paramref name="to"/> lies after <paramref name="from"/>, going round the table.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Distance(int from, int to, int length) => to >= from ? to - from : to - from + length;

    private int Find(Guid itemId)
    {
        var hash = HashOf(itemId);
        var length = _slots.Length;
        for (var slot = Home(hash, length); ; slot = Next(slot, length))
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
        var length = slots.Length;
        var slot = Home((uint)(entry >> 32), length);
        while (slots[slot] != 0)
        {
            slot = Next(slot, length);
        }

        slots[slot] = entry;
    }

    /// <summary>Empties <paramref name="hole"/> and moves back every later entry of its run that may
    /// live there (its home is not cyclically within (hole, slot]), so no probe meets a gap too early.</summary>
    private void ShiftBack(int hole)
    {
        var length = _slots.Length;
        for (var slot = Next(hole, length); _slots[slot] != 0; slot = Next(slot, length))
        {
            var home = Home((uint)(_slots[slot] >> 32), length);
            var homeAfterHole = Distance(hole, home, length) <= Distance(hole, slot, length) && home != hole;
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
