using System.Text;
using System.Text.RegularExpressions;

namespace RagPlatform.Infrastructure.Clip.Tokenizer;

/// <summary>An approximation of <c>ftfy.fix_text</c> (ftfy 6.3, default settings), the first step of
/// the reference tokenizer. It runs ftfy's steps in ftfy's order: HTML entities (only when the text
/// has no '&lt;'), terminal escapes, mojibake, C1 controls, Latin ligatures, full-width characters,
/// curly quotes, lone surrogates, control characters, NFC.
/// <para>What it does not do: ftfy decides whether to re-decode a whole text with a statistical
/// "badness" score over several legacy code pages (Windows-1250/1251, MacRoman, cp437 ...). Here
/// only UTF-8 read as Windows-1252 or Latin-1 is repaired, sequence by sequence ("cafÃ©" → "café",
/// "â€™" → "'"), which is by far the most common mojibake; rarer ones stay as they are.</para></summary>
internal static partial class TextRepair
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private const string Cp1252High = PythonHtml.Windows1252High;

    // ftfy's fix_latin_ligatures: each character of the first string becomes the text at the same
    // index of the second list.
    private const string Ligatures = "\u0132\u0133\u0149\u01F1\u01F2\u01F3\u01C4\u01C5\u01C6\u01C7\u01C8\u01C9\u01CA\u01CB\u01CC\uFB00\uFB01\uFB02\uFB03\uFB04\uFB05\uFB06";

    private static readonly string[] LigatureExpansions =
    [
        "IJ", "ij", "\u02BCn", "DZ", "Dz", "dz", "D\u017D", "D\u017E", "d\u017E", "LJ", "Lj", "lj", "NJ", "Nj", "nj",
        "ff", "fi", "fl", "ffi", "ffl", "\u017Ft", "st",
    ];

    public static string Fix(string text)
    {
        if (!text.Contains('<', StringComparison.Ordinal))
        {
            text = HtmlEntity().Replace(text, UnescapeEntity);
        }

        text = TerminalEscape().Replace(text, string.Empty);

        // ftfy repeats its encoding fixes until nothing changes (doubly encoded mojibake).
        for (var round = 0; round < 3; round++)
        {
            var repaired = Utf8Mojibake().Replace(text, RedecodeUtf8);
            if (repaired == text)
            {
                break;
            }

            text = repaired;
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            AppendRepaired(builder, text, ref i);
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    private static void AppendRepaired(StringBuilder builder, string text, ref int i)
    {
        var c = text[i];
        if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
        {
            builder.Append(c).Append(text[++i]);
            return;
        }

        if (char.IsSurrogate(c))
        {
            builder.Append('\uFFFD');
        }
        else if (c is >= '\u0080' and <= '\u009F')
        {
            // fix_c1_controls: a C1 control is a Windows-1252 byte decoded as Latin-1.
            AppendRepaired(builder, Cp1252High[c - 0x80]);
        }
        else
        {
            AppendRepaired(builder, c);
        }
    }

    private static void AppendRepaired(StringBuilder builder, char c)
    {
        var ligature = Ligatures.IndexOf(c, StringComparison.Ordinal);
        if (ligature >= 0)
        {
            builder.Append(LigatureExpansions[ligature]);
        }
        else if (c == '\u3000')
        {
            builder.Append(' ');
        }
        else if (c is >= '\uFF01' and <= '\uFFEF')
        {
            // fix_character_width: the NFKC form of full-width and half-width forms.
            builder.Append(c.ToString().Normalize(NormalizationForm.FormKC));
        }
        else if (c is '\u02BC' or >= '\u2018' and <= '\u201B')
        {
            builder.Append('\'');
        }
        else if (c is >= '\u201C' and <= '\u201F')
        {
            builder.Append('"');
        }
        else if (!IsControlToRemove(c))
        {
            builder.Append(c);
        }
    }

    private static bool IsControlToRemove(char c) =>
        c is <= '\u0008' or '\u000B' or >= '\u000E' and <= '\u001F' or '\u007F' or >= '\u206A' and <= '\u206F' or
            '\uFEFF' or >= '\uFFF9' and <= '\uFFFC';

    private static string UnescapeEntity(Match match)
    {
        var entity = match.Value;
        if (entity[1] == '#')
        {
            var decoded = PythonHtml.DecodeNumeric(entity[1..]);
            return decoded.Contains(';', StringComparison.Ordinal) ? entity : decoded;
        }

        var name = entity[1..];
        if (PythonHtml.TryGetNamed(name, out var value))
        {
            return value;
        }

        // ftfy also decodes names that were upper-cased ("&EACUTE;" → "É") when that is unambiguous.
        var lower = name.ToLowerInvariant();
        var isAllCaps = string.Equals(name, name.ToUpperInvariant(), StringComparison.Ordinal);
        return isAllCaps && !string.Equals(lower, name, StringComparison.Ordinal) && PythonHtml.TryGetNamed(lower, out value)
            ? value.ToUpperInvariant()
            : entity;
    }

    private static string RedecodeUtf8(Match match)
    {
        Span<byte> bytes = stackalloc byte[4];
        var count = 0;
        foreach (var c in match.Value)
        {
            bytes[count++] = ToCp1252Byte(c);
        }

        try
        {
            return StrictUtf8.GetString(bytes[..count]);
        }
        catch (DecoderFallbackException)
        {
            return match.Value;
        }
    }

    private static byte ToCp1252Byte(char c) =>
        c <= '\u00FF' ? (byte)c : (byte)(0x80 + Cp1252High.IndexOf(c, StringComparison.Ordinal));

    // A UTF-8 lead byte followed by the right number of continuation bytes (0x80..0xBF), all read
    // as Windows-1252/Latin-1 characters. The continuation class lists 0x80..0x9F in both readings.
    private const string Continuation =
        "[\u0080-\u00BF\u20AC\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u017D" +
        "\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u017E\u0178]";

    // Two-byte sequences only with the leads of Latin-1 (Â Ã), Latin Extended-A (Ä Å), Greek (Î Ï)
    // and Cyrillic (Ð Ñ) letters: an uppercase É or Ø legitimately stands before a » or a no-break
    // space in real text, and ftfy's badness score leaves those alone too. Three- and four-byte
    // sequences need two or three continuation symbols in a row, which real text practically never has.
    [GeneratedRegex("[\u00C2-\u00C5\u00CE\u00CF\u00D0\u00D1]" + Continuation + "|[\u00E0-\u00EF]" + Continuation + "{2}|[\u00F0-\u00F4]" + Continuation + "{3}", RegexOptions.CultureInvariant)]
    private static partial Regex Utf8Mojibake();

    [GeneratedRegex("&#?[0-9A-Za-z]{1,24};", RegexOptions.CultureInvariant)]
    private static partial Regex HtmlEntity();

    [GeneratedRegex("\u001B\\[((?:\\d|;)*)([a-zA-Z])", RegexOptions.CultureInvariant)]
    private static partial Regex TerminalEscape();
}
