using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace RagPlatform.Infrastructure.Tests.Extraction;

/// <summary>PDFs the tests build for themselves, with text and images at known places.</summary>
internal static class SamplePdfs
{
    public const double A4Width = 595;
    public const double A4Height = 842;

    public static readonly string[] LeftColumn = ["Alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"];
    public static readonly string[] RightColumn = ["India", "juliet", "kilo", "lima", "mike", "november", "oscar", "papa"];

    /// <summary>Page 1: a title at the top-left, then two columns, the right one drawn first so that
    /// content order and reading order differ. Page 2: one sentence. Page 3: no text at all.</summary>
    public static byte[] ThreePagesOfText()
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var bold = builder.AddStandard14Font(Standard14Font.HelveticaBold);

        var first = builder.AddPage(PageSize.A4);
        WriteColumn(first, font, RightColumn, x: 330, top: 700);
        first.AddText("Quarterly", 24, new PdfPoint(50, 790), bold);
        first.AddText("report", 24, new PdfPoint(175, 790), bold);
        WriteColumn(first, font, LeftColumn, x: 50, top: 700);

        var second = builder.AddPage(PageSize.A4);
        second.AddText("The second page speaks of zebras.", 14, new PdfPoint(72, 400), font);

        var third = builder.AddPage(PageSize.A4);
        third.DrawRectangle(new PdfPoint(100, 100), 200, 300, lineWidth: 2);

        return builder.Build();
    }

    /// <summary>Paragraph tags of <see cref="ThreeColumnsDrawnShuffled"/> in reading order: the
    /// heading, then each column top to bottom, columns left to right.</summary>
    public static readonly string[] ThreeColumnParagraphs = ["Heading", "A1", "A2", "B1", "B2", "C1", "C2"];

    /// <summary>A heading over three columns of two paragraphs each; every line starts with its
    /// paragraph's tag. The paragraphs are drawn in a shuffled order.</summary>
    public static byte[] ThreeColumnsDrawnShuffled()
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var page = builder.AddPage(PageSize.A4);
        (string Tag, double X, double Top)[] paragraphs =
            [("C2", 400, 620), ("A1", 40, 740), ("B2", 220, 620), ("Heading", 40, 800), ("C1", 400, 740), ("A2", 40, 620), ("B1", 220, 740)];
        foreach (var (tag, x, top) in paragraphs)
        {
            if (tag == "Heading")
            {
                page.AddText("Heading spanning all three columns of this page", 18, new PdfPoint(x, top), font);
                continue;
            }

            for (var line = 0; line < 5; line++)
            {
                page.AddText($"{tag} line {line} of text", 11, new PdfPoint(x, top - (line * 14)), font);
            }
        }

        return builder.Build();
    }

    /// <summary>Pages of one sentence each (PdfPig compresses each content stream).</summary>
    public static byte[] Sentences(params string[] sentences)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        foreach (var sentence in sentences)
        {
            builder.AddPage(PageSize.A4).AddText(sentence, 14, new PdfPoint(72, 700), font);
        }

        return builder.Build();
    }

    /// <summary>A 400 × 200 point page turned by /Rotate 90 (clockwise), with a word at the
    /// top-left corner of the unturned page: displayed, the page is portrait and the word sits at
    /// its top-right corner, running downwards.</summary>
    public static byte[] RotatedPage()
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var page = builder.AddPage(400, 200);
        page.AddText("Corner", 16, new PdfPoint(10, 176), font);
        page.SetRotation(new PageRotationDegrees(90));
        return builder.Build();
    }

    /// <summary>An A4 page with a caption, a 120 × 80 PNG at (50, 500)-(290, 660) points, a
    /// 160 × 120 JPEG at (320, 100)-(480, 220) and a 16 × 16 PNG bullet.</summary>
    public static byte[] PageWithImages(byte[] png, byte[] jpeg, byte[] tinyPng)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var page = builder.AddPage(PageSize.A4);
        page.AddText("Figure one shows a flag.", 12, new PdfPoint(50, 480), font);
        page.AddPng(png, new PdfRectangle(50, 500, 290, 660));
        page.AddJpeg(jpeg, new PdfRectangle(320, 100, 480, 220));
        page.AddPng(tinyPng, new PdfRectangle(30, 480, 38, 488));
        return builder.Build();
    }

    /// <summary>An A4 page that is nothing but one picture filling the page, as a scanner makes it.</summary>
    public static byte[] ScannedPage(byte[] pagePng)
    {
        var builder = new PdfDocumentBuilder();
        builder.AddPage(PageSize.A4).AddPng(pagePng, new PdfRectangle(0, 0, A4Width, A4Height));
        return builder.Build();
    }

    /// <summary>A page of the given size in points with one word near its top-left corner.</summary>
    public static byte[] PageOfSize(double width, double height)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var size = Math.Min(width, height) / 4;
        builder.AddPage(width, height).AddText("Tiny", size, new PdfPoint(size / 4, height - (size * 1.2)), font);
        return builder.Build();
    }

    private static void WriteColumn(PdfPageBuilder page, PdfDocumentBuilder.AddedFont font, string[] words, double x, double top)
    {
        for (var line = 0; line < words.Length; line++)
        {
            page.AddText(words[line], 12, new PdfPoint(x, top - (line * 16)), font);
        }
    }
}
