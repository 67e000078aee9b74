using System.Text.Json;

namespace RagPlatform.Api.Tests.Eval;

/// <summary>Reads the JSON report of `rag eval --json` the way a CI script would: by field names.</summary>
public sealed class EvalReportJson(JsonDocument document)
{
    private static readonly string[] Sections = ["overall", "byKind", "byTag", "queries"];

    public JsonElement Root => document.RootElement;

    public bool OcrAvailable => Root.GetProperty("platform").GetProperty("ocr").GetBoolean();

    public IEnumerable<JsonElement> ByKind => Root.GetProperty("byKind").EnumerateArray();

    public IEnumerable<JsonElement> ByTag => Root.GetProperty("byTag").EnumerateArray();

    public IEnumerable<JsonElement> Queries => Root.GetProperty("queries").EnumerateArray();

    /// <summary>Every metrics object of every row and query.</summary>
    public IEnumerable<JsonElement> AllMetrics =>
        Sections
            .SelectMany(name => Root.GetProperty(name).EnumerateArray())
            .Where(row => row.TryGetProperty("metrics", out _))
            .Select(row => row.GetProperty("metrics"));

    public static async Task<EvalReportJson> LoadAsync(string path) =>
        new(JsonDocument.Parse(await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken)));

    public JsonElement KindRow(string kind, string mode) =>
        ByKind.Single(r => r.GetProperty("kind").GetString() == kind && r.GetProperty("mode").GetString() == mode);

    public JsonElement TagRow(string kind, string tag, string mode) =>
        ByTag.Single(r => r.GetProperty("kind").GetString() == kind && r.GetProperty("tag").GetString() == tag && r.GetProperty("mode").GetString() == mode);

    public static double Metric(JsonElement row, string name) => row.GetProperty("metrics").GetProperty(name).GetDouble();
}
