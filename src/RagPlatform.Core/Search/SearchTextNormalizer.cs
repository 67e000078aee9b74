using System.Text;

namespace RagPlatform.Core.Search;

/// <summary>Folds away what makes equal words differ for search: characters that draw nothing but
/// split a word for a tokenizer. Applied, in one place, to text as it is indexed and to queries.</summary>
public static class SearchTextNormalizer
{
    /// <summary>Text without the invisible characters that producers leave inside words: zero-width
    /// space (U+200B), non-joiner (U+200C), joiner (U+200D), word joiner (U+2060), byte-order mark
    /// (U+FEFF) and soft hyphen (U+00AD), as Unicode's NFKC_Casefold folding drops them. A zero-width
    /// space between letters of Thai, Lao, Khmer or Myanmar, scripts written without spaces, is the
    /// word break itself and becomes a space.</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.AsSpan().IndexOfAny(Invisible) < 0)
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!Invisible.Contains(c))
            {
                result.Append(c);
            }
            else if (c == '\u200B' && result.Length > 0 && i + 1 < text.Length &&
                IsUnspacedScript(result[^1]) && IsUnspacedScript(text[i + 1]))
            {
                result.Append(' ');
            }
        }

        return result.ToString();
    }

    private static readonly System.Buffers.SearchValues<char> Invisible =
        System.Buffers.SearchValues.Create("\u200B\u200C\u200D\u2060\uFEFF\u00AD");

    private static bool IsUnspacedScript(char c) => c is
        (>= '\u0E00' and <= '\u0EFF') // Thai, Lao
        or (>= '\u1000' and <= '\u109F') // Myanmar
        or (>= '\u1780' and <= '\u17FF'); // Khmer
}
