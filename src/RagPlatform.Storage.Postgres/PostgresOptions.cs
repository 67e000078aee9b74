using System.ComponentModel.DataAnnotations;
using Npgsql;

namespace RagPlatform.Storage.Postgres;

/// <summary>The "Postgres" section: the server that holds the metadata (documents, job queue, lexical
/// index, conversations) in server mode.</summary>
public sealed class PostgresOptions : IValidatableObject
{
    public const string SectionName = "Postgres";

    /// <summary>An Npgsql connection string, e.g. <c>Host=db;Database=ragplatform;Username=rag;Password=…</c>.
    /// The user needs CREATE on the database the first time (schema and the unaccent extension).</summary>
    [Required(AllowEmptyStrings = false)]
    public string ConnectionString { get; set; } = string.Empty;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield break; // [Required] says so
        }

        string? problem = null;
        try
        {
            var parsed = new NpgsqlConnectionStringBuilder(ConnectionString);
            if (string.IsNullOrWhiteSpace(parsed.Host))
            {
                problem = "it names no Host";
            }
        }
        catch (ArgumentException ex)
        {
            problem = ex.Message;
        }

        if (problem is not null)
        {
            yield return new ValidationResult(
                $"{SectionName}:{nameof(ConnectionString)} is not a usable PostgreSQL connection string: {problem}.",
                [nameof(ConnectionString)]);
        }
    }
}
