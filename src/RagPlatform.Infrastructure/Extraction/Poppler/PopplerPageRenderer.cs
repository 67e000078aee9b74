using System.Buffers;
using RagPlatform.Core.Documents;

namespace RagPlatform.Infrastructure.Extraction.Poppler;

/// <summary>Renders the pages of one PDF to PNG through poppler-glib and cairo directly: the document
/// is opened once, not once a page as libvips' pdfload does, and the page is drawn straight into
/// memory that becomes the PNG's rows in one pass. Pixels and sizes are those of
/// <see cref="PdfPageRenderer"/>; the page is the crop box turned by /Rotate, as viewers show it.</summary>
internal sealed class PopplerPageRenderer(string path, ExtractionOptions options) : IDisposable
{
    private const double PointsPerInch = 72;
    private static readonly Lazy<string?> UnavailableReason = new(FindUnavailableReason);

    // Poppler documents are not thread-safe. Pages are rendered one at a time, but a render abandoned
    // after its timeout may still draw when the next page starts.
    private readonly Lock gate = new();
    private PopplerDocument? document;
    private string? openFailure;
    private bool disposed;

    /// <exception cref="InvalidOperationException">poppler-glib or cairo is not installed: a problem
    /// of this machine, not of any document.</exception>
    public static void EnsureAvailable()
    {
        if (UnavailableReason.Value is { } reason)
        {
            throw new InvalidOperationException(reason);
        }
    }

    /// <param name="pageNumber">1-based.</param>
    /// <param name="cancellationToken">Checked before and after drawing; poppler itself cannot be
    /// interrupted (a caller past its deadline abandons the render instead).</param>
    /// <exception cref="PopplerException">Poppler cannot open the file or draw the page.</exception>
    public RenderedPage Render(int pageNumber, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!gate.TryEnter())
        {
            // The shared document is busy with an abandoned render: this page gets one of its own,
            // as every page did under libvips.
            using var own = PopplerDocument.Open(path);
            return Render(own, pageNumber, cancellationToken);
        }

        try
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            return Render(Document(), pageNumber, cancellationToken);
        }
        finally
        {
            gate.Exit();
        }
    }

    /// <summary>The shared document, opened by the first render; a file poppler cannot open fails
    /// every page at once instead of being parsed again for each.</summary>
    private PopplerDocument Document()
    {
        if (openFailure is not null)
        {
            throw new PopplerException(openFailure);
        }

        try
        {
            return document ??= PopplerDocument.Open(path);
        }
        catch (PopplerException ex)
        {
            openFailure = ex.Message;
            throw;
        }
    }

    private RenderedPage Render(PopplerDocument pdf, int pageNumber, CancellationToken cancellationToken)
    {
        using var page = pdf.GetPage(pageNumber);
        var (widthPoints, heightPoints) = page.Size;
        var dpi = RenderResolution.FitTwice(
            options.RenderDpi, at => LongestSide(Pixels(widthPoints, heightPoints, at)), options.MinRenderSide, options.MaxRenderSide);
        var (width, height) = Pixels(widthPoints, heightPoints, dpi);
        if (width < 1 || height < 1)
        {
            throw new PopplerException($"Page {pageNumber} measures {widthPoints} × {heightPoints} points: nothing to draw.");
        }

        var length = checked(width * height * 3);
        var rgb = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var pixels = rgb.AsSpan(0, length);
            var grey = page.Draw(dpi / PointsPerInch, width, height, pixels);
            cancellationToken.ThrowIfCancellationRequested();
            var png = RenderPng.Encode(pixels, width, height, grey);
            return new RenderedPage(
                new EncodedImage(png, "image/png", width, height),
                width * PointsPerInch / dpi,
                height * PointsPerInch / dpi);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rgb);
        }
    }

    /// <summary>Rounded as libvips rounds (VIPS_RINT, half away from zero), so that sizes match its renders.</summary>
    private static (int Width, int Height) Pixels(double widthPoints, double heightPoints, double dpi)
    {
        var scale = dpi / PointsPerInch;
        return (Round(widthPoints * scale), Round(heightPoints * scale));
    }

    private static double LongestSide((int Width, int Height) pixels) => Math.Max(pixels.Width, pixels.Height);

    // Sizes past int (a page of absurd size) stay huge, so that the fit scales them down.
    private static int Round(double pixels) =>
        pixels > 0 ? (int)Math.Min(pixels + 0.5, int.MaxValue) : 0;

    private static string? FindUnavailableReason()
    {
        try
        {
            _ = PopplerNative.poppler_get_version();
            _ = PopplerNative.cairo_format_stride_for_width(PopplerNative.CairoFormatArgb32, 1);
            return null;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return $"poppler-glib or cairo cannot be loaded ({ex.Message}). Install them (Debian: apt-get install libpoppler-glib8 libcairo2), "
                + $"or set {ExtractionOptions.SectionName}:{nameof(ExtractionOptions.Renderer)} to {nameof(PdfRenderer.Vips)}.";
        }
    }

    /// <summary>Lets the document go; a render still running (abandoned) keeps its page, and the page
    /// its document, until it ends.</summary>
    public void Dispose()
    {
        disposed = true;
        document?.Dispose();
    }
}
