namespace RagPlatform.Benchmarks.Server;

/// <summary>One configuration of the ingestion suite. <paramref name="Seconds"/> runs from the first
/// upload to the last document ready; <paramref name="Speedup"/> is pages/s against the same
/// backend's run with one worker process (1 when there is none); <paramref name="WorkerPeakRssMib"/>
/// is the largest peak resident memory of one worker process (its extractor processes not counted).</summary>
internal sealed record IngestRow(
    string Backend,
    int WorkerProcesses,
    int Documents,
    int Pages,
    int Items,
    int Failed,
    double UploadSeconds,
    double Seconds,
    double PagesPerSecond,
    double Speedup,
    double WorkerPeakRssMib,
    string LoadAverageAtEnd);
