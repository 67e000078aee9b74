using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Benchmarks.Answering;
using RagPlatform.Benchmarks.Harness;
using RagPlatform.Core.Answering;
using RagPlatform.Core.Search;
using RagPlatform.LlmWire;

namespace RagPlatform.Benchmarks.Suites;

/// <summary>What answering adds before the model starts: the time from the question to the moment the
/// chat request reaches the model server (query, hybrid search, passages, images, prompt — model time
/// excluded by construction, the scripted server answers at once), the time to the first streamed
/// delta, and the bytes of image content one answer sends at the default budget.</summary>
internal static class AnsweringSuite
{
    public static async Task<int> RunAsync(BenchSettings settings, int documents, int pages, int questions, CancellationToken cancellationToken)
    {
        var run = new SuiteRun("answering", settings);
        await using var server = await OpenAiWireServer.StartAsync(cancellationToken);
        server.DefaultReply = WireReply.Answer("The setting controls retries [1].");
        await using var host = new AnsweringHost(server.Endpoint);
        BenchConsole.Info($"Ingesting {documents} generated manuals of {pages} pages…");
        await host.StartAsync(documents, pages, cancellationToken);
        var answers = host.Services.GetRequiredService<AnswerService>();

        var untilModel = new List<double>();
        var untilFirstDelta = new List<double>();
        var imageBytes = new List<long>();
        var requestBytes = new List<long>();
        for (var i = -3; i < questions; i++)
        {
            var requestNumber = server.Requests.Count + 1;
            var started = DateTimeOffset.UtcNow;
            var clock = Stopwatch.StartNew();
            double? firstDelta = null;
            Answer? answer = null;
            await foreach (var update in answers.AnswerAsync(new AnswerRequest(Topics.Question(Math.Abs(i)), null, SearchFilter.None), cancellationToken))
            {
                firstDelta ??= update is AnswerTextDelta ? clock.Elapsed.TotalMilliseconds : null;
                answer = (update as AnswerCompleted)?.Answer ?? answer;
            }

            var request = await server.WaitForRequestAsync(requestNumber, cancellationToken);
            if (i < 0)
            {
                continue; // warm-up: JIT, SQLite caches, tokenizer
            }

            untilModel.Add((request.ReceivedAt - started).TotalMilliseconds);
            untilFirstDelta.Add(firstDelta ?? double.NaN);
            imageBytes.Add(answer!.Images.Sum(x => x.Bytes));
            requestBytes.Add(System.Text.Encoding.UTF8.GetByteCount(request.Body));
        }

        var toModel = LatencySummary.From(untilModel);
        var toDelta = LatencySummary.From(untilFirstDelta);
        run.Add(new { measurement = "question → chat request at the model server", documents, pages, summary = toModel });
        run.Add(new { measurement = "question → first streamed delta (scripted model)", documents, pages, summary = toDelta });
        run.Add(new { measurement = "image content per answer", meanBytes = imageBytes.Average(), maxBytes = imageBytes.Max(), meanRequestBytes = requestBytes.Average() });
        run.Note($"Retrieval + context before the model: p50 {toModel.P50Ms:F1} ms, p95 {toModel.P95Ms:F1} ms; first delta p50 {toDelta.P50Ms:F1} ms.");
        run.Note($"Image content per answer: mean {imageBytes.Average() / 1024:F0} KiB (max {imageBytes.Max() / 1024:F0} KiB); whole request mean {requestBytes.Average() / 1024:F0} KiB.");
        await run.SaveAsync(cancellationToken);
        return 0;
    }
}
