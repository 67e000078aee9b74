using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using RagPlatform.Core.Documents;
using RagPlatform.Infrastructure.Ocr;

namespace RagPlatform.Benchmarks.Ingest;

/// <summary>The platform's OCR as ingestion calls it: <c>ITextRecognizer.RecognizeAsync</c> on the
/// encoded file (decode included), with <c>readers</c> calls in flight at once on one recogniser.</summary>
internal sealed class PlatformOcrReader : IDisposable
{
    private readonly PaddleOcrRecognizer _recognizer;

    public PlatformOcrReader(string modelDirectory, OcrOptions options)
    {
        _recognizer = new PaddleOcrRecognizer(new OcrModelFolder(modelDirectory), options, NullLogger<PaddleOcrRecognizer>.Instance);
        if (!_recognizer.IsAvailable)
        {
            throw new InvalidOperationException(_recognizer.UnavailableReason);
        }
    }

    /// <returns>The text read from each image (lines joined by newlines), in the order given, the wall
    /// time, this process's CPU time meanwhile (every thread: the readers', ONNX Runtime's, the GC's, the
    /// runtime's tiered compilation), and that of the tiered compilation alone (<see cref="TieredJitClock"/>).</returns>
    public async Task<(string[] Texts, TimeSpan Elapsed, TimeSpan Cpu, TimeSpan Jit)> ReadAsync(IReadOnlyList<OcrBenchImage> images, int readers, CancellationToken cancellationToken)
    {
        var texts = new string[images.Count];
        var next = -1;
        // Each read gets bytes of its own, as an upload is: the recogniser leaves its pixels for the next reader
        // of the same bytes (CLIP, in ingestion), so a second read of one array took them and skipped the decode.
        var files = images.Select(image => image.Png.ToArray()).ToArray();
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var jitBefore = TieredJitClock.Now();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, readers).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < images.Count)
            {
                var image = images[i];
                var lines = await _recognizer.RecognizeAsync(new EncodedImage(files[i], "image/png", image.Width, image.Height), cancellationToken).ConfigureAwait(false);
                texts[i] = string.Join('\n', lines.Select(line => line.Text));
            }
        }, cancellationToken))).ConfigureAwait(false);
        var elapsed = clock.Elapsed;
        process.Refresh();
        return (texts, elapsed, process.TotalProcessorTime - cpuBefore, TieredJitClock.Since(jitBefore));
    }

    public void Dispose() => _recognizer.Dispose();
}
