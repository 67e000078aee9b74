namespace RagPlatform.Api.Tests.Collections;

/// <summary>Collection isolation on the embedded engines (SQLite, in-memory vectors).</summary>
public sealed class CollectionIsolationTests : CollectionIsolationScenarios
{
    protected override Task<IReadOnlyDictionary<string, string>> StartBackendAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>());
}
