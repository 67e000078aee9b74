using System.Diagnostics;
using System.Globalization;
using RagPlatform.Benchmarks.Harness;
using RagPlatform.Benchmarks.Server;
using RagPlatform.Benchmarks.Vectors;
using RagPlatform.TestServers.Postgres;

namespace RagPlatform.Benchmarks.Suites;

/// <summary>`server-search`: search latency of the storage engines through their ports, each built by
/// its own <c>Add…</c> registration: lexical (PostgreSQL tsvector vs SQLite FTS5) over generated
/// chunks and pages, and vector top-k (embedded, pgvector on PGlite, the Qdrant wire test server, and
/// real servers when named) over seeded 512-d vectors, with load time and recall against an exact scan.</summary>
internal static class ServerSearchSuite
{
    /// <param name="PgliteItems">At most this many vectors on PGlite (its HNSW inserts run in WebAssembly).</param>
    public sealed record Options(int Items, int PgliteItems, int Warmup, int Queries, int K, int LexicalLimit, IReadOnlyCollection<string> Lexical, IReadOnlyCollection<string> Vectors);

    public static async Task<int> RunAsync(BenchSettings settings, Options options, CancellationToken cancellationToken)
    {
        await using var postgres = new PostgresServer();
        var lexical = ServerSearchTargets.Select(new ServerSearchTargets(postgres).Lexical(), t => t.Name, options.Lexical, "lexical target(s)");
        var vectors = ServerSearchTargets.Select(ServerSearchTargets.Vectors(options.PgliteItems), t => t.Name, options.Vectors, "vector target(s)");
        var run = new SuiteRun("server-search", settings);
        run.Settings["items"] = options.Items.ToString(CultureInfo.InvariantCulture);
        run.Settings["queries"] = options.Queries.ToString(CultureInfo.InvariantCulture);
        run.Settings["k"] = options.K.ToString(CultureInfo.InvariantCulture);
        run.Settings["lexicalLimit"] = options.LexicalLimit.ToString(CultureInfo.InvariantCulture);
        run.Settings["lexicalTargets"] = lexical.Count == 0 ? "none" : string.Join(",", lexical.Select(t => t.Name));
        run.Settings["vectorTargets"] = vectors.Count == 0 ? "none" : string.Join(",", vectors.Select(t => t.Name));
        BenchConsole.Heading(string.Create(CultureInfo.InvariantCulture,
            $"server-search: {options.Items:N0} items, lexical {run.Settings["lexicalTargets"]}, vectors {run.Settings["vectorTargets"]}"));

        var lexicalRows = lexical.Count == 0 ? [] : await MeasureLexicalAsync(run, lexical, options, settings.Seed, cancellationToken).ConfigureAwait(false);
        var vectorRows = vectors.Count == 0 ? [] : await MeasureVectorsAsync(run, vectors, options, settings.Seed, cancellationToken).ConfigureAwait(false);

        if (lexicalRows.Count > 0)
        {
            BenchConsole.Table(["target", "search", "chunks", "queries", "p50 ms", "p95 ms", "mean ms", "QPS", "mean hits", "load s", "entries/s"],
                lexicalRows.Select(row => (IReadOnlyList<string>)
                [
                    row.Target, $"{row.Kind} (limit {row.Limit})", Cell.Of(row.Chunks), Cell.Of(row.Latency.Iterations),
                    Cell.Of(row.Latency.P50Ms, "F2"), Cell.Of(row.Latency.P95Ms, "F2"), Cell.Of(row.Latency.MeanMs, "F2"),
                    Cell.Of(row.QueriesPerSecond, "F0"), Cell.Of(row.MeanHits, "F1"), Cell.Of(row.LoadSeconds, "F1"), Cell.Of(row.EntriesPerSecond, "F0"),
                ]), labelColumns: 2);
        }

        if (vectorRows.Count > 0)
        {
            BenchConsole.Table(["target", "vectors", "queries", "p50 ms", "p95 ms", "mean ms", "QPS", $"recall@{options.K}", "top-1 found", "load s", "vectors/s"],
                vectorRows.Select(row => (IReadOnlyList<string>)
                [
                    row.Target, Cell.Of(row.Vectors), Cell.Of(row.Latency.Iterations), Cell.Of(row.Latency.P50Ms, "F2"), Cell.Of(row.Latency.P95Ms, "F2"),
                    Cell.Of(row.Latency.MeanMs, "F2"), Cell.Of(row.QueriesPerSecond, "F0"), Cell.Of(row.RecallAtK, "F3"), Cell.Of(row.TopHitFound, "F3"),
                    Cell.Of(row.LoadSeconds, "F1"), Cell.Of(row.VectorsPerSecond, "F0"),
                ]));
        }

        foreach (var engine in lexical.Select(t => (t.Name, t.Engine)).Concat(vectors.Select(t => (t.Name, t.Engine))))
        {
            run.Note($"{engine.Name}: {engine.Engine}");
        }

        run.Note("One search at a time, from this process, on loopback; every search filtered to one collection, as the API asks. "
            + "Servers share this machine's cores with the benchmark.");
        run.Note($"Machine: {run.Machine}. Load average at end: {MachineSnapshot.ReadLoadAverage()}.");
        await run.SaveAsync(cancellationToken).ConfigureAwait(false);
        return 0;
    }

