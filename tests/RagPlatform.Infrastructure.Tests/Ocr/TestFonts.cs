using SkiaSharp;

namespace RagPlatform.Infrastructure.Tests.Ocr;

/// <summary>Typefaces from the machine's font files (Debian: fonts-dejavu-core and
/// fonts-urw-base35, listed in scripts/packages-test.txt), loaded by file so that every machine
/// draws the same glyphs.</summary>
internal static class TestFonts
{
    private const string FontRoot = "/usr/share/fonts";
    private static readonly Lazy<Dictionary<string, string>> Files = new(() =>
        Directory.Exists(FontRoot)
            ? Directory.EnumerateFiles(FontRoot, "*", SearchOption.AllDirectories)
                .GroupBy(Path.GetFileName, StringComparer.Ordinal)
                .ToDictionary(group => group.Key!, group => group.First(), StringComparer.Ordinal)
            : []);

    private static readonly Dictionary<string, SKTypeface> Loaded = [];

    public static SKTypeface DejaVuSans => Load("DejaVuSans.ttf", "fonts-dejavu-core");

    public static SKTypeface DejaVuSansBold => Load("DejaVuSans-Bold.ttf", "fonts-dejavu-core");

    public static SKTypeface DejaVuSerif => Load("DejaVuSerif.ttf", "fonts-dejavu-core");

    public static SKTypeface DejaVuSansMono => Load("DejaVuSansMono.ttf", "fonts-dejavu-core");

    /// <summary>A Helvetica clone.</summary>
    public static SKTypeface NimbusSans => Load("NimbusSans-Regular.otf", "fonts-urw-base35");

    /// <summary>A Times clone.</summary>
    public static SKTypeface NimbusRoman => Load("NimbusRoman-Regular.otf", "fonts-urw-base35");

    public static SKTypeface ByName(string name) => name switch
    {
        "DejaVu Sans" => DejaVuSans,
        "DejaVu Sans Bold" => DejaVuSansBold,
        "DejaVu Serif" => DejaVuSerif,
        "DejaVu Sans Mono" => DejaVuSansMono,
        "Nimbus Sans" => NimbusSans,
        "Nimbus Roman" => NimbusRoman,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "No such test font."),
    };

    private static SKTypeface Load(string fileName, string package)
    {
        lock (Loaded)
        {
            if (Loaded.TryGetValue(fileName, out var typeface))
            {
                return typeface;
            }

            if (!Files.Value.TryGetValue(fileName, out var path))
            {
                throw new InvalidOperationException(
                    $"The font file {fileName} is not under {FontRoot}: install the Debian package {package} (scripts/packages-test.txt lists it).");
            }

            typeface = SKTypeface.FromFile(path)
                ?? throw new InvalidOperationException($"Skia cannot load the font file {path}.");
            Loaded[fileName] = typeface;
            return typeface;
        }
    }
}
