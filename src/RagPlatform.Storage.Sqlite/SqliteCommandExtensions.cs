using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace RagPlatform.Storage.Sqlite;

/// <summary>Parameter binding shared by the SQLite adapters. Values always travel as parameters;
/// only parameter names generated here are ever spliced into SQL text.</summary>
internal static class SqliteCommandExtensions
{
    /// <summary>Adds a parameter; see <see cref="ToDbValue"/> for how values are stored.</summary>
    public static SqliteCommand With(this SqliteCommand command, string name, object? value)
    {
        command.Parameters.AddWithValue(name, ToDbValue(value));
        return command;
    }

    /// <summary>Null becomes SQL NULL, and a Guid its 16 bytes (<see cref="Guid.ToByteArray()"/>)
    /// as a BLOB, never left to the driver, whose default mapping has changed between versions
    /// (Microsoft.Data.Sqlite 11 binds TEXT). <see cref="SqliteDataReader.GetGuid"/> reads it back.</summary>
    public static object ToDbValue(object? value) => value switch
    {
        null => DBNull.Value,
        Guid id => id.ToByteArray(),
        _ => value,
    };

    /// <summary>Binds a set of ids as one JSON array parameter, for
    /// <c>column IN (SELECT unhex(value) FROM json_each(@name))</c>: one statement whatever the size
    /// of the set, with no SQL generated. Each id is the hex of its stored bytes (see <see cref="ToDbValue"/>).</summary>
    public static SqliteCommand WithGuidSet(this SqliteCommand command, string name, IEnumerable<Guid> ids) =>
        command.With(name, JsonSerializer.Serialize(ids.Select(id => Convert.ToHexString(id.ToByteArray()))));

    /// <summary>Binds enum values by name as one JSON array parameter (see <see cref="WithGuidSet"/>).</summary>
    public static SqliteCommand WithNameSet<TEnum>(this SqliteCommand command, string name, IEnumerable<TEnum> values)
        where TEnum : struct, Enum =>
        command.With(name, JsonSerializer.Serialize(values.Select(value => value.ToString())));

    public static SqliteCommand CreateCommand(this SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    /// <summary>Instants are stored as UTC ticks: exact, and ordered like the instants.</summary>
    public static long ToTicks(this DateTimeOffset instant) => instant.UtcTicks;

    public static DateTimeOffset GetInstant(this SqliteDataReader reader, int ordinal) =>
        new(reader.GetInt64(ordinal), TimeSpan.Zero);

    public static string? GetNullableString(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static TEnum GetEnum<TEnum>(this SqliteDataReader reader, int ordinal)
        where TEnum : struct, Enum =>
        Enum.Parse<TEnum>(reader.GetString(ordinal));
}
