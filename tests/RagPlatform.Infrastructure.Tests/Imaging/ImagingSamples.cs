namespace RagPlatform.Infrastructure.Tests.Imaging;

/// <summary>Real image files from Debian packages (see Samples/README.md) and the Pillow reference
/// crops made from them by scripts/clip-reference/pillow_reference_crops.py.</summary>
internal static class ImagingSamples
{
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "Imaging", "Samples");

    public static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(Folder, name));

    public static string ReferenceCrop(string name) => Path.Combine(Folder, "reference", name + ".png");
}