    private static async Task<List<LexicalRow>> MeasureLexicalAsync(
        SuiteRun run, IReadOnlyList<ServerLexicalTarget> targets, Options options, ulong seed, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var corpus = LexicalCorpus.Generate(options.Items, options.Warmup + options.Queries, seed);
        run.Note(string.Create(CultureInfo.InvariantCulture,
            $"Lexical corpus: {corpus.Documents.Count:N0} documents, {corpus.Pages:N0} pages, {corpus.Chunks:N0} chunks of 40-55 words, generated in {clock.Elapsed.TotalSeconds:F1} s. Queries of 1-3 words, e.g. \"{corpus.Queries[0]}\", \"{corpus.Queries[1]}\", \"{corpus.Queries[2]}\"."));
        var entries = corpus.Chunks + corpus.Pages;
        var rows = new List<LexicalRow>();
        foreach (var target in targets)
        {
            await using (target.ConfigureAwait(false))
            {
                BenchConsole.Info($"  {target.Name}: starting, then indexing {entries:N0} entries");
                await target.StartAsync(corpus, cancellationToken).ConfigureAwait(false);
                var start = Stopwatch.GetTimestamp();
                await target.LoadAsync(corpus, cancellationToken).ConfigureAwait(false);
                var loadSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
                await target.SettleAsync(cancellationToken).ConfigureAwait(false);
                foreach (var pages in new[] { false, true })
                {
                    var hits = 0L;
                    var timed = new List<(string Query, double Ms)>();
                    var latency = await Measurement.RunAsync(options.Warmup, options.Queries, async (call, token) =>
                    {
                        var began = Stopwatch.GetTimestamp();
                        var found = await target.SearchAsync(corpus.Queries[call], options.LexicalLimit, pages, token).ConfigureAwait(false);
                        if (call >= options.Warmup)
                        {
                            hits += found;
                            timed.Add((corpus.Queries[call], Stopwatch.GetElapsedTime(began).TotalMilliseconds));
                        }
                    }, cancellationToken).ConfigureAwait(false);
                    // The slowest queries say which shape of query a tail comes from (a frequent word, a phrase).
                    var slowest = timed.OrderByDescending(q => q.Ms).Take(3)
                        .Select(q => string.Create(CultureInfo.InvariantCulture, $"\"{q.Query}\" {q.Ms:F0} ms")).ToList();
                    var row = new LexicalRow(target.Name, target.Engine, pages ? "pages" : "chunks", options.LexicalLimit, corpus.Chunks, corpus.Pages,
                        latency, 1000 / latency.MeanMs, (double)hits / options.Queries, loadSeconds, entries / loadSeconds, slowest, MachineSnapshot.ReadLoadAverage());
                    rows.Add(row);
                    run.Add(row);
                    BenchConsole.Info(string.Create(CultureInfo.InvariantCulture,
                        $"  {row.Target} {row.Kind}: p50 {latency.P50Ms:F2} ms, p95 {latency.P95Ms:F2} ms, load {loadSeconds:F1} s; slowest {string.Join(", ", slowest)}"));
                }
            }
        }

        return rows;
    }

