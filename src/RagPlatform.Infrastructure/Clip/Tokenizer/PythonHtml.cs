using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace RagPlatform.Infrastructure.Clip.Tokenizer;

/// <summary>Python's <c>html.unescape</c>, which the reference tokenizer applies twice.
/// <see cref="System.Net.WebUtility.HtmlDecode(string)"/> is not the same function: it knows only the
/// 253 HTML 4 names, needs the semicolon ("&amp;amp" stays as is) and maps numeric references
/// without the HTML5 repairs (&amp;#150; is "–" in Python).</summary>
internal static partial class PythonHtml
{
    /// <summary>HTML5 names → replacement, with and without the trailing semicolon exactly as
    /// Python's <c>html.entities.html5</c> lists them.</summary>
    private static readonly Lazy<Dictionary<string, string>> Html5 = new(LoadEntities);

    /// <summary>Windows-1252 bytes 0x80..0x9F; its five holes read as the C1 control of the same
    /// number. Python repairs numeric references 0x80..0x9F with it, and so does ftfy with C1
    /// controls ("sloppy windows-1252").</summary>
    internal const string Windows1252High =
        "\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F" +
        "\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178";

    public static string Unescape(string text) =>
        text.Contains('&', StringComparison.Ordinal) ? CharRef().Replace(text, ReplaceCharRef) : text;

    /// <summary>Looks up "&amp;name;" (with the semicolon) in the HTML5 table.</summary>
    public static bool TryGetNamed(string nameWithSemicolon, out string value) =>
        Html5.Value.TryGetValue(nameWithSemicolon, out value!);

    /// <summary>Decodes one numeric reference body ("#233", "#xE9", with or without ';').</summary>
    public static string DecodeNumeric(string body)
    {
        var digits = body.TrimEnd(';');
        var hex = digits.Length > 1 && digits[1] is 'x' or 'X';
        digits = hex ? digits[2..] : digits[1..];
        digits = digits.TrimStart('0');

        // Python's int() has no limit; anything longer than 8 significant digits is past U+10FFFF.
        if (digits.Length > 8)
        {
            return "\uFFFD";
        }

        var number = digits.Length == 0 ? 0 : long.Parse(digits, hex ? NumberStyles.HexNumber : NumberStyles.None, CultureInfo.InvariantCulture);
        // Python's _invalid_charrefs: the references a browser repairs.
        switch (number)
        {
            case 0x00:
                return "\uFFFD";
            case 0x0D:
                return "\r";
            case >= 0x80 and <= 0x9F:
                return Windows1252High[(int)number - 0x80].ToString();
        }

        if (number is >= 0xD800 and <= 0xDFFF || number > 0x10FFFF)
        {
            return "\uFFFD";
        }

        return IsInvalidCodePoint((int)number) ? string.Empty : char.ConvertFromUtf32((int)number);
    }

    private static string ReplaceCharRef(Match match)
    {
        var body = match.Groups[1].Value;
        if (body[0] == '#')
        {
            return DecodeNumeric(body);
        }

        var table = Html5.Value;
        if (table.TryGetValue(body, out var value))
        {
            return value;
        }

        // The longest prefix that is a name (the legacy names work without a semicolon: "&ampx").
        for (var length = body.Length - 1; length > 1; length--)
        {
            if (table.TryGetValue(body[..length], out value))
            {
                return value + body[length..];
            }
        }

        return "&" + body;
    }

    // Python's _invalid_codepoints: control characters and noncharacters, dropped.
    private static bool IsInvalidCodePoint(int codePoint) =>
        codePoint is >= 0x1 and <= 0x8 or 0xB or >= 0xE and <= 0x1F or >= 0x7F and <= 0x9F or >= 0xFDD0 and <= 0xFDEF ||
        (codePoint & 0xFFFE) == 0xFFFE;

    private static Dictionary<string, string> LoadEntities()
    {
        using var stream = typeof(PythonHtml).Assembly.GetManifestResourceStream("RagPlatform.Clip.Tokenizer.html5-entities.json")
            ?? throw new InvalidOperationException("The embedded HTML5 entity table is missing from the assembly.");
        return JsonSerializer.Deserialize<Dictionary<string, string>>(stream)
            ?? throw new InvalidOperationException("The embedded HTML5 entity table is empty.");
    }

    [GeneratedRegex(@"&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)", RegexOptions.CultureInvariant)]
    private static partial Regex CharRef();
}
