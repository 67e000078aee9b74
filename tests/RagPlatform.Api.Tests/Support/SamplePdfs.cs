using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace RagPlatform.Api.Tests.Support;

/// <summary>PDFs built by the tests with PdfPig's builder, so their content is known exactly.</summary>
internal static class SamplePdfs
{
    /// <summary>Three pages: page 1 text about harbours, page 2 text about revenue with the bar chart
    /// (PNG), page 3 the sunset photo (JPEG) with a caption.</summary>
    public static byte[] Report()
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);

        var first = builder.AddPage(PageSize.A4);
        first.AddText("Annual report of the northern harbour authority", 16, new PdfPoint(50, 780), font);
        first.AddText("The lighthouse keepers logged unusual fog in November.", 11, new PdfPoint(50, 740), font);

        var second = builder.AddPage(PageSize.A4);
        second.AddText("Quarterly revenue grew in every region.", 12, new PdfPoint(50, 780), font);
        second.AddPng(SampleImages.BarChartPng(), new PdfRectangle(50, 400, 450, 700));

        var third = builder.AddPage(PageSize.A4);
        third.AddJpeg(SampleImages.SunsetJpeg(), new PdfRectangle(50, 300, 450, 600));
        third.AddText("Sunset over the western pier.", 11, new PdfPoint(50, 280), font);

        return builder.Build();
    }

    /// <summary>A one-page PDF with the given line of text.</summary>
    public static byte[] WithText(string text)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        builder.AddPage(PageSize.A4).AddText(text, 12, new PdfPoint(50, 780), font);
        return builder.Build();
    }

    /// <summary>A PDF of <paramref name="count"/> pages, page n saying "<paramref name="word"/> page n".</summary>
    public static byte[] Pages(int count, string word)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        for (var page = 1; page <= count; page++)
        {
            builder.AddPage(PageSize.A4).AddText($"{word} page {page}", 12, new PdfPoint(50, 780), font);
        }

        return builder.Build();
    }
}
