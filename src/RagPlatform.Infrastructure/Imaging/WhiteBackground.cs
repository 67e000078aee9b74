namespace RagPlatform.Infrastructure.Imaging;

/// <summary>Composites transparent pixels on opaque white with the integer arithmetic of Pillow's
/// <c>Image.alpha_composite</c> (7 extra bits of precision, divisions by 255 rounded), so that
/// screenshots and charts with transparency give exactly the reference pixels.</summary>
internal static class WhiteBackground
{
    private const int PrecisionBits = 7;

    public static void Composite(RgbaRaster raster)
    {
        var pixels = raster.Pixels.AsSpan();
        for (var i = 0; i < pixels.Length; i += 4)
        {
            uint alpha = pixels[i + 3];
            if (alpha == 255)
            {
                continue;
            }

            // Over opaque white, Pillow's coefficients reduce to alpha·128 and (255 − alpha)·128.
            var sourceWeight = alpha << PrecisionBits;
            var whiteTerm = 255u * ((255u - alpha) << PrecisionBits);
            pixels[i] = Blend(pixels[i], sourceWeight, whiteTerm);
            pixels[i + 1] = Blend(pixels[i + 1], sourceWeight, whiteTerm);
            pixels[i + 2] = Blend(pixels[i + 2], sourceWeight, whiteTerm);
            pixels[i + 3] = 255;
        }
    }

    private static byte Blend(uint channel, uint sourceWeight, uint whiteTerm)
    {
        var value = (channel * sourceWeight) + whiteTerm + (0x80u << PrecisionBits);
        return (byte)((((value >> 8) + value) >> 8) >> PrecisionBits);
    }
}
