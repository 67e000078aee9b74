namespace RagPlatform.Benchmarks.Ingest;

/// <summary>One engine on one kind of image: throughput with <see cref="Parallel"/> readers
/// (platform) or processes (tesseract), CPU seconds spent (all threads, or all processes), and recall
/// of the drawn words. On a loaded machine wall time counts the waits for a core; CPU time does not.
/// <see cref="JitSeconds"/>: the part of the CPU seconds the runtime's tiered compilation took (platform
/// only; near 0 once the warm-up brought the process to its steady state).</summary>
internal sealed record OcrThroughputRow(string Kind, string Engine, int Parallel, int Images, double Seconds, double ImagesPerSecond, int WordsFound, int WordsDrawn,
    double CpuSeconds, double JitSeconds = 0)
{
    public double ImagesPerCpuSecond => CpuSeconds == 0 ? 0 : Images / CpuSeconds;

    public double Recall => WordsDrawn == 0 ? 0 : (double)WordsFound / WordsDrawn;
}
