namespace RagPlatform.Infrastructure.Imaging;

/// <summary>An image as the platform sees it: upright (EXIF orientation applied), transparency
/// composited on white, so every pixel is opaque.</summary>
/// <param name="Format">The container, upper case ("PNG", "JPEG", ...), for messages.</param>
/// <param name="IsPaletteMode">True when Pillow would open the file as a palette ("P") or bilevel
/// ("1") image without transparency. Pillow resizes those with nearest neighbour whatever filter
/// is asked for, and the CLIP reference inherits that, so parity needs to know.</param>
internal sealed record DecodedImage(RgbaRaster Pixels, string Format, bool IsPaletteMode)
{
    public int Width => Pixels.Width;

    public int Height => Pixels.Height;
}
