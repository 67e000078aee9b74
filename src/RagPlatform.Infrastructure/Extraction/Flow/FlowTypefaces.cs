using SkiaSharp;

namespace RagPlatform.Infrastructure.Extraction.Flow;

/// <summary>The fonts page images of text documents are drawn with: DejaVu Sans (Debian's
/// fonts-dejavu-core, which libvips brings along), else whatever the system matches.</summary>
internal static class FlowTypefaces
{
    private static readonly Lazy<SKTypeface> RegularFace = new(() => Load(SKFontStyle.Normal));
    private static readonly Lazy<SKTypeface> BoldFace = new(() => Load(SKFontStyle.Bold));

    public static SKTypeface Regular => RegularFace.Value;

    public static SKTypeface Bold => BoldFace.Value;

    private static SKTypeface Load(SKFontStyle style) =>
        SKFontManager.Default.MatchFamily("DejaVu Sans", style) ?? SKFontManager.Default.MatchFamily(null, style) ?? SKTypeface.Default;
}
