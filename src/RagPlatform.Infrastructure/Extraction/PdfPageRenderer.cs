using System.Buffers;
using System.Runtime.InteropServices;
using NetVips;
using RagPlatform.Core.Documents;

namespace RagPlatform.Infrastructure.Extraction;

/// <summary>Renders PDF pages to PNG with libvips, which draws PDFs through poppler (Debian's
/// libvips42). The page is the crop box turned by /Rotate, as every viewer shows it.</summary>
internal sealed class PdfPageRenderer(ExtractionOptions options)
{
    // For renders libvips cannot hand over as 8-bit RGB (none that poppler draws today): zlib level 3
    // is about three times faster than the default 6 on page renders and only a few percent larger.
    private const int PngCompression = 3;
    private const double PointsPerInch = 72;

    // Also libvips' default; named here because dropping the alpha band relies on it.
    private static readonly double[] OpaqueWhite = [255, 255, 255, 255];
    private static readonly Lazy<string?> UnavailableReason = new(FindUnavailableReason);

    /// <exception cref="InvalidOperationException">libvips or its PDF loader is not installed: a
    /// problem of this machine, not of any document.</exception>
    public static void EnsureAvailable()
    {
        if (UnavailableReason.Value is { } reason)
        {
            throw new InvalidOperationException(reason);
        }
    }

    /// <summary>Pages as poppler counts them; reads the document structure, renders nothing.</summary>
    /// <exception cref="VipsException">Poppler cannot open the file.</exception>
    public static int CountPages(string path)
    {
        using var image = Image.Pdfload(path, page: 0, dpi: PointsPerInch, access: Enums.Access.Sequential);
        return image.Contains("n-pages") && image.Get("n-pages") is int pages ? pages : 1;
    }

    /// <param name="pageNumber">1-based.</param>
    /// <param name="cancellationToken">Stops libvips between the strips it renders.</param>
    /// <exception cref="VipsException">Poppler cannot render the page.</exception>
    public RenderedPage Render(string path, int pageNumber, CancellationToken cancellationToken)
    {
        Image? page = null;
        Image? opaque = null;
        try
        {
            // Loading only reads the page size; pixels are drawn when the PNG is written, so trying
            // the configured dpi first costs nothing even for a 200-inch page.
            double LongestSideAt(double at)
            {
                page?.Dispose();
                page = null;
                page = Load(path, pageNumber, at);
                return Math.Max(page.Width, page.Height);
            }

            var dpi = RenderResolution.FitTwice(options.RenderDpi, LongestSideAt, options.MinRenderSide, options.MaxRenderSide);
            var loaded = page!; // loaded by the fit's last call, at dpi

            // Poppler draws RGBA on the loader's opaque white background: the alpha band is 255
            // everywhere, so dropping it gives what laying the page on white would, without
            // flatten's arithmetic on every pixel (about 8 ms of CPU of an A4 page at 150 dpi).
            opaque = loaded.HasAlpha() ? loaded.ExtractBand(0, n: loaded.Bands - 1) : null;
            var output = opaque ?? loaded;
            output.SetProgress(null, cancellationToken);
            var png = Encode(output);
            cancellationToken.ThrowIfCancellationRequested();
            return new RenderedPage(
                new EncodedImage(png, "image/png", output.Width, output.Height),
                output.Width * PointsPerInch / dpi,
                output.Height * PointsPerInch / dpi);
        }
        finally
        {
            opaque?.Dispose();
            page?.Dispose();
        }
    }

    /// <summary>The page as a PNG: drawn once into memory, then written by <see cref="RenderPng"/> with
    /// one grey band when it holds no colour (black text on white paper: a third of the bytes to
    /// compress), with three bands otherwise.</summary>
    private static byte[] Encode(Image page)
    {
        if (page.Bands != 3 || page.Format != Enums.BandFormat.Uchar)
        {
            return page.PngsaveBuffer(compression: PngCompression);
        }

        // libvips draws into memory of its own; the copy goes into a pooled buffer, because a new
        // array (6.5 MB for an A4 page at 150 dpi) would be zeroed first and land on the large
        // object heap once a page.
        var drawn = page.WriteToMemory(out var size);
        var length = checked((int)size);
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            try
            {
                Marshal.Copy(drawn, buffer, 0, length);
            }
            finally
            {
                NetVips.NetVips.Free(drawn);
            }

            var pixels = buffer.AsSpan(0, length);
            return RenderPng.Encode(pixels, page.Width, page.Height, grey: GreyPixels.AreGrey(pixels));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>A white page of the size a render would have: stands in for a page that poppler
    /// cannot draw while its text is still good, so the page keeps its place in the document.</summary>
    public EncodedImage RenderBlank(double widthPoints, double heightPoints)
    {
        if (!(widthPoints > 0 && heightPoints > 0 && double.IsFinite(widthPoints) && double.IsFinite(heightPoints)))
        {
            // US Letter, when even the size is unknown.
            (widthPoints, heightPoints) = (612, 792);
        }

        double dpi = options.RenderDpi;
        dpi = RenderResolution.Fit(dpi, Math.Max(widthPoints, heightPoints) * dpi / PointsPerInch, options.MinRenderSide, options.MaxRenderSide);
        var width = Math.Max(1, (int)Math.Round(widthPoints * dpi / PointsPerInch));
        var height = Math.Max(1, (int)Math.Round(heightPoints * dpi / PointsPerInch));

        using var black = Image.Black(width, height, bands: 3);
        using var white = black.Invert();
        return new EncodedImage(white.PngsaveBuffer(compression: 9), "image/png", width, height);
    }

    private static Image Load(string path, int pageNumber, double dpi) =>
        Image.Pdfload(path, page: pageNumber - 1, dpi: dpi, background: OpaqueWhite, access: Enums.Access.Sequential);

    private static string? FindUnavailableReason()
    {
        try
        {
            if (!ModuleInitializer.VipsInitialized)
            {
                return $"libvips cannot be loaded ({ModuleInitializer.Exception?.Message}). Install it (Debian: apt-get install libvips42).";
            }

            return NetVips.NetVips.TypeFind("VipsForeign", "pdfload") == 0
                ? "libvips has no PDF loader (pdfload). Install a libvips built with poppler (Debian: apt-get install libvips42)."
                : null;
        }
        catch (Exception ex) when (ex is TypeInitializationException or DllNotFoundException or EntryPointNotFoundException)
        {
            return $"libvips cannot be loaded ({ex.Message}). Install it (Debian: apt-get install libvips42).";
        }
    }
}
