using SkiaSharp;

namespace RagPlatform.Infrastructure.Ocr;

/// <summary>The parts of an image worth detecting again at a larger scale: each line found at the
/// first scale, with room of one line height around it (for its neighbours that the first pass
/// missed), overlapping ones merged where their union is no larger than the two apart (a chain of
/// labels must not become one rectangle over the whole plot). On a chart or a screenshot these
/// cover a fraction of the image, and detection time grows with the area. Regions may still
/// overlap, so a line can be found twice: <see cref="Deduplicate"/>.</summary>
internal static class TextRegions
{
    /// <summary>Above this share of the image the regions are not worth it: one pass over the whole
    /// image costs about as much and sees everything.</summary>
    public const float MaxShare = 0.5f;

    /// <summary>Extra room around each line, in image pixels, besides its height.</summary>
    public const float Room = 4;

    /// <summary>Smallest side of a region, in image pixels. The detector needs context: alone in a
    /// region of 20 × 20 pixels, a 10 px "0" tick label was not found at all.</summary>
    public const float MinSide = 48;

    /// <returns>Rectangles inside the image, or null when they would cover more than
    /// <see cref="MaxShare"/> of it.</returns>
    public static IReadOnlyList<SKRect>? Around(IReadOnlyList<TextQuad> boxes, int width, int height)
    {
        var regions = boxes.Select(box =>
        {
            var margin = Math.Min(box.Height, box.Width) + Room;
            var (across, down) = (Math.Max(0, (MinSide - box.Right + box.Left) / 2), Math.Max(0, (MinSide - box.Bottom + box.Top) / 2));
            var region = new SKRect(box.Left - Math.Max(margin, across), box.Top - Math.Max(margin, down), box.Right + Math.Max(margin, across), box.Bottom + Math.Max(margin, down));
            return SKRect.Intersect(region, new SKRect(0, 0, width, height));
        }).Where(region => !region.IsEmpty).ToList();

        // Merging two regions can make their union overlap a third, so merge until no pair is worth it.
        var merged = true;
        while (merged)
        {
            merged = false;
            for (var i = 0; i < regions.Count && !merged; i++)
            {
                for (var j = i + 1; j < regions.Count; j++)
                {
                    if (regions[i].IntersectsWith(regions[j]) && Area(SKRect.Union(regions[i], regions[j])) <= Area(regions[i]) + Area(regions[j]))
                    {
                        regions[i] = SKRect.Union(regions[i], regions[j]);
                        regions.RemoveAt(j);
                        merged = true;
                        break;
                    }
                }
            }
        }

        return regions.Sum(Area) > MaxShare * (double)width * height ? null : regions;
    }

    /// <summary>Boxes found in overlapping regions, each line once: a box is dropped when most of
    /// it lies in a larger box already kept (the same line, or the part of it that reached into a
    /// neighbouring region).</summary>
    public static List<TextQuad> Deduplicate(IEnumerable<TextQuad> boxes)
    {
        var kept = new List<TextQuad>();
        foreach (var box in boxes.OrderByDescending(box => box.Width * box.Height))
        {
            var bounds = box.Bounds;
            if (!kept.Any(other => Area(SKRect.Intersect(bounds, other.Bounds)) > 0.5 * Area(bounds)))
            {
                kept.Add(box);
            }
        }

        return kept;
    }

    private static double Area(SKRect rectangle) => rectangle.IsEmpty ? 0 : (double)rectangle.Width * rectangle.Height;
}
