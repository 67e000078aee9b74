using Microsoft.Extensions.Logging;
using RagPlatform.Infrastructure.Tests.Clip;
using RagPlatform.Infrastructure.Tests.Storage;
using RagPlatform.Vectors.Embedded;
using RagPlatform.Vectors.Embedded.Files;

namespace RagPlatform.Infrastructure.Tests.Vectors;

/// <summary>A snapshot that is missing, torn, truncated, damaged, unreadable or of another log never
/// changes what a reload holds: it is ignored, with a warning naming the reason (unless it is simply
/// missing), the index loads every row from the log, and the snapshot is rewritten byte for byte.</summary>
public sealed class VectorSnapshotDamageTests : IDisposable
{
    private readonly VectorSnapshotFolder _files = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData("missing")]
    [InlineData("empty")]
    [InlineData("torn")]
    [InlineData("short by one byte")]
    [InlineData("one byte longer")]
    [InlineData("last block torn")]
    [InlineData("damaged codes")]
    [InlineData("damaged log offset")]
    [InlineData("damaged item map")]
    [InlineData("damaged header")]
    [InlineData("damaged trailer")]
    [InlineData("of another log")]
    [InlineData("unreadable")]
    public async Task A_snapshot_that_does_not_check_out_is_ignored_with_a_warning_and_rebuilt_byte_for_byte_from_the_log(string damage)
    {
        await _files.WriteRowsAsync(_files.Storage.OpenVectorIndex());
        await VectorSnapshotFolder.LoadAndSnapshotAsync(_files.Storage.OpenVectorIndex());
        var written = await File.ReadAllBytesAsync(_files.SnapshotPath(1), Token);

        var spoiled = (byte[])written.Clone();
        switch (damage)
        {
            case "missing":
                File.Delete(_files.SnapshotPath(1));
                break;
            case "empty":
                spoiled = [];
                break;
            case "torn":
                spoiled = spoiled[..(spoiled.Length / 2)];
                break;
            case "short by one byte":
                spoiled = spoiled[..^1];
                break;
            case "one byte longer":
                spoiled = [.. spoiled, 0];
                break;
            case "last block torn":
                // The length is right but the last block's pages never reached the disk (zeros),
                // which only the block's hash can tell.
                spoiled.AsSpan(LastBlock(written)).Clear();
                break;
            case "damaged codes":
                spoiled[VectorSnapshotFormat.HeaderBytes + (_files.Documents.Length * 16) + 100] ^= 0x04;
                break;
            case "damaged log offset":
                spoiled[LastBlock(written).End.Value - 8] ^= 0x01; // the last row's log offset, still in range
                break;
            case "damaged item map":
                spoiled[spoiled.Length - VectorSnapshotFormat.TrailerBytes - 30] ^= 0x40;
                break;
            case "damaged header":
                spoiled[13] ^= 0x01; // the row count
                break;
            case "damaged trailer":
                spoiled[^1] ^= 0x80;
                break;
            case "of another log":
                spoiled = await SnapshotOfAnotherLogAsync();
                break;
        }

        if (damage == "unreadable")
        {
            // A directory in the snapshot's place: opening it fails the way an unreadable file does.
            File.Delete(_files.SnapshotPath(1));
            Directory.CreateDirectory(_files.SnapshotPath(1));
        }
        else if (damage != "missing")
        {
            await File.WriteAllBytesAsync(_files.SnapshotPath(1), spoiled, Token);
        }

        var logger = new RecordingLogger<EmbeddedVectorIndex>();
        var reopened = _files.Storage.OpenVectorIndex(logger: logger);
        await _files.AssertSameResultsAsExactAsync(reopened);
        await reopened.SnapshotSettledAsync(Token);
        var warnings = logger.Entries.Where(entry => entry.Level == LogLevel.Warning).Select(entry => entry.Message).ToList();
        if (damage == "missing")
        {
            Assert.Empty(warnings);
        }
        else
        {
            Assert.Contains(warnings, message => message.StartsWith($"Ignored the vector snapshot {_files.SnapshotPath(1)}: ", StringComparison.Ordinal));
        }

        if (damage == "unreadable")
        {
            Directory.Delete(_files.SnapshotPath(1));
            await VectorSnapshotFolder.LoadAndSnapshotAsync(_files.Storage.OpenVectorIndex());
        }

        Assert.Equal(written, await File.ReadAllBytesAsync(_files.SnapshotPath(1), Token));
    }

    /// <summary>The bytes of a snapshot's last block (the partial one).</summary>
    private static Range LastBlock(byte[] snapshot)
    {
        var header = VectorSnapshotFormat.ReadHeader(snapshot)!;
        var rowBytes = VectorSnapshotFormat.RowBytes(header.Dimensions);
        var start = VectorSnapshotFormat.BlocksStart(header) + ((long)(header.Rows / header.BlockRows) * header.BlockRows * rowBytes);
        return (int)start..(int)(VectorSnapshotFormat.BlocksStart(header) + ((long)header.Rows * rowBytes));
    }

    /// <summary>A valid snapshot of the same generation over a log with other records.</summary>
    private async Task<byte[]> SnapshotOfAnotherLogAsync()
    {
        using var other = new TemporaryStorage();
        var writer = other.OpenVectorIndex();
        await writer.UpsertAsync(_files.Rows(50, first: 0), Token);
        await VectorSnapshotFolder.LoadAndSnapshotAsync(other.OpenVectorIndex());
        return await File.ReadAllBytesAsync(Path.Combine(other.DataDirectory, "vectors", "clip", "vectors-000001.codes"), Token);
    }
}
