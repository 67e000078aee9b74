namespace RagPlatform.Infrastructure.Tests.PgVector;

/// <summary>The pgvector suite on PGlite (PostgreSQL 18 and pgvector in WebAssembly, started by the
/// fixture). One collection: PGlite serves one connection, so these tests take turns.</summary>
[Collection(PgliteServerGroup.Name)]
public sealed class PgVectorIndexOnPgliteTests(PgliteFixture server) : PgVectorIndexTests(server);
