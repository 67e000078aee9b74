using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace RagPlatform.Infrastructure.Ocr.Quantization;

/// <summary>The int8 networks as quantised at an earlier load, kept on disk (under
/// <c>&lt;Storage:DataDirectory&gt;/cache/ocr</c>; the model folder may be read-only) so that a restart
/// loads them instead of calibrating again (2-3 s of CPU and 0.45 GB of memory for a moment). An entry's
/// name holds a key: the SHA-256 of the network's file, the module version id of this assembly (any
/// change of the code, calibration images included, makes new entries) and the settings the rewrite
/// depends on. Each file carries a SHA-256 of its model: a damaged or truncated one is discarded and
/// quantised again, and a cache that cannot be read or written only costs the calibration, never the
/// load. Entries are written to a temporary file and renamed, so a reader never sees half of one.
/// Loading is synchronous (it runs once, inside the recogniser's lazy load), so is this.</summary>
internal sealed class OcrInt8ModelCache(string directory, ILogger logger)
{
    private const int HashLength = 32;

    /// <summary>Magic, version of the layout, then the folded blocks and quantised convolutions
    /// (int32 little-endian each), the model's SHA-256 and the model.</summary>
    private static readonly byte[] Magic = "RAGOCRQ8\u0001"u8.ToArray();

    private static readonly int HeaderLength = Magic.Length + 8 + HashLength;

    public string Directory { get; } = Path.GetFullPath(directory);

    /// <summary>Where the quantised form of the network in <paramref name="sourcePath"/> is kept.</summary>
    /// <exception cref="IOException">The network's file cannot be read.</exception>
    public string EntryPath(string sourcePath, bool foldBlocks, OcrInt8Rewrite rewrite)
    {
        byte[] source;
        using (var stream = File.OpenRead(sourcePath))
        {
            source = SHA256.HashData(stream);
        }

        var code = typeof(OcrInt8ModelCache).Assembly.ManifestModule.ModuleVersionId;
        var key = SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{Convert.ToHexString(source)}|{code:N}|fold={foldBlocks}|{rewrite.CacheKey}"));
        return Path.Combine(Directory, $"{Path.GetFileNameWithoutExtension(sourcePath)}.int8-{Convert.ToHexStringLower(key)[..32]}.onnx");
    }

    /// <returns>The entry, or null when there is none or it is damaged (then it is deleted).</returns>
    public OcrInt8CachedModel? TryRead(string entryPath)
    {
        byte[] bytes;
        try
        {
            if (!File.Exists(entryPath))
            {
                return null;
            }

            bytes = File.ReadAllBytes(entryPath);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            OcrLog.Int8CacheUnreadable(logger, entryPath, exception.Message);
            return null;
        }

        if (Parse(bytes) is { } cached)
        {
            OcrLog.Int8CacheHit(logger, entryPath);
            return cached;
        }

        Discard(entryPath, "its checksum does not match");
        return null;
    }

    /// <summary>Stores an entry and deletes the other entries of the same network (older code or
    /// another file); a failure is logged, not thrown.</summary>
    public void Write(string entryPath, OcrInt8CachedModel model)
    {
        var temporary = $"{entryPath}.{Guid.NewGuid():N}.tmp";
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(Header(model));
                stream.Write(model.Model);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, entryPath, overwrite: true);
            OcrLog.Int8CacheWritten(logger, entryPath);
            DeleteOthers(entryPath);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            OcrLog.Int8CacheNotWritten(logger, entryPath, exception.Message);
            TryDelete(temporary);
        }
    }

    /// <summary>Deletes an entry that cannot be used (damaged, or refused by ONNX Runtime).</summary>
    public void Discard(string entryPath, string reason)
    {
        OcrLog.Int8CacheDamaged(logger, entryPath, reason);
        TryDelete(entryPath);
    }

    private static byte[] Header(OcrInt8CachedModel model)
    {
        var header = new byte[HeaderLength];
        Magic.CopyTo(header, 0);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(Magic.Length), model.FoldedBlocks);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(Magic.Length + 4), model.QuantizedConvs);
        SHA256.HashData(model.Model).CopyTo(header, Magic.Length + 8);
        return header;
    }

    private static OcrInt8CachedModel? Parse(byte[] bytes)
    {
        if (bytes.Length <= HeaderLength || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            return null;
        }

        var model = bytes[HeaderLength..];
        if (!SHA256.HashData(model).AsSpan().SequenceEqual(bytes.AsSpan(Magic.Length + 8, HashLength)))
        {
            return null;
        }

        return new OcrInt8CachedModel(model,
            BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(Magic.Length)),
            BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(Magic.Length + 4)));
    }

    private static void DeleteOthers(string entryPath)
    {
        var name = Path.GetFileName(entryPath);
        var network = name[..name.LastIndexOf(".int8-", StringComparison.Ordinal)];
        foreach (var other in System.IO.Directory.EnumerateFiles(Path.GetDirectoryName(entryPath)!, network + ".int8-*.onnx"))
        {
            if (!string.Equals(Path.GetFileName(other), name, StringComparison.Ordinal))
            {
                TryDelete(other);
            }
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Another process may hold it; a later write replaces it.
        }
    }
}
