namespace RagPlatform.Infrastructure.Tests.PgVector;

/// <summary>The pgvector suite on a real PostgreSQL with pgvector, when RAG_TEST_PGVECTOR names one
/// (<see cref="ExternalPgVectorFixture"/>); skipped, saying so, otherwise.</summary>
public sealed class PgVectorIndexOnServerTests(ExternalPgVectorFixture server) : PgVectorIndexTests(server), IClassFixture<ExternalPgVectorFixture>;
