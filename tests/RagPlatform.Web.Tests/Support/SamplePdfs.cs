using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace RagPlatform.Web.Tests.Support;

/// <summary>PDFs built by the tests with PdfPig's builder, so their words and places are known.</summary>
internal static class SamplePdfs
{
    /// <summary>One A4 page: a title line at the top, then each paragraph as a line of 12 pt text
    /// further down, so a hit's region is a small part of the page.</summary>
    public static byte[] Page(string title, params string[] lines)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var page = builder.AddPage(PageSize.A4);
        page.AddText(title, 16, new PdfPoint(50, 780), font);
        var y = 700;
        foreach (var line in lines)
        {
            page.AddText(line, 12, new PdfPoint(50, y), font);
            y -= 60;
        }

        return builder.Build();
    }
}
