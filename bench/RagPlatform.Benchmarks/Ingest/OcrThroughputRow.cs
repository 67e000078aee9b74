namespace RagPlatform.Benchmarks.Ingest;

/// <summary>One engine on one kind of image: throughput with <see cref="Parallel"/> readers
/// (platform) or processes (tesseract), and recall of the drawn words.</summary>
internal sealed record OcrThroughputRow(string Kind, string Engine, int Parallel, int Images, double Seconds, double ImagesPerSecond, int WordsFound, int WordsDrawn)
{
    public double Recall => WordsDrawn == 0 ? 0 : (double)WordsFound / WordsDrawn;
}