    private static async Task<List<VectorSearchRow>> MeasureVectorsAsync(
        SuiteRun run, IReadOnlyList<ServerVectorTarget> targets, Options options, ulong seed, CancellationToken cancellationToken)
    {
        // One data set per size: a smaller set is the first rows of the larger one (VectorSet.Random
        // seeds by chunk of rows), with queries near its own rows and its own exact answers.
        var sets = new Dictionary<int, (VectorSet Vectors, VectorSet Queries, VectorMatch[][] Truth)>();
        var rows = new List<VectorSearchRow>();
        foreach (var target in targets)
        {
            var size = target.Size(options.Items);
            if (!sets.TryGetValue(size, out var set))
            {
                var clock = Stopwatch.StartNew();
                var vectors = VectorSet.Random(size, VectorsSuite.Dimensions, seed);
                var queries = VectorSet.QueriesNear(vectors, options.Warmup + options.Queries, seed + 1);
                set = sets[size] = (vectors, queries, await VectorsSuite.ExactAnswersAsync(vectors, queries, options.Warmup, options.K, cancellationToken).ConfigureAwait(false));
                run.Note(string.Create(CultureInfo.InvariantCulture,
                    $"Vectors: {size:N0} × {vectors.Dimensions} (seeded, normalised), {queries.Count} queries near stored rows, exact answers by a parallel scan, in {clock.Elapsed.TotalSeconds:F1} s."));
            }

            await using (target.ConfigureAwait(false))
            {
                rows.Add(await MeasureVectorTargetAsync(run, target, set.Vectors, set.Queries, set.Truth, options, seed, cancellationToken).ConfigureAwait(false));
            }
        }

        return rows;
    }

    private static async Task<VectorSearchRow> MeasureVectorTargetAsync(SuiteRun run, ServerVectorTarget target, VectorSet vectors, VectorSet queries,
        VectorMatch[][] truth, Options options, ulong seed, CancellationToken cancellationToken)
    {
        BenchConsole.Info($"  {target.Name}: starting, then upserting {vectors.Count:N0} vectors");
        await target.StartAsync(vectors.Count, seed + 2, cancellationToken).ConfigureAwait(false);
        var start = Stopwatch.GetTimestamp();
        await target.LoadAsync(vectors, cancellationToken).ConfigureAwait(false);
        var loadSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        await target.SettleAsync(cancellationToken).ConfigureAwait(false);
        var results = new VectorMatch[options.Queries][];
        var latency = await Measurement.RunAsync(options.Warmup, options.Queries, async (call, token) =>
        {
            var matches = await target.SearchAsync(queries.Row(call), options.K, token).ConfigureAwait(false);
            if (call >= options.Warmup)
            {
                results[call - options.Warmup] = matches;
            }
        }, cancellationToken).ConfigureAwait(false);
        var row = new VectorSearchRow(target.Name, target.Engine, vectors.Count, vectors.Dimensions, options.K, latency, 1000 / latency.MeanMs,
            VectorsSuite.Recall(results, truth, options.K), TopHitFound(results, truth), loadSeconds, vectors.Count / loadSeconds, MachineSnapshot.ReadLoadAverage());
        run.Add(row);
        BenchConsole.Info(string.Create(CultureInfo.InvariantCulture,
            $"  {row.Target}: p50 {latency.P50Ms:F2} ms, p95 {latency.P95Ms:F2} ms, recall {row.RecallAtK:F3}, load {loadSeconds:F1} s"));
        return row;
    }

    private sealed record LexicalRow(string Target, string Engine, string Kind, int Limit, int Chunks, int Pages, LatencySummary Latency,
        double QueriesPerSecond, double MeanHits, double LoadSeconds, double EntriesPerSecond, IReadOnlyList<string> SlowestQueries, string LoadAverageAtEnd);

    /// <summary>Share of queries whose exact nearest row is the engine's first hit. Queries lie near one
    /// stored row; the rest of a random data set is a crowd of near-ties, which an approximate index
    /// finds only in part (recall@k), so this says whether the one clear answer is found.</summary>
    private static double TopHitFound(VectorMatch[][] results, VectorMatch[][] truth) =>
        (double)results.Select((matches, i) => matches.Length > 0 && matches[0].Row == truth[i][0].Row).Count(found => found) / results.Length;

    /// <param name="TopHitFound">Share of queries whose exact nearest row came first.</param>
    private sealed record VectorSearchRow(string Target, string Engine, int Vectors, int Dimensions, int K, LatencySummary Latency,
        double QueriesPerSecond, double RecallAtK, double TopHitFound, double LoadSeconds, double VectorsPerSecond, string LoadAverageAtEnd);
}
