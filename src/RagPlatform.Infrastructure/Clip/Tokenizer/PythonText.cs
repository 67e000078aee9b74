using System.Globalization;
using System.Text;

namespace RagPlatform.Infrastructure.Clip.Tokenizer;

/// <summary>The few Python 3 string semantics the reference tokenizer relies on and .NET spells
/// differently: <c>str.isspace</c>, <c>str.strip</c> and <c>str.lower</c> (full case mapping with
/// the Greek final-sigma rule).</summary>
internal static class PythonText
{
    /// <summary>Python's <c>str.isspace</c>: .NET's white space plus the four information
    /// separators U+001C..U+001F, which Python also counts.</summary>
    public static bool IsSpace(char c) => char.IsWhiteSpace(c) || c is >= '\u001C' and <= '\u001F';

    public static string Strip(string text)
    {
        var start = 0;
        var end = text.Length;
        while (start < end && IsSpace(text[start]))
        {
            start++;
        }

        while (end > start && IsSpace(text[end - 1]))
        {
            end--;
        }

        return start == 0 && end == text.Length ? text : text[start..end];
    }

    /// <summary><c>re.sub(r'\s+', ' ', text)</c> of the <c>regex</c> module (whose <c>\s</c> is
    /// Unicode White_Space, i.e. .NET's <see cref="char.IsWhiteSpace(char)"/>), then strip.</summary>
    public static string CollapseWhitespace(string text)
    {
        var builder = new StringBuilder(text.Length);
        var inSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                if (!inSpace)
                {
                    builder.Append(' ');
                }

                inSpace = true;
            }
            else
            {
                builder.Append(c);
                inSpace = false;
            }
        }

        return Strip(builder.ToString());
    }

    /// <summary>Python's <c>str.lower</c>. It differs from <see cref="string.ToLowerInvariant"/> in two
    /// places that change tokens: U+0130 becomes "i" + U+0307, and a capital sigma at the end of a
    /// word becomes the final form ς.</summary>
    public static string Lower(string text)
    {
        var lowered = text.ToLowerInvariant();
        if (text.AsSpan().IndexOfAny('\u0130', '\u03A3') < 0)
        {
            return lowered;
        }

        // ToLowerInvariant maps char by char (surrogate pairs included), so indices still line up.
        var builder = new StringBuilder(lowered.Length + 4);
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '\u0130':
                    builder.Append("i\u0307");
                    break;
                case '\u03A3':
                    builder.Append(IsFinalSigma(text, i) ? '\u03C2' : '\u03C3');
                    break;
                default:
                    builder.Append(lowered[i]);
                    break;
            }
        }

        return builder.ToString();
    }

    // CPython's handle_capital_sigma: preceded by a cased letter and not followed by one, skipping
    // case-ignorable characters on both sides.
    private static bool IsFinalSigma(string text, int index)
    {
        var before = text.AsSpan(0, index);
        Rune rune = default;
        while (!before.IsEmpty)
        {
            Rune.DecodeLastFromUtf16(before, out rune, out var consumed);
            before = before[..^consumed];
            if (!IsCaseIgnorable(rune))
            {
                break;
            }

            rune = default;
        }

        if (!IsCased(rune))
        {
            return false;
        }

        var after = text.AsSpan(index + 1);
        while (!after.IsEmpty)
        {
            Rune.DecodeFromUtf16(after, out rune, out var consumed);
            after = after[consumed..];
            if (!IsCaseIgnorable(rune))
            {
                return !IsCased(rune);
            }
        }

        return true;
    }

    // Unicode's Cased property: the three cased letter categories plus the Other_Uppercase and
    // Other_Lowercase characters (roman numerals, circled and squared letters, modifier letters).
    private static bool IsCased(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter ||
        rune.Value is 0xAA or 0xBA or >= 0x2B0 and <= 0x2B8 or 0x2C0 or 0x2C1 or >= 0x2E0 and <= 0x2E4 or 0x345 or 0x37A or
            >= 0x1D2C and <= 0x1D6A or 0x1D78 or >= 0x1D9B and <= 0x1DBF or 0x2071 or 0x207F or >= 0x2090 and <= 0x209C or
            >= 0x2160 and <= 0x217F or >= 0x24B6 and <= 0x24E9 or >= 0x1F130 and <= 0x1F149 or >= 0x1F150 and <= 0x1F169 or
            >= 0x1F170 and <= 0x1F189;

    private static bool IsCaseIgnorable(Rune rune) =>
        rune.Value is '\'' or '.' or ':' or '^' or '`' or 0xB7 or 0x2018 or 0x2019 or 0x2024 or 0x2027 ||
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or
            UnicodeCategory.Format or UnicodeCategory.ModifierLetter or UnicodeCategory.ModifierSymbol;
}
