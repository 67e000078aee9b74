using System.IO.Compression;
using System.Text;
using RagPlatform.Core.Documents;

namespace RagPlatform.Core.Tests.Documents;

public sealed class TextAndOfficeSniffingTests
{
    [Theory]
    [InlineData("Harbour notes\\nMooring fees rise in May.", "notes.txt", DocumentKind.PlainText)]
    [InlineData("Harbour notes, no name", null, DocumentKind.PlainText)]
    [InlineData("# Harbour\\n\\nMooring fees.", "README.md", DocumentKind.Markdown)]
    [InlineData("# Harbour", "notes.MARKDOWN", DocumentKind.Markdown)]
    [InlineData("# Harbour, named as a PDF", "notes.pdf", DocumentKind.PlainText)]
    [InlineData("<!DOCTYPE html><html><body>x</body></html>", "page.txt", DocumentKind.Html)]
    [InlineData("  \\n <html lang='en'><body>x</body></html>", "page", DocumentKind.Html)]
    [InlineData("Grüße aus Kiel — ½ price", "notes.txt", DocumentKind.PlainText)]
    public void Text_is_recognised_from_its_bytes_and_markdown_by_its_name(string text, string? fileName, DocumentKind expected)
    {
        var bytes = Encoding.UTF8.GetBytes(text.Replace("\\n", "\n", StringComparison.Ordinal));

        Assert.Equal(expected, MediaTypeSniffer.Detect(bytes, fileName)?.Kind);
    }

    [Fact]
    public void Utf16_text_with_a_byte_order_mark_is_text_and_without_one_is_not()
    {
        var withBom = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("<html><body>Kiel</body></html>")).ToArray();

        Assert.Equal(DocumentKind.Html, MediaTypeSniffer.Detect(withBom)?.Kind);
        Assert.Null(MediaTypeSniffer.Detect(Encoding.Unicode.GetBytes("Kiel harbour")));
    }

    [Fact]
    public void A_utf8_character_cut_at_the_end_of_the_head_still_counts_as_text()
    {
        var head = Encoding.UTF8.GetBytes(new string('a', MediaTypeSniffer.HeaderLength - 1) + "é").AsSpan(0, MediaTypeSniffer.HeaderLength);

        Assert.Equal(DocumentKind.PlainText, MediaTypeSniffer.Detect(head)?.Kind);
    }

    [Theory]
    [InlineData("/word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", "word/document.xml", DocumentKind.WordDocument)]
    [InlineData("/ppt/presentation.xml", "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml", "ppt/presentation.xml", DocumentKind.Presentation)]
    public async Task Office_packages_are_recognised_by_their_main_part_whatever_their_name(string partName, string contentType, string entry, DocumentKind expected)
    {
        using var package = Zip(ContentTypes(partName, contentType), entry, entry);

        var detected = await MediaTypeSniffer.DetectAsync(package, "renamed.zip", TestContext.Current.CancellationToken);

        Assert.Equal(expected, detected?.Kind);
    }

    [Fact]
    public async Task A_zip_that_is_no_office_document_is_refused()
    {
        using var plainZip = Zip(null, "notes/readme.txt");
        using var liar = Zip(ContentTypes("/word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"), "other/part.xml");

        Assert.Null(await MediaTypeSniffer.DetectAsync(plainZip, "report.docx", TestContext.Current.CancellationToken));
        Assert.Null(await MediaTypeSniffer.DetectAsync(liar, "report.docx", TestContext.Current.CancellationToken));
    }

    [Fact]
    public void The_list_of_supported_formats_names_every_format()
    {
        foreach (var format in new[] { "PDF", "PNG", "JPEG", "WebP", "GIF", "BMP", "plain text", "Markdown", "HTML", "DOCX", "PPTX" })
        {
            Assert.Contains(format, MediaTypeSniffer.SupportedFormats, StringComparison.Ordinal);
        }
    }

    private static string ContentTypes(string partName, string contentType) =>
        $"""<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="{partName}" ContentType="{contentType}"/></Types>""";

    private static MemoryStream Zip(string? contentTypes, string entry, string mainPart = "word/document.xml")
    {
        var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            if (contentTypes is not null)
            {
                using var writer = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open());
                writer.Write(contentTypes);
            }

            using (var part = new StreamWriter(zip.CreateEntry(entry).Open()))
            {
                part.Write("<x/>");
            }

            using var relationships = new StreamWriter(zip.CreateEntry("_rels/.rels").Open());
            relationships.Write($"""<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="R1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/{mainPart}"/></Relationships>""");
        }

        buffer.Position = 0;
        return buffer;
    }
}
