using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace RagPlatform.Core.Documents;

/// <summary>Recognises text: valid UTF-8 (with or without a byte order mark) or UTF-16 with one,
/// without NUL characters and with hardly any other control characters. Only the head is looked at;
/// a later invalid byte is decoded as U+FFFD by the extractor.</summary>
internal static class TextSniffer
{
    // Binary formats that happen to be valid UTF-8 in their first kilobyte still carry control
    // characters; text has at most a stray form feed or escape.
    private const double MaxControlFraction = 0.01;

    /// <summary>The head decoded, or null when it is not text.</summary>
    /// <param name="complete">The head is the whole file (a sequence cut at its end is an error then).</param>
    public static string? Decode(ReadOnlySpan<byte> head, bool complete)
    {
        string? text;
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            text = Encoding.Unicode.GetString(head[2..(2 + ((head.Length - 2) & ~1))]);
        }
        else if (head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            text = Encoding.BigEndianUnicode.GetString(head[2..(2 + ((head.Length - 2) & ~1))]);
        }
        else
        {
            text = DecodeUtf8(head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? head[3..] : head, complete);
        }

        return text is not null && LooksLikeText(text) ? text : null;
    }

    private static string? DecodeUtf8(ReadOnlySpan<byte> bytes, bool complete)
    {
        var chars = new char[bytes.Length];
        var status = Utf8.ToUtf16(bytes, chars, out _, out var written, replaceInvalidSequences: false, isFinalBlock: complete);
        return status is OperationStatus.Done or OperationStatus.NeedMoreData ? new string(chars, 0, written) : null;
    }

    private static bool LooksLikeText(string text)
    {
        if (text.Length == 0 || text.Contains('\0', StringComparison.Ordinal))
        {
            return false;
        }

        var controls = text.Count(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r' or '\f' or '\v'));
        return controls <= text.Length * MaxControlFraction;
    }
}
