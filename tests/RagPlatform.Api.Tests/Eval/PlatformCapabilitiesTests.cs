using System.Text.Json;
using RagPlatform.Cli.Api;
using RagPlatform.Cli.Eval;

namespace RagPlatform.Api.Tests.Eval;

/// <summary>Whether the server reads text from images, re-ranks and has the text space, from GET /api/status as the CLI
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

    [Theory]
    [InlineData("", false)]
    [InlineData(""", "textSpace": {"available": false, "reason": "No text embedding model", "model": null, "dimensions": null, "vectors": 0}""", false)]
    [InlineData(""", "textSpace": {"available": true, "reason": null, "model": "text", "dimensions": 384, "vectors": 10}""", true)]
    public void The_text_space_counts_as_on_only_when_the_status_says_so(string textSpaceField, bool available)
    {
        Assert.Equal(available, From(textSpaceField).TextSpace);
    }

    [Theory]
    [InlineData(false, false, false)]
    [InlineData(true, false, true)]
    [InlineData(false, true, true)]
    public void Text_queries_run_densely_with_clip_or_with_the_text_space(bool clip, bool textSpace, bool denseText)
    {
        Assert.Equal(denseText, new PlatformCapabilities(clip, Ocr: true, TextSpace: textSpace).DenseText);
    }
}
