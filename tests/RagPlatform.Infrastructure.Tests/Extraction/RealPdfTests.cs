using RagPlatform.Infrastructure.Extraction;

namespace RagPlatform.Infrastructure.Tests.Extraction;

/// <summary>PDFs from real producers (see tests/fixtures/pdf/README.md for where they come from).</summary>
public sealed class RealPdfTests(RealPdfTests.SpecificationPages specification) : IClassFixture<RealPdfTests.SpecificationPages>
{

    [Fact]
    public async Task The_cairo_printer_test_page_yields_its_text_and_render()
    {
        var page = Assert.Single(await ExtractorFactory.ExtractAllAsync(FixturePath("default-testpage.pdf")));

        Assert.Equal("Printer test page", ExtractorFactory.Text(page));
        Assert.Equal((1240, 1754), (page.Render.PixelWidth, page.Render.PixelHeight));
        Assert.True(RenderInk.DarkFraction(page.Render, page.Words[0].Box) > 0.1);
    }

    [Fact]
    public void A_latex_specification_yields_text_on_every_page_and_renders_every_page()
    {
        var pages = specification.Pages;

        Assert.Equal(17, pages.Count);
        Assert.StartsWith("Shared MIME-info Database", ExtractorFactory.Text(pages[0]), StringComparison.Ordinal);
        Assert.Contains("update-mime-database", ExtractorFactory.Text(pages[2]), StringComparison.Ordinal);
        Assert.All(pages, page => Assert.True(page.Words.Count > 20, $"page {page.Number} has {page.Words.Count} words"));
        Assert.All(pages, page => Assert.True(RenderInk.DarkFraction(page.Render) > 0, $"page {page.Number} renders blank"));
        Assert.All(pages, page => Assert.All(page.Words, word => Assert.DoesNotContain('\uFFFD', word.Text)));
    }

    [Fact]
    public void Paragraph_blocks_of_the_specification_are_numbered_in_reading_order()
    {
        var third = specification.Pages[2];

        Assert.True(third.Words.Select(word => word.Block).Distinct().Count() > 3, "a page of prose has several paragraphs");
        Assert.Equal(third.Words.Select(word => word.Block).Order(), third.Words.Select(word => word.Block));

        // The first words of the page are at its top, the last ones at its bottom.
        Assert.True(third.Words[0].Box.Y < 0.2 && third.Words[^1].Box.Y > 0.7);
    }

    internal static string FixturePath(string name)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "fixtures", "pdf", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"tests/fixtures/pdf/{name} is not above {AppContext.BaseDirectory}.");
    }

    /// <summary>The 17 pages of the specification, extracted once for the tests that read them,
    /// rendered at a low resolution: these tests check that every page renders, not how well.</summary>
    public sealed class SpecificationPages : IAsyncLifetime
    {
        public IReadOnlyList<Core.Ingestion.ExtractedPage> Pages { get; private set; } = [];

        public async ValueTask InitializeAsync() =>
            Pages = await ExtractorFactory.ExtractAllAsync(
                FixturePath("shared-mime-info-spec.pdf"), new ExtractionOptions { RenderDpi = 40, MinRenderSide = 64 });

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
