using System.Globalization;

namespace RagPlatform.Benchmarks.Harness;

/// <summary>Table cells, always in the invariant culture so tables and logs read the same everywhere.</summary>
internal static class Cell
{
    public static string Of(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Of(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>Mebibytes (2^20 bytes), no decimals.</summary>
    public static string Megabytes(long bytes) => (bytes / (1024.0 * 1024)).ToString("F0", CultureInfo.InvariantCulture);
}
