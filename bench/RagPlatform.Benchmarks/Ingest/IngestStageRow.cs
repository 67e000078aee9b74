namespace RagPlatform.Benchmarks.Ingest;

/// <summary>One configuration's throughput and where its workers' time went.</summary>
/// <param name="PagesPerSecondModelExcluded">Pages over the wall time less the encoder's share of it
/// (its stage time divided by the workers): the speed with model time excluded.</param>
/// <param name="CpuMsPerPage">CPU time of this process and the extractor processes (user + system,
/// host start and stop included) per page: what a page costs on a machine shared with other work.</param>
/// <param name="ExtractorCpuMsPerPage">The extractor processes' part of it.</param>
/// <param name="Stages">Each stage's time per page (ms) and its share of the workers' wall time.</param>
internal sealed record IngestStageRow(
    string Corpus,
    string Configuration,
    int Workers,
    int Documents,
    int Pages,
    int Failed,
    double Seconds,
    double PagesPerSecond,
    double PagesPerSecondModelExcluded,
    double CpuMsPerPage,
    double ExtractorCpuMsPerPage,
    string LoadAverage,
    IReadOnlyList<IngestStage> Stages);

/// <param name="MsPerPage">Stage time over all workers divided by the pages.</param>
/// <param name="Share">Stage time over (wall time × workers).</param>
internal sealed record IngestStage(string Name, double MsPerPage, double Share);
