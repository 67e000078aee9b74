using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using RagPlatform.Benchmarks.Harness;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace RagPlatform.Benchmarks.Suites;

/// <summary>`search-load`: text searches on loopback against a built API host in its own process,
/// from concurrent searchers, a fixed number each, while documents ingest (the bounded load of
/// issue 11; its test, SearchLoadTests, checks that none fails). Reports the latency percentiles,
/// the errors and the host's peak resident memory.</summary>
internal static class SearchLoadSuite
{
    private static readonly string[] Queries = ["harbour", "tide tables", "cargo manifest", "lighthouse fog", "pilot boat", "north pier", "page 3", "register"];

    public static async Task<int> RunAsync(BenchSettings settings, string apiDll, int searchers, int searchesEach, int ingesting, int library, CancellationToken cancellationToken)
    {
        var run = new SuiteRun("search-load", settings);
        BenchConsole.Heading($"search-load: {searchers} searchers × {searchesEach} searches while {ingesting} documents ingest, {library} documents indexed before");
        await using var host = await ApiHostProcess.StartAsync(apiDll, new Dictionary<string, string>(), cancellationToken).ConfigureAwait(false);
        using var http = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromMinutes(5) };

        var indexed = new List<Guid>();
        for (var i = 0; i < library; i++)
        {
            indexed.Add(await UploadAsync(http, Pdf(5, $"{Queries[i % 4]} {Queries[4 + (i % 4)]} logbook {i}"), $"library-{i}.pdf", cancellationToken).ConfigureAwait(false));
        }

        await WaitUntilReadyAsync(http, indexed, cancellationToken).ConfigureAwait(false);
        var uploads = new List<Guid>();
        for (var i = 0; i < ingesting; i++)
        {
            uploads.Add(await UploadAsync(http, Pdf(20, $"cargo manifest ingesting {i}"), $"ingesting-{i}.pdf", cancellationToken).ConfigureAwait(false));
        }

        host.ResetPeak();
        var latencies = new ConcurrentBag<double>();
        var errors = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, searchers).Select(searcher => Task.Run(async () =>
        {
            for (var i = 0; i < searchesEach; i++)
            {
                var start = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.GetAsync($"/api/search?q={Uri.EscapeDataString(Queries[(searcher + i) % Queries.Length])}&limit=10", cancellationToken).ConfigureAwait(false);
                    await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }

                latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }, cancellationToken))).ConfigureAwait(false);
        var elapsed = clock.Elapsed.TotalSeconds;
        var stillIngesting = await CountUnfinishedAsync(http, uploads, cancellationToken).ConfigureAwait(false);
        var summary = LatencySummary.From([.. latencies]);
        var row = new SearchLoadRow(searchers, searchesEach, ingesting, library, summary, errors, summary.Iterations / elapsed, stillIngesting, host.PeakResidentBytes / (1024.0 * 1024.0));
        run.Add(row);
        BenchConsole.Table(["searches", "errors", "per s", "p50 ms", "p95 ms", "p99 ms", "max ms", "still ingesting", "peak RSS MiB"],
        [
            [Cell.Of(summary.Iterations), Cell.Of(errors), Cell.Of(row.SearchesPerSecond, "F0"), Cell.Of(summary.P50Ms, "F1"), Cell.Of(summary.P95Ms, "F1"),
                Cell.Of(summary.P99Ms, "F1"), Cell.Of(summary.MaxMs, "F1"), $"{stillIngesting}/{ingesting}", Cell.Of(row.PeakRssMib, "F0")],
        ]);
        run.Note(string.Create(CultureInfo.InvariantCulture, $"Lexical-only host (no models). Machine: {run.Machine}. Load average at end: {MachineSnapshot.ReadLoadAverage()}."));
        await run.SaveAsync(cancellationToken).ConfigureAwait(false);
        return errors == 0 ? 0 : 1;
    }

    private static byte[] Pdf(int pages, string words)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        for (var page = 1; page <= pages; page++)
        {
            var added = builder.AddPage(PageSize.A4);
            for (var line = 0; line < 30; line++)
            {
                added.AddText($"{words}, page {page}, line {line}: the harbour authority logged the tides and the cargo.", 10, new PdfPoint(50, 800 - (line * 20)), font);
            }
        }

        return builder.Build();
    }

    private static async Task<Guid> UploadAsync(HttpClient http, byte[] bytes, string name, CancellationToken cancellationToken)
    {
        using var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(bytes);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        content.Add(part, "files", name);
        using var response = await http.PostAsync("/api/documents", content, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        return body.RootElement.GetProperty("documents")[0].GetProperty("document").GetProperty("id").GetGuid();
    }

    private static async Task WaitUntilReadyAsync(HttpClient http, IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        while (await CountUnfinishedAsync(http, ids, cancellationToken).ConfigureAwait(false) > 0)
        {
            await Task.Delay(200, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<int> CountUnfinishedAsync(HttpClient http, IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        var unfinished = 0;
        foreach (var id in ids)
        {
            using var details = JsonDocument.Parse(await http.GetStringAsync($"/api/documents/{id}", cancellationToken).ConfigureAwait(false));
            var status = details.RootElement.GetProperty("document").GetProperty("status").ToString();
            unfinished += status is "queued" or "processing" ? 1 : 0;
        }

        return unfinished;
    }

    private sealed record SearchLoadRow(int Searchers, int SearchesEach, int Ingesting, int Library, LatencySummary Latency, int Errors,
        double SearchesPerSecond, int StillIngesting, double PeakRssMib);
}
