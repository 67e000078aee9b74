using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace RagPlatform.Infrastructure.Extraction;

/// <summary>Repairs the commonest damage of all, a file cut off at the end (an interrupted download
/// or upload): the trailer that names the catalog is the last thing in a PDF, so without it neither
/// PdfPig nor poppler finds the pages even when every page object is still there. Appending a
/// trailer that points at the catalog found by scanning lets both recover the rest by themselves.</summary>
internal static partial class TruncatedPdfRepair
{
    /// <summary>Larger files are not scanned: the repair holds the whole file in memory.</summary>
    public const long MaxFileBytes = 64L * 1024 * 1024;

    // A catalog dictionary is short; looking further for its end would make a file full of object
    // headers without "endobj" quadratic to scan.
    private const int MaxObjectScan = 64 * 1024;

    /// <returns>The file with a trailer appended, or null when it has no catalog to point at.</returns>
    public static byte[]? TryAppendTrailer(byte[] pdf)
    {
        // Latin-1 maps bytes to chars one to one, so string offsets are file offsets.
        var text = Encoding.Latin1.GetString(pdf);
        var highestObject = 0L;
        Match? catalog = null;
        foreach (Match header in ObjectHeader().Matches(text))
        {
            highestObject = Math.Max(highestObject, long.Parse(header.Groups["number"].Value, CultureInfo.InvariantCulture));
            var window = Math.Min(MaxObjectScan, text.Length - header.Index);
            var end = text.IndexOf("endobj", header.Index, window, StringComparison.Ordinal);
            var body = text.AsSpan(header.Index, end < 0 ? window : end - header.Index);
            if (CatalogType().IsMatch(body))
            {
                catalog = header;
            }
        }

        if (catalog is null)
        {
            return null;
        }

        var trailer = string.Create(
            CultureInfo.InvariantCulture,
            $"\ntrailer\n<< /Size {highestObject + 1} /Root {catalog.Groups["number"].Value} {catalog.Groups["generation"].Value} R >>\nstartxref\n0\n%%EOF\n");
        return [.. pdf, .. Encoding.Latin1.GetBytes(trailer)];
    }

    [GeneratedRegex(@"(?<number>\d{1,10})\s+(?<generation>\d{1,5})\s+obj\b")]
    private static partial Regex ObjectHeader();

    [GeneratedRegex(@"/Type\s*/Catalog\b")]
    private static partial Regex CatalogType();
}
