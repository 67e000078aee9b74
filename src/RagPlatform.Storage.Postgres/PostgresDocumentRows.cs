using Npgsql;
using RagPlatform.Core.Documents;

namespace RagPlatform.Storage.Postgres;

/// <summary>A document as a row of the documents table: its columns, how a document's values are
/// bound, how a row is read back.</summary>
internal static class PostgresDocumentRows
{
    public const string Columns =
        "id, file_name, media_type, kind, size_bytes, sha256, status, error, pages_total, pages_done, item_count, created_at, updated_at, collection";

    /// <summary>A document whose deletion began has no content key: it is gone for every reader.</summary>
    public const string Live = "content_key IS NOT NULL";

    /// <summary>Binds what the document's file is: file_name, media_type, kind, size_bytes, sha256.</summary>
    public static NpgsqlCommand WithContent(this NpgsqlCommand command, Document document) =>
        command.With("file_name", NpgsqlCommandExtensions.StorableText(document.FileName)!)
            .With("media_type", document.MediaType)
            .With("kind", document.Kind.ToString())
            .With("size_bytes", document.SizeBytes)
            .With("sha256", document.Sha256);

    /// <summary>Binds where its ingestion stands: status, error, pages_total, pages_done, item_count, updated_at.</summary>
    public static NpgsqlCommand WithProgress(this NpgsqlCommand command, Document document) =>
        command.With("status", document.Status.ToString())
            .WithNullable("error", NpgsqlCommandExtensions.StorableText(document.Error), NpgsqlTypes.NpgsqlDbType.Text)
            .With("pages_total", document.PagesTotal)
            .With("pages_done", document.PagesDone)
            .With("item_count", document.ItemCount)
            .WithInstant("updated_at", document.UpdatedAt);

    /// <summary>Reads rows selected as <see cref="Columns"/>.</summary>
    public static async Task<IReadOnlyList<Document>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var documents = new List<Document>();
        while (await reader.ReadAsync(cancellationToken))
        {
            documents.Add(new Document(
                reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetEnum<DocumentKind>(3),
                reader.GetInt64(4), reader.GetString(5), reader.GetEnum<DocumentStatus>(6), reader.GetNullableString(7),
                reader.GetInt32(8), reader.GetInt32(9), reader.GetInt32(10), reader.GetInstant(11), reader.GetInstant(12), reader.GetString(13)));
        }

        return documents;
    }
}
