using RagPlatform.Core.Documents;
using RagPlatform.Core.Ingestion;
using RagPlatform.Infrastructure.Extraction;
using RagPlatform.Infrastructure.Imaging;
using RagPlatform.Infrastructure.Tests.Clip;

namespace RagPlatform.Infrastructure.Tests.Extraction;

public sealed class ImageDocumentExtractorTests : IDisposable
{
    private readonly ImageDocumentExtractor _extractor = new(new SkiaImageDecoder(100_000_000));
    private readonly string _damaged = Path.Combine(Path.GetTempPath(), $"damaged-{Guid.NewGuid():N}.png");

    [Fact]
    public async Task An_image_is_one_page_whose_render_is_the_original_file()
    {
        var path = ClipFixtures.Image("landscape.png").ImagePath;

        using var document = await _extractor.OpenAsync(path, DocumentKind.Image, TestContext.Current.CancellationToken);
        var page = await document.ExtractPageAsync(1, TestContext.Current.CancellationToken);

        Assert.Equal(1, document.PageCount);
        Assert.Equal((1, 640.0, 480.0), (page.Number, page.Width, page.Height));
        Assert.Empty(page.Words);
        Assert.Empty(page.Images);
        Assert.Equal("image/png", page.Render.MediaType);
        Assert.Equal(File.ReadAllBytes(path), page.Render.Data.ToArray());
    }

    [Fact]
    public async Task The_page_size_is_the_upright_size_of_a_rotated_photo()
    {
        using var document = await _extractor.OpenAsync(ClipFixtures.Image("exif-orientation-6.jpg").ImagePath, DocumentKind.Image, TestContext.Current.CancellationToken);
        var page = await document.ExtractPageAsync(1, TestContext.Current.CancellationToken);

        Assert.Equal((320.0, 480.0), (page.Width, page.Height));
        Assert.Equal((320, 480, "image/jpeg"), (page.Render.PixelWidth, page.Render.PixelHeight, page.Render.MediaType));
    }

    [Fact]
    public async Task A_truncated_image_is_rejected_when_opened()
    {
        var bytes = File.ReadAllBytes(ClipFixtures.Image("portrait.jpg").ImagePath);
        File.WriteAllBytes(_damaged, bytes[..(bytes.Length * 2 / 3)]);

        var error = await Assert.ThrowsAsync<DocumentRejectedException>(() => _extractor.OpenAsync(_damaged, DocumentKind.Image, TestContext.Current.CancellationToken));

        Assert.Equal("The JPEG file is truncated: it ends before all of its pixels.", error.Message);
    }

    [Fact]
    public async Task There_is_no_second_page()
    {
        using var document = await _extractor.OpenAsync(ClipFixtures.Image("tiny.png").ImagePath, DocumentKind.Image, TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => document.ExtractPageAsync(2, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_pdf_is_not_this_extractors_business()
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            _extractor.OpenAsync(ClipFixtures.Image("tiny.png").ImagePath, DocumentKind.Pdf, TestContext.Current.CancellationToken));
    }

    public void Dispose() => File.Delete(_damaged);
}
