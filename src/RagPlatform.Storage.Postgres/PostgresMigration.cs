namespace RagPlatform.Storage.Postgres;

/// <summary>One schema step, recorded in schema_migrations under <paramref name="Version"/> once applied.</summary>
internal sealed record PostgresMigration(int Version, string Name, string Sql);
