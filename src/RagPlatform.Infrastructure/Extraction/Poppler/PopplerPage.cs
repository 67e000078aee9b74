using System.Buffers;

namespace RagPlatform.Infrastructure.Extraction.Poppler;

/// <summary>One page of a <see cref="PopplerDocument"/>, drawn as libvips' pdfload draws it: on an
/// opaque white ARGB32 cairo surface, scaled from points, with poppler_page_render (annotations
/// included, the crop box turned by /Rotate).</summary>
internal sealed class PopplerPage(GObjectHandle handle) : IDisposable
{
    private const byte White = 0xFF;

    /// <summary>The page as viewers show it, in points: the crop box, its sides swapped by /Rotate 90 or 270.</summary>
    public (double Width, double Height) Size
    {
        get
        {
            PopplerNative.poppler_page_get_size(handle, out var width, out var height);
            return (width, height);
        }
    }

    /// <summary>Draws the page at <paramref name="scale"/> pixels a point into packed RGB.</summary>
    /// <param name="rgb">Width × height × 3 bytes.</param>
    /// <returns>True when the drawing holds no colour.</returns>
    /// <exception cref="PopplerException">Cairo cannot draw (out of memory, a size it refuses).</exception>
    public unsafe bool Draw(double scale, int width, int height, Span<byte> rgb)
    {
        var stride = PopplerNative.cairo_format_stride_for_width(PopplerNative.CairoFormatArgb32, width);
        if (stride <= 0)
        {
            throw new PopplerException($"Cairo cannot draw a page {width} pixels wide.");
        }

        // A pooled buffer, drawn into in place: a new one would be zeroed first (8.7 MB for an A4
        // page at 150 dpi) and land on the large object heap once a page.
        var length = checked(stride * height);
        var surfaceBytes = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            // Opaque white, as libvips paints its background before poppler draws: premultiplied
            // white is all ones, so the fill is a plain memset.
            surfaceBytes.AsSpan(0, length).Fill(White);
            fixed (byte* pixels = surfaceBytes)
            {
                DrawOn((nint)pixels, scale, width, height, stride);
            }

            return CairoPixels.ToPackedRgb(surfaceBytes.AsSpan(0, length), stride, width, height, rgb);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(surfaceBytes);
        }
    }

    private void DrawOn(nint pixels, double scale, int width, int height, int stride)
    {
        var surface = PopplerNative.cairo_image_surface_create_for_data(pixels, PopplerNative.CairoFormatArgb32, width, height, stride);
        try
        {
            var status = PopplerNative.cairo_surface_status(surface);
            if (status != PopplerNative.CairoStatusSuccess)
            {
                throw new PopplerException($"Cairo cannot make a {width} × {height} surface (cairo status {status}).");
            }

            var cairo = PopplerNative.cairo_create(surface);
            try
            {
                PopplerNative.cairo_scale(cairo, scale, scale);
                PopplerNative.poppler_page_render(handle, cairo);
                status = PopplerNative.cairo_status(cairo);
                if (status != PopplerNative.CairoStatusSuccess)
                {
                    throw new PopplerException($"Cairo failed drawing the page (cairo status {status}).");
                }
            }
            finally
            {
                PopplerNative.cairo_destroy(cairo);
            }

            // Cairo may hold drawing back; the pixels are read straight from memory next.
            PopplerNative.cairo_surface_flush(surface);
        }
        finally
        {
            PopplerNative.cairo_surface_destroy(surface);
        }
    }

    public void Dispose() => handle.Dispose();
}
