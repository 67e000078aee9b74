using System.Runtime.CompilerServices;
using RagPlatform.Vectors.Embedded;

namespace RagPlatform.Infrastructure.Tests.Vectors;

/// <summary>A <see cref="SegmentChain"/> while a snapshot holds its segments frozen: a change goes to a copy
/// and leaves the frozen segment as it was; once the snapshot lets go, changes are in place again and the
/// chain keeps none of the segments it replaced by copies.</summary>
public sealed class SegmentChainFreezeTests
{
    private const int Dimensions = 4;
    private const int SegmentCapacity = 4;

    [Fact]
    public void A_change_while_frozen_goes_to_a_copy_and_after_release_in_place()
    {
        var chain = ChainOf(rows: 8);
        var frozen = chain.Freeze();
        var original = chain.Segments[1];

        var (copy, offset) = chain.LocateForChange(5);
        copy.DocumentSlots[offset] = 7;

        Assert.NotSame(original, copy);
        Assert.Same(copy, chain.Segments[1]);
        Assert.Same(original, frozen.Segments[1]);
        Assert.Equal(0, original.DocumentSlots[offset]);
        Assert.Same(chain.Segments[0], frozen.Segments[0]); // untouched segments are shared, not copied

        frozen.Release();
        Assert.Same(chain.Segments[0], chain.LocateForChange(0).Segment);
        Assert.Same(copy, chain.LocateForChange(5).Segment);
    }

    [Fact]
    public void Once_released_the_chain_no_longer_keeps_the_originals_of_the_segments_it_copied()
    {
        var chain = ChainOf(rows: 8);

        var original = FreezeChangeAndRelease(chain);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        // The next freeze may be far off (a snapshot follows a load or a compaction only): until then a
        // released snapshot must not hold the replaced segments, up to the whole index's codes again.
        Assert.False(original.IsAlive);
        GC.KeepAlive(chain); // the chain lives on (else everything it holds is collectable anyway)
    }

    /// <summary>Freezes, changes a row of the first segment (so the chain takes a copy), releases, and
    /// returns a weak reference to the original, with no strong one left on this frame.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference FreezeChangeAndRelease(SegmentChain chain)
    {
        var frozen = chain.Freeze();
        var original = new WeakReference(chain.Segments[0]);
        chain.LocateForChange(0).Segment.DocumentSlots[0] = 3;
        frozen.Release();
        return original;
    }

    private static SegmentChain ChainOf(int rows)
    {
        var chain = new SegmentChain(SegmentCapacity, keepVectors: false, keepCodes: true, keepItemIds: false);
        for (var count = 0; count < rows; count++)
        {
            chain.EnsureRoomAfter(count, Dimensions);
        }

        Assert.Equal(rows / SegmentCapacity, chain.Segments.Count);
        return chain;
    }
}
