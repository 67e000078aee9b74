using SkiaSharp;

namespace RagPlatform.Cli.Eval.Synthetic;

/// <summary>The fonts the synthetic images are drawn with: DejaVu (fonts-dejavu-core, which libvips'
/// fontconfig brings along on Debian), else whatever the system matches.</summary>
internal static class Typefaces
{
    private static readonly Lazy<SKTypeface> SansFace = new(() => Load("DejaVu Sans", SKFontStyle.Normal));
    private static readonly Lazy<SKTypeface> BoldFace = new(() => Load("DejaVu Sans", SKFontStyle.Bold));
    private static readonly Lazy<SKTypeface> MonoFace = new(() => Load("DejaVu Sans Mono", SKFontStyle.Normal));
    private static readonly Lazy<SKTypeface> SerifFace = new(() => Load("DejaVu Serif", SKFontStyle.Normal));
    private static readonly Lazy<SKTypeface> SerifItalicFace = new(() => Load("DejaVu Serif", SKFontStyle.Italic));

    public static SKTypeface Sans => SansFace.Value;

    public static SKTypeface Bold => BoldFace.Value;

    public static SKTypeface Mono => MonoFace.Value;

    public static SKTypeface Serif => SerifFace.Value;

    public static SKTypeface SerifItalic => SerifItalicFace.Value;

    /// <exception cref="EvalDatasetException">No installed font can draw Latin letters: the images
    /// would carry no text, and the dataset would measure nothing.</exception>
    private static SKTypeface Load(string family, SKFontStyle style)
    {
        var typeface = SKFontManager.Default.MatchFamily(family, style) ?? SKFontManager.Default.MatchFamily(null, style) ?? SKTypeface.Default;
        using var font = new SKFont(typeface);
        return font.ContainsGlyphs("Aa0")
            ? typeface
            : throw new EvalDatasetException("No installed font can draw text into the dataset's images: install one (Debian: apt-get install fonts-dejavu-core).");
    }
}
