namespace RagPlatform.Infrastructure.Tests.PgVector;

/// <summary>The tests that share one PGlite server, one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class PgliteServerGroup : ICollectionFixture<PgliteFixture>
{
    public const string Name = "PGlite";
}
