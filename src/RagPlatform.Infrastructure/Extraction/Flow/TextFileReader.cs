using System.Text;
using RagPlatform.Core.Ingestion;

namespace RagPlatform.Infrastructure.Extraction.Flow;

/// <summary>Reads a text file as the sniffer recognised it: UTF-16 by its byte order mark, else
/// UTF-8 (a byte order mark is dropped; a stray invalid byte past the sniffed head becomes U+FFFD).</summary>
internal static class TextFileReader
{
    public static async Task<string> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        var text = bytes switch
        {
            [0xFF, 0xFE, ..] => Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2),
            [0xFE, 0xFF, ..] => Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2),
            [0xEF, 0xBB, 0xBF, ..] => Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3),
            _ => Encoding.UTF8.GetString(bytes),
        };
        return text.Contains('\0', StringComparison.Ordinal)
            ? throw new DocumentRejectedException("The file holds NUL characters: it is not text.")
            : text;
    }
}
