using System.Runtime.InteropServices;
using RagPlatform.Infrastructure.Imaging;
using SkiaSharp;

namespace RagPlatform.Infrastructure.Ocr;

/// <summary>A decoded image the networks sample from: the whole of it scaled for the detector
/// (<see cref="OcrResampler"/>), and each text box cut out, straightened and scaled for the recogniser
/// in one resampling (Skia; upright enlarged boxes by <see cref="UprightCubicCrop"/>, Skia's arithmetic), with edge
/// pixels repeated beyond the border as PaddleOCR's crops do. Samples come back as RGBA bytes, rows top to bottom,
/// or as a network's input (<see cref="WriteLine"/>). Thread-safe.</summary>
internal sealed class OcrImage : IDisposable
{
    private readonly SKImage _image;
    private GCHandle _pixels;

    /// <summary>Wraps the raster's pixels without copying them (an image may have tens of
    /// megapixels); they stay pinned, and must not change, until this is disposed.</summary>
    public OcrImage(RgbaRaster raster)
    {
        Raster = raster;
        Width = raster.Width;
        Height = raster.Height;
        var info = new SKImageInfo(raster.Width, raster.Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        _pixels = GCHandle.Alloc(raster.Pixels, GCHandleType.Pinned);
        using var pixmap = new SKPixmap(info, _pixels.AddrOfPinnedObject(), raster.Stride);
        var image = SKImage.FromPixels(pixmap);
        if (image is null)
        {
            _pixels.Free();
            throw new InvalidOperationException($"Skia could not take a {raster.Width} × {raster.Height} image.");
        }

        _image = image;
    }

    /// <summary>The decoded pixels this image wraps.</summary>
    public RgbaRaster Raster { get; }

    public int Width { get; }

    public int Height { get; }

    /// <summary>The whole image stretched to <paramref name="width"/> × <paramref name="height"/>
    /// (<see cref="OcrResampler"/>).</summary>
    public byte[] Resize(int width, int height) => OcrResampler.Resize(Raster.Pixels, Width, Height, width, height);

    /// <summary>The box's content as an upright <paramref name="width"/> × <paramref name="height"/>
    /// image: its top-left corner at the top left, its top edge along the top.</summary>
    public byte[] Sample(TextQuad box, int width, int height)
    {
        var pixels = new byte[width * height * 4];
        Sample(box, width, height, pixels);
        return pixels;
    }

    /// <summary>As <see cref="Sample(TextQuad, int, int)"/>, into the first <paramref name="width"/> ×
    /// <paramref name="height"/> × 4 bytes of <paramref name="pixels"/> (a pooled buffer: the recogniser
    /// samples every line of every image, 0.5-1.2 MB an image).</summary>
    public void Sample(TextQuad box, int width, int height, byte[] pixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentOutOfRangeException.ThrowIfLessThan(pixels.Length, width * height * 4, nameof(pixels));

        var imageToOutput = ShaderMatrix(box, width, height);

        // Enlarging (small text) with a cubic filter keeps strokes sharp; shrinking averages over
        // mipmaps so that thin strokes do not vanish between samples. Bilinear enlarging (what
        // PaddleOCR's OpenCV resize does) read the test page with 0.8-1.3% errors instead of 0%.
        var sampling = Enlarges(box, width, height) ? new SKSamplingOptions(SKCubicResampler.CatmullRom) : new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear);

        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        var handle = GCHandle.Alloc(pixels, GCHandleType.Pinned);
        try
        {
            using var surface = SKSurface.Create(info, handle.AddrOfPinnedObject(), info.RowBytes)
                ?? throw new InvalidOperationException($"Skia could not make a {width} × {height} surface.");
            using var shader = _image.ToShader(SKShaderTileMode.Clamp, SKShaderTileMode.Clamp, sampling, imageToOutput);
            using var paint = new SKPaint { Shader = shader, BlendMode = SKBlendMode.Src };
            surface.Canvas.DrawRect(0, 0, width, height, paint);
            surface.Canvas.Flush();
        }
        finally
        {
            handle.Free();
        }
    }

    /// <summary>The box sampled as <see cref="Sample(TextQuad, int, int, byte[])"/> samples it, written into its slot
    /// of a recogniser or classifier batch as <see cref="OcrTensors.WriteLine"/> writes the bytes. An upright box
    /// that is enlarged (the common case) is cut by <see cref="UprightCubicCrop"/>, Skia's arithmetic
    /// without Skia's per-pixel cost; turned or shrunk boxes go through Skia and <paramref name="pixels"/>.</summary>
    public void WriteLine(TextQuad box, int width, int height, Span<float> slot, int slotWidth, byte[] pixels)
    {
        // The map Skia's pipeline applies: the inverse of the shader's matrix, itself an inverse
        // (floats, so not exactly the box's own numbers); scale and translation only when upright.
        if (Enlarges(box, width, height) && ShaderMatrix(box, width, height).TryInvert(out var outputToImage)
            && outputToImage.SkewX == 0 && outputToImage.SkewY == 0 && outputToImage.Persp0 == 0 && outputToImage.Persp1 == 0
            && UprightCubicCrop.Takes(outputToImage.ScaleX, outputToImage.ScaleY, width))
        {
            UprightCubicCrop.Write(Raster, (outputToImage.ScaleX, outputToImage.TransX), (outputToImage.ScaleY, outputToImage.TransY), width, height, slot, slotWidth);
            return;
        }

        Sample(box, width, height, pixels);
        OcrTensors.WriteLine(pixels, width, height, slot, slotWidth);
    }

    /// <summary>Whether the box is enlarged along either axis: Skia samples it with the cubic filter.</summary>
    private static bool Enlarges(TextQuad box, int width, int height) => Math.Max(width / box.Width, height / box.Height) > 1;

    /// <summary>The shader's matrix, image → output. Output pixel (u, v) reads the image at TopLeft
    /// + u/width · (TopRight − TopLeft) + v/height · (BottomLeft − TopLeft); the shader wants the inverse.</summary>
    private static SKMatrix ShaderMatrix(TextQuad box, int width, int height)
    {
        var across = (box.TopRight - box.TopLeft) / width;
        var down = (box.BottomLeft - box.TopLeft) / height;
        var outputToImage = new SKMatrix(across.X, down.X, box.TopLeft.X, across.Y, down.Y, box.TopLeft.Y, 0, 0, 1);
        return outputToImage.TryInvert(out var imageToOutput) ? imageToOutput : throw new ArgumentException($"The box {box} has no area.", nameof(box));
    }

    public void Dispose()
    {
        _image.Dispose();
        if (_pixels.IsAllocated)
        {
            _pixels.Free();
        }
    }
}
