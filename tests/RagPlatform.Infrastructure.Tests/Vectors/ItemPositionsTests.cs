using RagPlatform.Vectors.Embedded;

namespace RagPlatform.Infrastructure.Tests.Vectors;

/// <summary>The item map of the embedded index against a dictionary, through the dense swap-remove
/// row order the segments keep: adds, moves and removals (backward shifts) in every order, across
/// growth, with ids that collide in their low bits.</summary>
public sealed class ItemPositionsTests
{
    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    public void Random_adds_and_swap_removes_keep_every_position_found(int seed, bool counterIds)
    {
        var random = new Random(seed);
        var rows = new List<Guid>();
        var positions = new ItemPositions(position => rows[position]);
        var expected = new Dictionary<Guid, int>();
        var next = 0;
        for (var step = 0; step < 30_000; step++)
        {
            if (rows.Count == 0 || random.NextDouble() < 0.6)
            {
                // Counter ids differ only in one field, as ids made from a sequence do.
                var id = counterIds ? new Guid(next++, 7, 7, 0, 0, 0, 0, 0, 0, 0, 0) : Guid.NewGuid();
                rows.Add(id);
                positions.Add(id, rows.Count - 1);
                expected[id] = rows.Count - 1;
            }
            else
            {
                var removed = rows[random.Next(rows.Count)];
                Assert.True(positions.Remove(removed, out var position));
                Assert.Equal(expected[removed], position);
                expected.Remove(removed);
                var last = rows.Count - 1;
                if (position != last)
                {
                    var moved = rows[last];
                    rows[position] = moved;
                    positions.Move(moved, position);
                    expected[moved] = position;
                }

                rows.RemoveAt(last);
                Assert.False(positions.TryGetPosition(removed, out _));
            }
        }

        Assert.Equal(expected.Count, positions.Count);
        foreach (var (id, position) in expected)
        {
            Assert.True(positions.TryGetPosition(id, out var found));
            Assert.Equal(position, found);
        }

        Assert.False(positions.Remove(Guid.NewGuid(), out _));
    }

    [Fact]
    public void Ids_with_equal_hash_codes_are_told_apart()
    {
        // A Guid's hash code XORs its four 32-bit words, so swapping two words keeps it.
        var rows = new List<Guid>();
        for (var i = 1; i <= 200; i++)
        {
            rows.Add(Of(i, 1000 + i));
            rows.Add(Of(1000 + i, i));
        }

        Assert.Equal(rows[0].GetHashCode(), rows[1].GetHashCode());
        var positions = new ItemPositions(position => rows[position]);
        for (var i = 0; i < rows.Count; i++)
        {
            positions.Add(rows[i], i);
        }

        Assert.True(positions.Remove(rows[0], out var removed));
        Assert.Equal(0, removed);
        Assert.True(positions.TryGetPosition(rows[1], out var twin));
        Assert.Equal(1, twin);
        Assert.False(positions.TryGetPosition(rows[0], out _));
        Assert.All(Enumerable.Range(1, rows.Count - 1), i => Assert.True(positions.TryGetPosition(rows[i], out var position) && position == i));

        static Guid Of(int first, int second)
        {
            var bytes = new byte[16];
            BitConverter.TryWriteBytes(bytes.AsSpan(0, 4), first);
            BitConverter.TryWriteBytes(bytes.AsSpan(4, 4), second);
            return new Guid(bytes);
        }
    }

    [Fact]
    public void A_table_sized_for_a_bulk_load_finds_every_row()
    {
        var rows = Enumerable.Range(0, 50_000).Select(i => new Guid(i, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0)).ToList();
        var positions = new ItemPositions(position => rows[position]);
        positions.EnsureCapacity(rows.Count);

        for (var i = 0; i < rows.Count; i++)
        {
            positions.Add(rows[i], i);
        }

        Assert.All(Enumerable.Range(0, rows.Count), i => Assert.True(positions.TryGetPosition(rows[i], out var position) && position == i));
    }
}
