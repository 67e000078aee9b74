using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using RagPlatform.Api.Search;
using RagPlatform.Api.Tests.Support;
using RagPlatform.Core.Documents;

namespace RagPlatform.Api.Tests.Search;

/// <summary>A bounded load on loopback: 16 searchers send a fixed number of searches each to a real
/// host process while 4 documents ingest. Every search must succeed and every document end ready;
/// the latencies are reported, never asserted (bench suite <c>search-load</c> measures them).</summary>
public sealed class SearchLoadTests(ITestOutputHelper output)
{
    private const int Searchers = 16;
    private const int SearchesEach = 25;
    private const int IngestingDocuments = 4;

    private static readonly string[] Queries = ["harbour", "tide tables", "cargo manifest", "lighthouse fog", "pilot boat", "north pier", "page 3", "register"];

    [Fact]
    public async Task Sixteen_searchers_get_no_error_while_four_documents_ingest()
    {
        await using var host = await ApiProcess.StartAsync();
        var client = new PlatformClient(host.Http);
        for (var i = 0; i < 4; i++)
        {
            await client.IngestAsync(SamplePdfs.Pages(3, $"{Queries[i]} {Queries[i + 4]} logbook {i}"), $"searchable-{i}.pdf");
        }

        var ingesting = new List<Guid>();
        for (var i = 0; i < IngestingDocuments; i++)
        {
            ingesting.Add((await client.UploadAsync(SamplePdfs.Pages(8, $"cargo manifest ingesting {i}"), $"ingesting-{i}.pdf")).Document.Id);
        }

        var latencies = new ConcurrentBag<double>();
        var errors = new ConcurrentBag<string>();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Searchers).Select(searcher => Task.Run(async () =>
        {
            for (var i = 0; i < SearchesEach; i++)
            {
                var query = Queries[(searcher + i) % Queries.Length];
                var start = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await host.Http.GetAsync($"/api/search?q={Uri.EscapeDataString(query)}&limit=10", TestContext.Current.CancellationToken);
                    var body = await response.Content.ReadFromJsonAsync<SearchResponseDto>(PlatformClient.Json, TestContext.Current.CancellationToken);
                    latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                    if (!response.IsSuccessStatusCode || body is null)
                    {
                        errors.Add($"{query}: {(int)response.StatusCode}");
                    }
                }
                catch (HttpRequestException ex)
                {
                    errors.Add($"{query}: {ex.Message}");
                }
            }
        }, TestContext.Current.CancellationToken)));
        var elapsed = clock.Elapsed;
        var stillIngesting = 0;
        foreach (var id in ingesting)
        {
            stillIngesting += (await client.GetAsync(id)).Document.Status is DocumentStatus.Queued or DocumentStatus.Processing ? 1 : 0;
        }

        var sorted = latencies.Order().ToArray();
        output.WriteLine($"{sorted.Length} searches by {Searchers} searchers in {elapsed.TotalSeconds:F1} s, {errors.Count} errors; " +
            $"p50 {Percentile(sorted, 0.50):F1} ms, p99 {Percentile(sorted, 0.99):F1} ms, max {sorted[^1]:F1} ms; " +
            $"{stillIngesting} of {IngestingDocuments} documents still ingesting when the searches ended; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}.");

        Assert.Empty(errors);
        Assert.Equal(Searchers * SearchesEach, sorted.Length);
        foreach (var id in ingesting)
        {
            Assert.Equal(DocumentStatus.Ready, (await client.WaitUntilFinishedAsync(id, TimeSpan.FromMinutes(3))).Document.Status);
        }

        Assert.False(host.HasExited);
    }

    /// <summary>Nearest-rank percentile.</summary>
    private static double Percentile(double[] sorted, double fraction) =>
        sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Length) - 1, 0, sorted.Length - 1)];
}
