using RagPlatform.Core.Documents;

namespace RagPlatform.Core.Tests.Documents;

public sealed class MediaTypeSnifferTests
{
    [Theory]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0 }, "image/png")]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10 }, "image/jpeg")]
    [InlineData(new byte[] { 0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 1, 0 }, "image/gif")]
    [InlineData(new byte[] { 0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50, 0x56 }, "image/webp")]
    [InlineData(new byte[] { 0x42, 0x4D, 0x36, 0x10, 0x0E, 0, 0, 0, 0, 0, 0x36, 0, 0, 0 }, "image/bmp")]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31, 0x2E, 0x37 }, "application/pdf")]
    public void Recognises_supported_formats_by_their_magic_bytes(byte[] head, string expected)
    {
        Assert.Equal(expected, MediaTypeSniffer.Detect(head)?.MediaType);
    }

    [Fact]
    public void Finds_the_pdf_header_after_leading_junk()
    {
        var head = "From: someone\r\nSubject: scan\r\n\r\n%PDF-1.4\n"u8.ToArray();

        Assert.Equal(DocumentKind.Pdf, MediaTypeSniffer.Detect(head)?.Kind);
    }

    [Theory]
    [InlineData("plain text that is not a document")]
    [InlineData("BM is also how this sentence starts")]
    [InlineData("")]
    public void Rejects_content_that_is_no_supported_format(string text)
    {
        Assert.Null(MediaTypeSniffer.Detect(System.Text.Encoding.ASCII.GetBytes(text)));
    }
}
