namespace RagPlatform.Storage.Sqlite;

/// <summary>One schema step. <paramref name="Version"/> is what PRAGMA user_version reads after it.</summary>
internal sealed record SqliteMigration(int Version, string Name, string Sql);
