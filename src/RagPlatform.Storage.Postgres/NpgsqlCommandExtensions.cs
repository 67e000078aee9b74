using Npgsql;
using NpgsqlTypes;

namespace RagPlatform.Storage.Postgres;

/// <summary>Parameter binding shared by the PostgreSQL adapters. Values always travel as parameters;
/// no value is ever spliced into SQL text.</summary>
internal static class NpgsqlCommandExtensions
{
    public static NpgsqlCommand CreateCommand(this NpgsqlConnection connection, string sql, NpgsqlTransaction? transaction = null) =>
        new(sql, connection, transaction);

    /// <summary>Adds a parameter whose type Npgsql infers from the value (Guid: uuid, string: text,
    /// arrays: arrays of those). Null goes through <see cref="WithNullable"/>, which names the type.</summary>
    public static NpgsqlCommand With<T>(this NpgsqlCommand command, string name, T value)
        where T : notnull
    {
        command.Parameters.Add(new NpgsqlParameter<T>(name, value));
        return command;
    }

    /// <summary>Adds a parameter that may be null, with its PostgreSQL type: a typeless null cannot
    /// be compared (<c>@name IS NULL OR …</c> needs to know what it is).</summary>
    public static NpgsqlCommand WithNullable(this NpgsqlCommand command, string name, object? value, NpgsqlDbType type)
    {
        command.Parameters.Add(new NpgsqlParameter(name, type) { Value = value ?? DBNull.Value });
        return command;
    }

    /// <summary>Instants travel as UTC: timestamptz takes no other offset.</summary>
    public static NpgsqlCommand WithInstant(this NpgsqlCommand command, string name, DateTimeOffset instant) =>
        command.With(name, instant.ToUniversalTime());

    public static string? GetNullableString(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static DateTimeOffset GetInstant(this NpgsqlDataReader reader, int ordinal) =>
        reader.GetFieldValue<DateTimeOffset>(ordinal);

    public static TEnum GetEnum<TEnum>(this NpgsqlDataReader reader, int ordinal)
        where TEnum : struct, Enum =>
        Enum.Parse<TEnum>(reader.GetString(ordinal));

    /// <summary>PostgreSQL text cannot hold U+0000, which extracted text sometimes does (a PDF glyph
    /// without a Unicode mapping): it becomes U+FFFD, the character for "unknown".</summary>
    public static string? StorableText(string? text) =>
        text is null || !text.Contains('\0', StringComparison.Ordinal) ? text : text.Replace('\0', '\uFFFD');
}
