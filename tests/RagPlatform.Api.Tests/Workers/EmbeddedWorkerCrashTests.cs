namespace RagPlatform.Api.Tests.Workers;

/// <summary>Two worker processes on the embedded backends: one SQLite file in WAL mode, each
/// process's in-memory vector index catching up with the others' writes.</summary>
public sealed class EmbeddedWorkerCrashTests : WorkerCrashScenarios
{
    protected override int WorkerProcesses => 2;

    protected override Task<IReadOnlyDictionary<string, string>> BackendSettingsAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>());
}
