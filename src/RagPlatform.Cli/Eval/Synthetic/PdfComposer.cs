using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace RagPlatform.Cli.Eval.Synthetic;

/// <summary>Lays out A4 pages top to bottom with PdfPig's builder: headings, wrapped paragraphs,
/// images with a caption under them, and tables drawn with lines and real text. Everything passed
/// as text here is in the PDF text layer; images carry their words as pixels only.</summary>
internal sealed class PdfComposer : IDisposable
{
    private const double Margin = 56;
    private const double BodySize = 11;
    private const double LineHeight = 15;

    private readonly PdfDocumentBuilder builder = new();
    private readonly PdfDocumentBuilder.AddedFont regular;
    private readonly PdfDocumentBuilder.AddedFont bold;
    private readonly PdfDocumentBuilder.AddedFont italic;
    private readonly List<List<string>> pageTexts = [];
    private PdfPageBuilder? page;

    /// <summary>Top of the next element, in points from the page's bottom edge.</summary>
    private double cursor;

    public PdfComposer(string title)
    {
        builder.DocumentInformation.Title = title;
        builder.DocumentInformation.Producer = "rag eval --generate";
        regular = builder.AddStandard14Font(Standard14Font.Helvetica);
        bold = builder.AddStandard14Font(Standard14Font.HelveticaBold);
        italic = builder.AddStandard14Font(Standard14Font.HelveticaOblique);
    }

    private PdfPageBuilder Page => page ?? throw new InvalidOperationException("Call NewPage first.");

    private double TextWidth => Page.PageSize.Width - (2 * Margin);

    /// <summary>Every string written into each page's text layer, in writing order (wrapped lines
    /// and table cells one by one): what an answer can quote. Index 0 is page 1.</summary>
    public IReadOnlyList<IReadOnlyList<string>> PageTexts => pageTexts;

    public PdfComposer NewPage()
    {
        page = builder.AddPage(PageSize.A4);
        pageTexts.Add([]);
        cursor = page.PageSize.Height - Margin;
        return this;
    }

    public PdfComposer Heading(string text)
    {
        cursor -= 18;
        AddText(text, 16, new PdfPoint(Margin, cursor), bold);
        cursor -= 14;
        return this;
    }

    public PdfComposer Paragraph(string text) => Lines(text, BodySize, regular, LineHeight, 8);

    /// <summary>The image scaled to <paramref name="width"/> points, with its caption (in the text
    /// layer, in italics) right under it.</summary>
    public PdfComposer Figure(byte[] image, bool isJpeg, double width, string caption)
    {
        var (pixelsWide, pixelsHigh) = Raster.SizeOf(image);
        var height = width * pixelsHigh / pixelsWide;
        cursor -= 6;
        var box = new PdfRectangle(Margin, cursor - height, Margin + width, cursor);
        if (isJpeg)
        {
            Page.AddJpeg(image, box);
        }
        else
        {
            Page.AddPng(image, box);
        }

        cursor -= height + 6;
        return Lines(caption, 10, italic, 13, 10);
    }

    /// <summary>A ruled table whose header and cells are real text.</summary>
    public PdfComposer Table(string[] header, string[][] rows, double[] columnWidths)
    {
        const double rowHeight = 20;
        var width = columnWidths.Sum();
        var top = cursor - 4;
        for (var r = 0; r <= rows.Length; r++)
        {
            var cells = r == 0 ? header : rows[r - 1];
            var x = Margin;
            for (var c = 0; c < cells.Length; c++)
            {
                AddText(cells[c], 10, new PdfPoint(x + 5, top - (r * rowHeight) - 14), r == 0 ? bold : regular);
                x += columnWidths[c];
            }
        }

        for (var r = 0; r <= rows.Length + 1; r++)
        {
            Page.DrawLine(new PdfPoint(Margin, top - (r * rowHeight)), new PdfPoint(Margin + width, top - (r * rowHeight)), 0.5);
        }

        var edge = Margin;
        foreach (var column in columnWidths.Prepend(0))
        {
            edge += column;
            Page.DrawLine(new PdfPoint(edge, top), new PdfPoint(edge, top - ((rows.Length + 1) * rowHeight)), 0.5);
        }

        cursor = top - ((rows.Length + 1) * rowHeight) - 12;
        return this;
    }

    public byte[] Build() => builder.Build();

    public void Dispose() => builder.Dispose();

    /// <summary>Greedy word wrap to the text width, measured with the font's own metrics.</summary>
    private PdfComposer Lines(string text, double size, PdfDocumentBuilder.AddedFont font, double lineHeight, double spaceAfter)
    {
        var line = string.Empty;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : $"{line} {word}";
            if (line.Length > 0 && Measure(candidate, size, font) > TextWidth)
            {
                Write(line, size, font, lineHeight);
                candidate = word;
            }

            line = candidate;
        }

        if (line.Length > 0)
        {
            Write(line, size, font, lineHeight);
        }

        cursor -= spaceAfter;
        return this;
    }

    private void Write(string line, double size, PdfDocumentBuilder.AddedFont font, double lineHeight)
    {
        cursor -= lineHeight;
        AddText(line, size, new PdfPoint(Margin, cursor), font);
    }

    private void AddText(string text, double size, PdfPoint position, PdfDocumentBuilder.AddedFont font)
    {
        Page.AddText(text, size, position, font);
        pageTexts[^1].Add(text);
    }

    private double Measure(string text, double size, PdfDocumentBuilder.AddedFont font)
    {
        var letters = Page.MeasureText(text, size, new PdfPoint(0, 0), font);
        return letters.Count == 0 ? 0 : letters[^1].EndBaseLine.X - letters[0].StartBaseLine.X;
    }
}
