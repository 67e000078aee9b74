using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Ingestion;
using RagPlatform.Infrastructure.Extraction;

namespace RagPlatform.Infrastructure.Tests.Extraction;

public sealed class PdfExtractionRegistrationTests
{
    [Fact]
    public void The_extractor_is_registered_for_pdf_with_options_from_the_extraction_section()
    {
        using var services = Build(new() { ["Extraction:RenderDpi"] = "200", ["Extraction:MinImageSide"] = "64" });

        Assert.IsType<PdfDocumentExtractor>(services.GetRequiredKeyedService<IDocumentExtractor>(DocumentKind.Pdf));
        var options = services.GetRequiredService<IOptions<ExtractionOptions>>().Value;
        Assert.Equal((200, 64, 4096), (options.RenderDpi, options.MinImageSide, options.MaxRenderSide));
    }

    [Theory]
    [InlineData("RenderDpi", "0")]
    [InlineData("MaxRenderSide", "100000")]
    [InlineData("MaxUnmappableTextFraction", "1.5")]
    [InlineData("PageTimeout", "00:00:00")]
    public void A_bad_setting_fails_naming_its_key(string key, string value)
    {
        using var services = Build(new() { [$"Extraction:{key}"] = value });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ExtractionOptions>>().Value);
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_minimum_render_side_above_the_maximum_is_refused()
    {
        using var services = Build(new() { ["Extraction:MinRenderSide"] = "2048", ["Extraction:MaxRenderSide"] = "1024" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ExtractionOptions>>().Value);
        Assert.Contains("Extraction:MinRenderSide", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddPdfExtraction()
            .BuildServiceProvider();
    }
}
