using RagPlatform.Core.Documents;
using RagPlatform.Core.Ingestion;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Tokens;

namespace RagPlatform.Infrastructure.Extraction;

/// <summary>Reads the text a page holds outside its content stream: the /Contents of its annotations
/// (free-text boxes, sticky notes, popups) and the values (/V) and options (/Opt) of its form fields,
/// inherited from parent fields as the PDF specification says. Each annotation's words are boxed by
/// its /Rect (the whole page when it has none) and form a block of their own.</summary>
/// <remarks>Reads the page's /Annots itself: PdfPig's GetAnnotations() throws on an annotation
/// without /Rect, which real files have. Every walk is bounded (annotations, options, parent depth,
/// characters), and a /Parent chain that loops is followed once round.</remarks>
internal static class PdfAnnotationText
{
    private const int MaxAnnotations = 2_000;
    private const int MaxParentDepth = 32;
    private const int MaxOptions = 1_000;
    private const int MaxCharacters = 200_000;

    private static readonly NameToken Annots = NameToken.Create("Annots");
    private static readonly NameToken Contents = NameToken.Create("Contents");
    private static readonly NameToken Rect = NameToken.Create("Rect");
    private static readonly NameToken Subtype = NameToken.Create("Subtype");
    private static readonly NameToken Parent = NameToken.Create("Parent");
    private static readonly NameToken Value = NameToken.Create("V");
    private static readonly NameToken Options = NameToken.Create("Opt");

    /// <param name="firstBlock">The block number of the first annotation's words.</param>
    public static List<ExtractedWord> Read(PdfDocument document, Page page, PageFrame frame, int firstBlock)
    {
        var words = new List<ExtractedWord>();
        if (Resolve(document, page.Dictionary.Data.GetValueOrDefault(Annots.Data)) is not ArrayToken annotations)
        {
            return words;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var characters = 0;
        var block = firstBlock;
        foreach (var entry in annotations.Data.Take(MaxAnnotations))
        {
            if (Resolve(document, entry) is not DictionaryToken annotation)
            {
                continue;
            }

            var region = RegionOf(document, annotation, page, frame);
            var added = false;
            foreach (var text in TextsOf(document, annotation))
            {
                // A popup repeats its parent note's text; a field's widgets repeat their field's value.
                if (characters >= MaxCharacters || !seen.Add(text))
                {
                    continue;
                }

                characters += text.Length;
                foreach (var word in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
                {
                    words.Add(new ExtractedWord(word, region, block));
                    added = true;
                }
            }

            if (added)
            {
                block++;
            }
        }

        return words;
    }

    private static IEnumerable<string> TextsOf(PdfDocument document, DictionaryToken annotation)
    {
        if (TextOf(Resolve(document, annotation.Data.GetValueOrDefault(Contents.Data))) is { } contents)
        {
            yield return contents;
        }

        // A field's value and options live on the widget or on any field above it.
        var (value, options) = (default(IToken), default(IToken));
        var visited = new HashSet<DictionaryToken>(ReferenceEqualityComparer.Instance);
        for (var field = annotation; field is not null && visited.Count < MaxParentDepth && visited.Add(field);
             field = Resolve(document, field.Data.GetValueOrDefault(Parent.Data)) as DictionaryToken)
        {
            value ??= Resolve(document, field.Data.GetValueOrDefault(Value.Data));
            options ??= Resolve(document, field.Data.GetValueOrDefault(Options.Data));
        }

        foreach (var text in ValueTexts(document, value).Concat(OptionTexts(document, options)))
        {
            yield return text;
        }
    }

    /// <summary>A text field's or a choice's value: a string, or an array of them for a multiple choice.
    /// A check box's or radio button's value is a name (its export state), no text.</summary>
    private static IEnumerable<string> ValueTexts(PdfDocument document, IToken? value) => value switch
    {
        ArrayToken array => array.Data.Take(MaxOptions).Select(item => TextOf(Resolve(document, item))).OfType<string>(),
        _ => TextOf(value) is { } text ? [text] : [],
    };

    /// <summary>A choice field's options: strings, or [export value, displayed text] pairs.</summary>
    private static IEnumerable<string> OptionTexts(PdfDocument document, IToken? options)
    {
        if (options is not ArrayToken array)
        {
            yield break;
        }

        foreach (var item in array.Data.Take(MaxOptions))
        {
            var option = Resolve(document, item);
            var shown = option is ArrayToken pair && pair.Length > 0 ? Resolve(document, pair.Data[^1]) : option;
            if (TextOf(shown) is { } text)
            {
                yield return text;
            }
        }
    }

    private static string? TextOf(IToken? token)
    {
        var text = token switch
        {
            StringToken s => s.Data,
            HexToken h => h.Data,
            _ => null,
        };

        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }

    /// <summary>The annotation's /Rect on the page as displayed; the whole page when it has no usable one.</summary>
    private static Region RegionOf(PdfDocument document, DictionaryToken annotation, Page page, PageFrame frame)
    {
        if (Resolve(document, annotation.Data.GetValueOrDefault(Rect.Data)) is not ArrayToken { Length: 4 } rect)
        {
            return Region.WholePage;
        }

        var corners = new double[4];
        for (var i = 0; i < 4; i++)
        {
            if (Resolve(document, rect.Data[i]) is not NumericToken number)
            {
                return Region.WholePage;
            }

            corners[i] = number.Double;
        }

        var box = DisplayedBox(corners, page.CropBox.Bounds, page.Rotation.Value);
        return frame.ToRegion(box) ?? Region.WholePage;
    }

    /// <summary>From default user space to the page as displayed: the crop box moved to the origin and
    /// turned clockwise by /Rotate, as PdfPig places the letters.</summary>
    private static PdfRectangle DisplayedBox(double[] rect, PdfRectangle crop, int rotation)
    {
        var (x1, y1) = Turn(rect[0] - crop.Left, rect[1] - crop.Bottom, crop, rotation);
        var (x2, y2) = Turn(rect[2] - crop.Left, rect[3] - crop.Bottom, crop, rotation);
        return new PdfRectangle(Math.Min(x1, x2), Math.Min(y1, y2), Math.Max(x1, x2), Math.Max(y1, y2));
    }

    private static (double X, double Y) Turn(double x, double y, PdfRectangle crop, int rotation) => (((rotation % 360) + 360) % 360) switch
    {
        90 => (y, crop.Width - x),
        180 => (crop.Width - x, crop.Height - y),
        270 => (crop.Height - y, x),
        _ => (x, y),
    };

    private static IToken? Resolve(PdfDocument document, IToken? token)
    {
        // Indirect objects that point at indirect objects are resolved a few steps deep, no further.
        for (var hops = 0; hops < 8 && token is IndirectReferenceToken reference; hops++)
        {
            try
            {
                token = document.Structure.GetObject(reference.Data)?.Data;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                return null;
            }
        }

        return token is IndirectReferenceToken ? null : token;
    }
}
