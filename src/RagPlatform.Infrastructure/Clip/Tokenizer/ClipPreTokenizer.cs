using System.Buffers;
using System.Globalization;
using System.Text;
using Microsoft.ML.Tokenizers;

namespace RagPlatform.Infrastructure.Clip.Tokenizer;

/// <summary>Splits cleaned, lower-cased text into the pieces BPE sees, exactly as the reference
/// pattern of openai/CLIP does:
/// <c>&lt;|startoftext|&gt;|&lt;|endoftext|&gt;|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+</c>
/// (Python <c>regex</c>, ignore case). It is a scanner rather than a .NET regex because .NET's
/// <c>\p{L}</c> tests UTF-16 code units: letters outside the BMP (CJK extension B, mathematical
/// letters) would fall into the punctuation class and be split differently.</summary>
internal sealed class ClipPreTokenizer : PreTokenizer
{
    private static readonly string[] SpecialTokens = ["<|startoftext|>", "<|endoftext|>"];

    // In pattern order: the first alternative that matches wins, as in the regex.
    private static readonly string[] Contractions = ["'s", "'t", "'re", "'ve", "'m", "'ll", "'d"];

    public override IEnumerable<(int Offset, int Length)> PreTokenize(string text) => Split(text);

    public override IEnumerable<(int Offset, int Length)> PreTokenize(ReadOnlySpan<char> text) => Split(text);

    public static List<(int Offset, int Length)> Split(ReadOnlySpan<char> text)
    {
        var pieces = new List<(int Offset, int Length)>();
        var position = 0;
        while (position < text.Length)
        {
            var rest = text[position..];
            var length = MatchAt(rest);
            if (length == 0)
            {
                // White space: no alternative matches it, so findall skips it.
                position += RuneLength(rest);
                continue;
            }

            pieces.Add((position, length));
            position += length;
        }

        return pieces;
    }

    private static int MatchAt(ReadOnlySpan<char> rest)
    {
        foreach (var special in SpecialTokens)
        {
            if (rest.StartsWith(special, StringComparison.Ordinal))
            {
                return special.Length;
            }
        }

        if (rest[0] == '\'')
        {
            foreach (var contraction in Contractions)
            {
                if (StartsWithIgnoringCase(rest, contraction))
                {
                    return contraction.Length;
                }
            }
        }

        var kind = Classify(rest);
        return kind switch
        {
            RuneKind.Skipped => 0,
            RuneKind.Number => RuneLength(rest),
            _ => RunLength(rest, kind),
        };
    }

    // [\p{L}]+ and [^\s\p{L}\p{N}]+ are greedy runs of one class.
    private static int RunLength(ReadOnlySpan<char> rest, RuneKind kind)
    {
        var length = 0;
        while (length < rest.Length && Classify(rest[length..]) == kind)
        {
            length += RuneLength(rest[length..]);
        }

        return length;
    }

    // The text is already lower-case, so ignoring case only matters for characters whose simple
    // case folding is an ASCII letter: the long s (ſ folds to s) and the Kelvin sign (K to k).
    private static bool StartsWithIgnoringCase(ReadOnlySpan<char> text, string ascii)
    {
        if (text.Length < ascii.Length)
        {
            return false;
        }

        for (var i = 0; i < ascii.Length; i++)
        {
            var folded = text[i] switch
            {
                '\u017F' => 's',
                '\u212A' => 'k',
                var c => char.ToLowerInvariant(c),
            };
            if (folded != ascii[i])
            {
                return false;
            }
        }

        return true;
    }

    private static RuneKind Classify(ReadOnlySpan<char> text)
    {
        if (Rune.DecodeFromUtf16(text, out var rune, out _) != OperationStatus.Done)
        {
            // A lone surrogate is neither letter, number nor space.
            return RuneKind.Other;
        }

        // U+0345 case-folds to ι: under the pattern's IGNORECASE it is in none of the three classes
        // (a letter for the negated class, not one for [\p{L}]), so like white space it matches nothing.
        if (Rune.IsWhiteSpace(rune) || rune.Value == 0x345)
        {
            return RuneKind.Skipped;
        }

        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter or
                UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => RuneKind.Letter,
            UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => RuneKind.Number,
            _ => RuneKind.Other,
        };
    }

    private static int RuneLength(ReadOnlySpan<char> text) =>
        Rune.DecodeFromUtf16(text, out _, out var consumed) == OperationStatus.Done ? consumed : 1;

    private enum RuneKind
    {
        Skipped,
        Letter,
        Number,
        Other,
    }
}
