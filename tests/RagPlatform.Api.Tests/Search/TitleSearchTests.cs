using RagPlatform.Api.Tests.Support;
using RagPlatform.Infrastructure.Tests.Extraction;

namespace RagPlatform.Api.Tests.Search;

/// <summary>A PDF found by the title in its metadata, a word its text never uses, through the real
/// host (extraction in an extractor process, as by default).</summary>
public sealed class TitleSearchTests : IAsyncLifetime
{
    private readonly PlatformFactory factory = new();
    private PlatformClient client = null!;

    public async ValueTask InitializeAsync()
    {
        client = new PlatformClient(factory.CreateClient());
        await client.IngestAsync(TitledPdfs.WithInformationTitle("Photosynthesis Handbook"), "minutes.pdf");
    }

    public ValueTask DisposeAsync() => factory.DisposeAsync();

    [Fact]
    public async Task A_word_of_the_pdf_title_that_its_text_never_uses_finds_its_first_page()
    {
        Assert.DoesNotContain("photosynthesis", TitledPdfs.BodyText, StringComparison.OrdinalIgnoreCase);

        var result = await client.SearchTextAsync("photosynthesis", "&mode=lexical");

        var hit = Assert.Single(result.Hits);
        Assert.Equal(("minutes.pdf", 1), (hit.DocumentName, hit.Page));
    }
}
