using System.Globalization;
using System.Text.Json;

namespace RagPlatform.Benchmarks.Harness;

/// <summary>Writes one JSON file per suite run: {suite}-{UTC timestamp}.json, never overwriting.</summary>
internal static class ResultsWriter
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static async Task<string> WriteAsync(BenchReport report, string resultsDirectory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(resultsDirectory);
        var path = Path.Combine(resultsDirectory, string.Create(CultureInfo.InvariantCulture,
            $"{report.Suite}-{report.StartedAt.UtcDateTime:yyyyMMdd-HHmmss}.json"));
        var stream = File.Create(path);
        await using (stream.ConfigureAwait(false))
        {
            await JsonSerializer.SerializeAsync(stream, report, Json, cancellationToken).ConfigureAwait(false);
        }

        return path;
    }
}
