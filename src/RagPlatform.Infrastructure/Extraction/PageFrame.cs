using RagPlatform.Core.Documents;
using UglyToad.PdfPig.Core;

namespace RagPlatform.Infrastructure.Extraction;

/// <summary>The visible page in PdfPig's coordinates: points, origin at the bottom-left corner of
/// the page as displayed. PdfPig 0.1.16 starts every page with a matrix that moves the crop box to
/// the origin and turns it by /Rotate, so <see cref="Width"/> and <see cref="Height"/> are the size
/// after rotation and match the render that poppler draws of the same crop box.</summary>
internal readonly record struct PageFrame(double Width, double Height)
{
    public bool IsUsable => Width > 0 && Height > 0 && double.IsFinite(Width) && double.IsFinite(Height);

    /// <summary>The box as fractions of the page, origin top-left, clamped into the page. Null when
    /// the box lies entirely outside the page (drawn off the crop box, so invisible).</summary>
    public Region? ToRegion(PdfRectangle box)
    {
        // Rotated or skewed boxes come as four corners; a Region is axis-aligned, so take their hull.
        var left = Math.Min(Math.Min(box.TopLeft.X, box.TopRight.X), Math.Min(box.BottomLeft.X, box.BottomRight.X));
        var right = Math.Max(Math.Max(box.TopLeft.X, box.TopRight.X), Math.Max(box.BottomLeft.X, box.BottomRight.X));
        var bottom = Math.Min(Math.Min(box.TopLeft.Y, box.TopRight.Y), Math.Min(box.BottomLeft.Y, box.BottomRight.Y));
        var top = Math.Max(Math.Max(box.TopLeft.Y, box.TopRight.Y), Math.Max(box.BottomLeft.Y, box.BottomRight.Y));

        if (!double.IsFinite(left) || !double.IsFinite(right) || !double.IsFinite(bottom) || !double.IsFinite(top) ||
            right < 0 || left > Width || top < 0 || bottom > Height)
        {
            return null;
        }

        // PDF user space grows upwards; Region grows downwards from the top edge.
        var region = new Region(left / Width, (Height - top) / Height, (right - left) / Width, (top - bottom) / Height);
        return region.ClampToPage();
    }
}
