using System.IO.Compression;
using RagPlatform.Core.Ingestion;

namespace RagPlatform.Infrastructure.Extraction.Office;

/// <summary>Checks an Office package's ZIP directory before any part is read: a ZIP bomb (a few
/// kilobytes that inflate to gigabytes) is refused from the sizes it declares. A part that inflates
/// beyond its declared size is cut there by the ZIP reader, so the declared sizes bound the memory.</summary>
internal static class PackageLimits
{
    private const int MaxEntries = 10_000;

    /// <exception cref="DocumentRejectedException">Not a readable ZIP, or over the limits.</exception>
    public static void Check(string path, ExtractionOptions options, string format)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            if (zip.Entries.Count > MaxEntries)
            {
                throw new DocumentRejectedException($"The {format} package has {zip.Entries.Count:N0} parts; the limit is {MaxEntries:N0}.");
            }

            var limit = (long)options.MaxUnpackedMegabytes * 1024 * 1024;
            var total = zip.Entries.Sum(e => e.Length);
            if (total > limit)
            {
                throw new DocumentRejectedException(
                    $"The {format} package unpacks to {total / (1024 * 1024):N0} MiB; the limit is {options.MaxUnpackedMegabytes:N0} MiB (Extraction:MaxUnpackedMegabytes).");
            }
        }
        // What a cut or garbled ZIP throws besides InvalidDataException (see OfficePackageSniffer).
        catch (Exception ex) when (ex is InvalidDataException or IOException or ArgumentOutOfRangeException or NotSupportedException)
        {
            throw new DocumentRejectedException($"The file is not a readable {format} package: {ex.Message}", ex);
        }
    }
}
