using RagPlatform.Infrastructure.Imaging;

namespace RagPlatform.Infrastructure.Clip;

/// <summary>Turns a decoded image into the vision tower's input exactly as the reference does:
/// shortest side to <see cref="ClipPreprocessorConfig.ShortestEdge"/> (the other side
/// <c>int(edge · long / short)</c>) with Pillow's antialiased bicubic (nearest neighbour for
/// palette images, as Pillow does), centre crop at offsets rounded half to even (Python's
/// <c>round</c>), then per channel <c>(value · rescale − mean) / std</c> in float32, CHW layout.
/// Thread-safe.</summary>
internal sealed class ClipImagePreprocessor
{
    // Per channel, the normalised float of every 8-bit value: the whole arithmetic is a lookup.
    private readonly float[][] _lookup;

    public ClipImagePreprocessor(ClipPreprocessorConfig config)
    {
        Config = config;
        _lookup = new float[3][];
        for (var channel = 0; channel < 3; channel++)
        {
            _lookup[channel] = new float[256];
            for (var value = 0; value < 256; value++)
            {
                // torchvision: float32 value / 255, minus float32 mean, divided by float32 std.
                var scaled = (float)(value * Config.RescaleFactor);
                _lookup[channel][value] = (scaled - (float)Config.Mean[channel]) / (float)Config.Std[channel];
            }
        }
    }

    public ClipPreprocessorConfig Config { get; }

    /// <summary>Floats per image: 3 × crop height × crop width.</summary>
    public int TensorLength => 3 * Config.CropHeight * Config.CropWidth;

    /// <summary>Writes the CHW tensor of <paramref name="image"/> into <paramref name="tensor"/>
    /// (<see cref="TensorLength"/> floats).</summary>
    public void Preprocess(DecodedImage image, Span<float> tensor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tensor.Length, TensorLength, nameof(tensor));
        var cropped = ResizeAndCrop(image);
        var plane = Config.CropWidth * Config.CropHeight;
        var pixels = cropped.Pixels;
        for (var i = 0; i < plane; i++)
        {
            tensor[i] = _lookup[0][pixels[i * 4]];
            tensor[plane + i] = _lookup[1][pixels[(i * 4) + 1]];
            tensor[(2 * plane) + i] = _lookup[2][pixels[(i * 4) + 2]];
        }
    }

    /// <summary>The 8-bit crop the tensor is made from (Resize then CenterCrop).</summary>
    internal RgbaRaster ResizeAndCrop(DecodedImage image)
    {
        var (width, height) = ResizedSize(image.Width, image.Height);
        var window = new PixelWindow(
            CropOffset(width, Config.CropWidth),
            CropOffset(height, Config.CropHeight),
            Config.CropWidth,
            Config.CropHeight);
        return image.IsPaletteMode
            ? PillowResampler.ResizeNearest(image.Pixels, width, height, window)
            : PillowResampler.ResizeBicubic(image.Pixels, width, height, window);
    }

    /// <summary>torchvision's Resize(int): the short side becomes the edge, the long side
    /// <c>int(edge * long / short)</c> in double precision.</summary>
    internal (int Width, int Height) ResizedSize(int width, int height)
    {
        var edge = Config.ShortestEdge;
        if (width <= height)
        {
            return (edge, (int)((double)((long)edge * height) / width));
        }

        return ((int)((double)((long)edge * width) / height), edge);
    }

    // torchvision's CenterCrop: int(round((size - crop) / 2.0)), Python rounding half to even.
    private static int CropOffset(int size, int crop) => (int)Math.Round((size - crop) / 2.0, MidpointRounding.ToEven);
}
