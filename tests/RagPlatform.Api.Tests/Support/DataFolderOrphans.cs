using Microsoft.Data.Sqlite;
using RagPlatform.Vectors.Embedded.Files;

namespace RagPlatform.Api.Tests.Support;

/// <summary>What is left of documents in a data folder, store by store: rows of every table that
/// holds document data, live rows of the vector files (read by the embedded index's own reader;
/// the SQLite vector tables are emptied by the one-time import and no longer written), and
/// document folders of the blob store.</summary>
public static class DataFolderOrphans
{
    private static readonly string[] Tables = ["documents", "pages", "items", "jobs", "lexical_entries"];

    /// <summary>"table: n" for every table with rows, "vector files: n" for live vector rows and
    /// "blobs: n folders" when folders remain; empty when nothing is left.</summary>
    public static async Task<IReadOnlyList<string>> FindAsync(string dataDirectory)
    {
        var found = new List<string>();
        var builder = new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDirectory, "ragplatform.db"), Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        await using (var connection = new SqliteConnection(builder.ToString()))
        {
            await connection.OpenAsync();
            foreach (var table in Tables)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT COUNT(*) FROM {table}";
                var count = Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
                if (count > 0)
                {
                    found.Add($"{table}: {count}");
                }
            }
        }

        var vectors = (await VectorFolderCensus.CountByDocumentAsync(dataDirectory, CancellationToken.None)).Values.Sum();
        if (vectors > 0)
        {
            found.Add($"vector files: {vectors}");
        }

        var documents = Path.Combine(dataDirectory, "blobs", "documents");
        var folders = Directory.Exists(documents) ? Directory.GetFileSystemEntries(documents) : [];
        if (folders.Length > 0)
        {
            found.Add($"blobs: {folders.Length} folders ({string.Join(", ", folders.SelectMany(f => Directory.Exists(f) ? Directory.GetFiles(f, "*", SearchOption.AllDirectories) : [f]).Select(Path.GetFileName).Take(5))})");
        }

        return found;
    }

    /// <summary>What is left of these documents only (others may live on): "table: n" for every table
    /// with rows of them, "blobs: n folders" for their folders; empty when nothing is left.</summary>
    public static async Task<IReadOnlyList<string>> FindForAsync(string dataDirectory, IReadOnlyCollection<Guid> documentIds)
    {
        var found = new List<string>();
        var builder = new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDirectory, "ragplatform.db"), Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        await using (var connection = new SqliteConnection(builder.ToString()))
        {
            await connection.OpenAsync();
            foreach (var table in Tables)
            {
                await using var command = connection.CreateCommand();
                var column = table == "documents" ? "id" : "document_id";
                // One parameter per id (16-byte BLOBs, as stored): unhex() is newer than some SQLite builds.
                var names = documentIds.Select((_, n) => $"@id{n}").ToList();
                command.CommandText = $"SELECT COUNT(*) FROM {table} WHERE {column} IN ({string.Join(", ", names)})";
                foreach (var (id, n) in documentIds.Select((id, n) => (id, n)))
                {
                    command.Parameters.AddWithValue(names[n], id.ToByteArray());
                }

                var count = Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
                if (count > 0)
                {
                    found.Add($"{table}: {count}");
                }
            }
        }

        var census = await VectorFolderCensus.CountByDocumentAsync(dataDirectory, CancellationToken.None);
        var vectors = documentIds.Sum(id => census.GetValueOrDefault(id));
        if (vectors > 0)
        {
            found.Add($"vector files: {vectors}");
        }

        var folders = documentIds.Select(id => Path.Combine(dataDirectory, "blobs", "documents", id.ToString("N"))).Where(Directory.Exists).ToList();
        if (folders.Count > 0)
        {
            found.Add($"blobs: {folders.Count} folders");
        }

        return found;
    }
}
