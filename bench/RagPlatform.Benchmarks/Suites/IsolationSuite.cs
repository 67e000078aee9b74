using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RagPlatform.Benchmarks.Harness;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Ingestion;
using RagPlatform.Infrastructure.Extraction;
using RagPlatform.Infrastructure.Extraction.Isolation;
using RagPlatform.Infrastructure.Imaging;
using SkiaSharp;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace RagPlatform.Benchmarks.Suites;

/// <summary>`isolation`: what reading a document in an extractor process costs over reading it in
/// process. Each call opens a document and extracts every page (text, images, render), as one
/// ingestion does, in process, in a reused extractor process (the default, up to
/// Extraction:DocumentsPerProcess documents each) and in a fresh process per document
/// (DocumentsPerProcess = 1); the differences of the medians are the per-document price of isolation.</summary>
internal static class IsolationSuite
{
    public static async Task<int> RunAsync(BenchSettings settings, int? iterations, int? warmup, CancellationToken cancellationToken)
    {
        var run = new SuiteRun("isolation", settings);
        BenchConsole.Heading("isolation: open + extract every page, in process vs in a reused or a fresh extractor process");
        var folder = Directory.CreateTempSubdirectory("ragplatform-bench-isolation-");
        try
        {
            var documents = new (string Name, DocumentKind Kind, byte[] Bytes)[]
            {
                ("1-page text PDF", DocumentKind.Pdf, TextPdf(1)),
                ("10-page text PDF", DocumentKind.Pdf, TextPdf(10)),
                ("1600x1200 JPEG", DocumentKind.Image, Jpeg(1600, 1200)),
            };
            var options = Options.Create(new ExtractionOptions());
            var decoder = new SkiaImageDecoder(100_000_000);
            await using var services = new ServiceCollection().AddLogging().AddSingleton(options).AddSingleton(decoder).AddExtractorsByKind().BuildServiceProvider();
            var inProcess = services.GetRequiredService<ExtractorByKind>();
            using var reused = new IsolatedDocumentExtractor(options, decoder, NullLogger<IsolatedDocumentExtractor>.Instance);
            using var fresh = new IsolatedDocumentExtractor(Options.Create(new ExtractionOptions { DocumentsPerProcess = 1 }), decoder, NullLogger<IsolatedDocumentExtractor>.Instance);

            var rows = new List<IsolationRow>();
            foreach (var (name, kind, bytes) in documents)
            {
                var path = Path.Combine(folder.FullName, name.Replace(' ', '-') + (kind == DocumentKind.Pdf ? ".pdf" : ".jpg"));
                await File.WriteAllBytesAsync(path, bytes, cancellationToken).ConfigureAwait(false);
                var calls = iterations ?? 20;
                var local = await Measurement.RunAsync(warmup ?? 2, calls, (_, token) => ExtractAllAsync(inProcess, path, kind, token), cancellationToken).ConfigureAwait(false);
                var child = await Measurement.RunAsync(warmup ?? 2, calls, (_, token) => ExtractAllAsync(reused, path, kind, token), cancellationToken).ConfigureAwait(false);
                var cold = await Measurement.RunAsync(warmup ?? 2, calls, (_, token) => ExtractAllAsync(fresh, path, kind, token), cancellationToken).ConfigureAwait(false);
                var row = new IsolationRow(name, local, child, cold, child.P50Ms - local.P50Ms, cold.P50Ms - local.P50Ms);
                rows.Add(row);
                run.Add(row);
                BenchConsole.Info(string.Create(CultureInfo.InvariantCulture,
                    $"  {name}: in process p50 {local.P50Ms:F0} ms, reused process +{row.ReusedOverheadP50Ms:F0} ms, fresh process +{row.FreshOverheadP50Ms:F0} ms"));
            }

            BenchConsole.Table(["document", "calls", "in process p50 ms", "reused process p50 ms", "p95 ms", "fresh process p50 ms", "p95 ms"], rows.Select(row => (IReadOnlyList<string>)
            [
                row.Document, Cell.Of(row.InProcess.Iterations), Cell.Of(row.InProcess.P50Ms, "F0"),
                Cell.Of(row.Reused.P50Ms, "F0"), Cell.Of(row.Reused.P95Ms, "F0"), Cell.Of(row.Fresh.P50Ms, "F0"), Cell.Of(row.Fresh.P95Ms, "F0"),
            ]));
            run.Note($"Process limits through prlimit: {ExtractorLaunch.HasProcessLimits}. Machine: {run.Machine}. Load average at end: {MachineSnapshot.ReadLoadAverage()}.");
            await run.SaveAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async ValueTask ExtractAllAsync(IDocumentExtractor extractor, string path, DocumentKind kind, CancellationToken cancellationToken)
    {
        using var document = await extractor.OpenAsync(path, kind, cancellationToken).ConfigureAwait(false);
        for (var page = 1; page <= document.PageCount; page++)
        {
            await document.ExtractPageAsync(page, cancellationToken).ConfigureAwait(false);
        }
    }

    private static byte[] TextPdf(int pages)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        for (var number = 1; number <= pages; number++)
        {
            var page = builder.AddPage(PageSize.A4);
            for (var line = 0; line < 40; line++)
            {
                page.AddText($"Page {number}, line {line}: the harbour authority logged the tides and the cargo.", 10, new PdfPoint(50, 800 - (line * 18)), font);
            }
        }

        return builder.Build();
    }

    private static byte[] Jpeg(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            using var paint = new SKPaint { Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(width, height), [SKColors.Navy, SKColors.Orange], SKShaderTileMode.Clamp) };
            canvas.DrawRect(0, 0, width, height, paint);
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 85);
        return data.ToArray();
    }

    private sealed record IsolationRow(string Document, LatencySummary InProcess, LatencySummary Reused, LatencySummary Fresh, double ReusedOverheadP50Ms, double FreshOverheadP50Ms);
}
