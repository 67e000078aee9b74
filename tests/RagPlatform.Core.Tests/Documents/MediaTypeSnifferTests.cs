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
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 0x00, 0x01, 0x02, 0x03 })]
    [InlineData(new byte[] { (byte)'a', (byte)'b', 0x00, (byte)'c' })]
    [InlineData(new byte[] { (byte)'a', 0xC3, 0x28, (byte)'b' })]
    public void Rejects_content_that_is_no_supported_format(byte[] head)
    {
        Assert.Null(MediaTypeSniffer.Detect(head));
    }

    [Fact]
    public void A_bmp_like_sentence_is_plain_text_not_an_image()
    {
        Assert.Equal("text/plain", MediaTypeSniffer.Detect("BM is also how this sentence starts"u8)?.MediaType);
    }
}
