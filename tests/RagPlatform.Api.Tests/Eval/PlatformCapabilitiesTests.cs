using System.Text.Json;
using RagPlatform.Cli.Api;
using RagPlatform.Cli.Eval;

namespace RagPlatform.Api.Tests.Eval;

/// <summary>Whether the server reads text from images and re-ranks, from GET /api/status as the CLI
/// receives it (older servers lack the fields).</summary>
public sealed class PlatformCapabilitiesTests
{
    private const string Base = """{"dense": {"available": true, "reason": null, "dimensions": 512}, "documents": {}, "items": {}, "vectors": 0, "queueLength": 0""";

    private static PlatformCapabilities From(string ocrField) =>
        PlatformCapabilities.From(JsonSerializer.Deserialize<StatusView>(Base + ocrField + "}", ApiJson.Options)!);

    [Theory]
    [InlineData("", false)]
    [InlineData(""", "ocr": null""", false)]
    [InlineData(""", "ocr": false""", false)]
    [InlineData(""", "ocr": true""", true)]
    [InlineData(""", "ocr": {"available": false, "reason": "no tesseract"}""", false)]
    [InlineData(""", "ocr": {"available": true, "engine": "tesseract 5.3"}""", true)]
    public void Ocr_counts_as_available_only_when_the_status_says_so(string ocrField, bool available)
    {
        var platform = From(ocrField);

        Assert.Equal(available, platform.Ocr);
        Assert.True(platform.Dense);
    }

    [Theory]
    [InlineData("", false)]
    [InlineData(""", "reranking": {"enabled": false, "reason": "Switched off", "topN": null}""", false)]
    [InlineData(""", "reranking": {"enabled": true, "reason": null, "topN": 20}""", true)]
    public void Re_ranking_counts_as_on_only_when_the_status_says_so(string rerankingField, bool enabled)
    {
        Assert.Equal(enabled, From(rerankingField).Reranking);
    }
}
