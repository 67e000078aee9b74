namespace RagPlatform.Infrastructure.Clip.Tokenizer;

/// <summary>The reference's text normalisation before pre-tokenisation:
/// <c>whitespace_clean(basic_clean(text)).lower()</c> of openai/CLIP's <c>SimpleTokenizer</c>.</summary>
internal static class ClipTextCleaner
{
    public static string Clean(string text)
    {
        // basic_clean: ftfy.fix_text, html.unescape twice, strip.
        var cleaned = PythonText.Strip(PythonHtml.Unescape(PythonHtml.Unescape(TextRepair.Fix(text))));

        // whitespace_clean, then lower.
        return PythonText.Lower(PythonText.CollapseWhitespace(cleaned));
    }
}
