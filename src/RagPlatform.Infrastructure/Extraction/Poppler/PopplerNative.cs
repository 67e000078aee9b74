using System.Runtime.InteropServices;

namespace RagPlatform.Infrastructure.Extraction.Poppler;

/// <summary>The few calls of poppler-glib, cairo and GLib that drawing a page takes, bound to the
/// libraries Debian installs with libvips (libpoppler-glib8, libcairo2, libglib2.0-0): the same
/// poppler that libvips' pdfload draws through, without libvips around it.</summary>
internal static partial class PopplerNative
{
    private const string Glib = "libglib-2.0.so.0";
    private const string Gobject = "libgobject-2.0.so.0";
    private const string PopplerGlib = "libpoppler-glib.so.8";
    private const string Cairo = "libcairo.so.2";

    /// <summary>CAIRO_FORMAT_ARGB32: premultiplied, 0xAARRGGBB in native byte order (B, G, R, A in memory).</summary>
    public const int CairoFormatArgb32 = 0;

    /// <summary>CAIRO_STATUS_SUCCESS.</summary>
    public const int CairoStatusSuccess = 0;

    [LibraryImport(Glib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint g_filename_to_uri(string filename, nint hostname, out nint error);

    [LibraryImport(Glib)]
    public static partial void g_free(nint memory);

    [LibraryImport(Glib)]
    public static partial void g_error_free(nint error);

    [LibraryImport(Gobject)]
    public static partial void g_object_unref(nint instance);

    [LibraryImport(PopplerGlib)]
    public static partial nint poppler_document_new_from_file(nint uri, nint password, out nint error);

    [LibraryImport(PopplerGlib)]
    public static partial int poppler_document_get_n_pages(GObjectHandle document);

    [LibraryImport(PopplerGlib)]
    public static partial nint poppler_document_get_page(GObjectHandle document, int index);

    [LibraryImport(PopplerGlib)]
    public static partial void poppler_page_get_size(GObjectHandle page, out double width, out double height);

    [LibraryImport(PopplerGlib)]
    public static partial void poppler_page_render(GObjectHandle page, nint cairo);

    /// <summary>A static string of poppler's: not to be freed, hence no string marshalling.</summary>
    [LibraryImport(PopplerGlib)]
    public static partial nint poppler_get_version();

    [LibraryImport(Cairo)]
    public static partial int cairo_format_stride_for_width(int format, int width);

    [LibraryImport(Cairo)]
    public static partial nint cairo_image_surface_create_for_data(nint data, int format, int width, int height, int stride);

    [LibraryImport(Cairo)]
    public static partial int cairo_surface_status(nint surface);

    [LibraryImport(Cairo)]
    public static partial void cairo_surface_flush(nint surface);

    [LibraryImport(Cairo)]
    public static partial void cairo_surface_destroy(nint surface);

    [LibraryImport(Cairo)]
    public static partial nint cairo_create(nint surface);

    [LibraryImport(Cairo)]
    public static partial int cairo_status(nint cairo);

    [LibraryImport(Cairo)]
    public static partial void cairo_scale(nint cairo, double sx, double sy);

    [LibraryImport(Cairo)]
    public static partial void cairo_destroy(nint cairo);

    /// <summary>The message of a GError (its layout: GQuark domain, gint code, gchar *message), freed.</summary>
    public static string TakeErrorMessage(nint error)
    {
        if (error == 0)
        {
            return "no reason given";
        }

        try
        {
            return Marshal.PtrToStringUTF8(Marshal.ReadIntPtr(error, 8)) ?? "no reason given";
        }
        finally
        {
            g_error_free(error);
        }
    }
}
