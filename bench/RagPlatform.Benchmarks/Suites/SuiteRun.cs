using RagPlatform.Benchmarks.Harness;

namespace RagPlatform.Benchmarks.Suites;

/// <summary>Collects one suite run's rows and notes, then writes its JSON report.</summary>
internal sealed class SuiteRun(string suite, BenchSettings settings)
{
    private readonly DateTimeOffset _startedAt = DateTimeOffset.UtcNow;
    private readonly MachineSnapshot _machine = MachineSnapshot.Take();
    private readonly List<object> _rows = [];
    private readonly List<string> _notes = [];

    public Dictionary<string, string> Settings { get; } = settings.Describe();

    public MachineSnapshot Machine => _machine;

    public void Add(object row) => _rows.Add(row);

    public void Note(string note)
    {
        _notes.Add(note);
        BenchConsole.Info(note);
    }

    public async Task<string> SaveAsync(CancellationToken cancellationToken)
    {
        var report = new BenchReport(suite, _startedAt, DateTimeOffset.UtcNow, _machine, MachineSnapshot.ReadLoadAverage(),
            Settings, _rows, _notes);
        var path = await ResultsWriter.WriteAsync(report, settings.ResultsDirectory, cancellationToken).ConfigureAwait(false);
        BenchConsole.Info($"Results written to {path}");
        return path;
    }
}
