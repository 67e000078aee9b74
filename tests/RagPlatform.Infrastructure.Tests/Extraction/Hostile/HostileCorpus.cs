namespace RagPlatform.Infrastructure.Tests.Extraction.Hostile;

/// <summary>The committed hostile corpus, tests/fixtures/hostile.</summary>
internal static class HostileCorpus
{
    public static string Folder { get; } = Path.Combine(RepositoryRoot.Path, "tests", "fixtures", "hostile");

    public static string PathOf(string name) => Path.Combine(Folder, name);
}
