namespace RagPlatform.Infrastructure.Tests.PgVector;

/// <summary>A real PostgreSQL with pgvector named by the environment variable RAG_TEST_PGVECTOR
/// (an Npgsql connection string); without it the tests that use it report skipped.</summary>
public sealed class ExternalPgVectorFixture : PgVectorServerFixture
{
    public const string Variable = "RAG_TEST_PGVECTOR";

    protected override Task StartAsync()
    {
        var connectionString = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            SkipReason = $"{Variable} is not set: set it to the connection string of a PostgreSQL with pgvector (e.g. \"Host=localhost;Username=postgres;Password=…;Database=postgres\") to run the pgvector suite there too.";
        }
        else
        {
            ConnectionString = connectionString;
        }

        return Task.CompletedTask;
    }
}
