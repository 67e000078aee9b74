namespace RagPlatform.Infrastructure.Imaging;

/// <summary>A rectangle in pixels, origin at the top-left corner.</summary>
internal readonly record struct PixelWindow(int Left, int Top, int Width, int Height)
{
    public static PixelWindow Whole(int width, int height) => new(0, 0, width, height);
}
