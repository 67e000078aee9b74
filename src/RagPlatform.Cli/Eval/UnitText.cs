using RagPlatform.Cli.Api;

namespace RagPlatform.Cli.Eval;

/// <summary>The text the platform read by OCR inside a unit of pixels, as lines; or why the unit has
/// none to compare.</summary>
/// <param name="Skipped">Null when the unit holds pixels the platform reads (then empty
/// <paramref name="Lines"/> means OCR read nothing there).</param>
internal sealed record UnitText(IReadOnlyList<string> Lines, string? Skipped)
{
    /// <summary>Picks a unit's OCR text out of the documents' details (the items a hit could be).</summary>
    /// <remarks>
    /// How the platform stores OCR (PageIndexer): every image item (an uploaded image, a figure
    /// embedded in a PDF page) carries the lines read inside it joined by '\n'; a page without a text
    /// layer (an uploaded image, a scan) is also chunked from the OCR lines of its render, joined by
    /// spaces. So per page of the unit: the selected image items' lines when one of them carries text
    /// (line breaks kept); otherwise, on a page without a text layer, its selected text chunks, one
    /// read line each (the chunker has lost the line breaks: the metric joins the drawn lines a chunk
    /// holds, see <see cref="RagPlatform.Core.Search.LineMatchedCharacterErrorRate"/>). Never both: an uploaded image's chunks repeat its image item's lines, and a
    /// scanned page's chunks repeat the lines of the scan embedded in it. Text chunks of a page with
    /// a text layer come from that layer, not from OCR, and are never taken.
    /// </remarks>
    public static UnitText Of(RelevantUnit unit, IEnumerable<(IReadOnlyCollection<string> Names, DocumentDetailsView Details)> documents)
    {
        var lines = new List<string>();
        var anyItem = false;
        var anyPixels = false;
        foreach (var (names, details) in documents)
        {
            var scanned = (details.Pages ?? []).Where(p => !p.HasTextLayer).Select(p => p.Number).ToHashSet();
            var selected = (details.Items ?? []).Where(i => unit.Matches(names, i.Page, i.Modality)).ToList();
            anyItem |= selected.Count > 0;
            foreach (var page in selected.GroupBy(i => i.Page).OrderBy(g => g.Key))
            {
                var images = page.Where(i => IsModality(i, "image")).ToList();
                anyPixels |= images.Count > 0 || scanned.Contains(page.Key);
                var imageLines = images.Where(i => !string.IsNullOrWhiteSpace(i.Text)).SelectMany(i => i.Text!.Split('\n')).ToList();
                if (imageLines.Count > 0)
                {
                    lines.AddRange(imageLines);
                }
                else if (scanned.Contains(page.Key))
                {
                    lines.AddRange(page.Where(i => IsModality(i, "text") && !string.IsNullOrWhiteSpace(i.Text)).Select(i => i.Text!));
                }
            }
        }

        if (!anyItem)
        {
            return new UnitText([], $"{unit} matches no item of the ingested documents (is there such a page?).");
        }

        return anyPixels
            ? new UnitText(lines, null)
            : new UnitText([], $"{unit} holds no image and no page without a text layer: nothing in it is read by OCR.");
    }

    private static bool IsModality(ItemView item, string modality) => string.Equals(item.Modality, modality, StringComparison.OrdinalIgnoreCase);
}
