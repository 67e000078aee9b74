using System.ComponentModel.DataAnnotations;

namespace RagPlatform.Vectors.PgVector;

/// <summary>The "PgVector" section: where the vectors live when PostgreSQL with pgvector keeps them.</summary>
public sealed class PgVectorOptions
{
    public const string SectionName = "PgVector";

    /// <summary>The key read when <see cref="ConnectionString"/> is empty, so one PostgreSQL server
    /// can keep everything with a single setting.</summary>
    public const string FallbackConnectionStringKey = "Postgres:ConnectionString";

    /// <summary>Npgsql connection string (<c>Host=…;Database=…;Username=…;Password=…</c>). When empty,
    /// <c>Postgres:ConnectionString</c> is used; one of the two must be set. The role needs
    /// CREATE on the database (for the schema and tables) and, unless the <c>vector</c> extension
    /// is already installed, the right to create it.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Schema of the tables clip_vectors and text_vectors; created when missing.</summary>
    [Required(AllowEmptyStrings = false)]
    [RegularExpression("^[a-z_][a-z0-9_]{0,62}$", ErrorMessage = "PgVector:Schema must be a lower-case SQL identifier (letters, digits, underscores).")]
    public string Schema { get; set; } = "public";

    /// <summary>Candidates the HNSW graph search keeps (pgvector's <c>hnsw.ef_search</c>, 1 to 1000):
    /// higher finds the true nearest neighbours more often and costs more. A search asking for more
    /// hits than this raises it to its limit (at most 1000).</summary>
    [Range(1, 1000)]
    public int EfSearch { get; set; } = 100;
}
