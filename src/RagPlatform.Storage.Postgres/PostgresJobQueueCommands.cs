using Npgsql;
using RagPlatform.Core.Ingestion;

namespace RagPlatform.Storage.Postgres;

/// <summary>Binding of the job owner that the queue's conditional writes match.</summary>
internal static class PostgresJobQueueCommands
{
    /// <summary>Binds document, worker and attempt: the job is this worker's only while all three match.</summary>
    public static NpgsqlCommand WithOwner(this NpgsqlCommand command, IngestionJob job) =>
        command.With("document", job.DocumentId).With("worker", job.WorkerId).With("attempt", job.Attempt);
}
