using Microsoft.Data.Sqlite;
using RagPlatform.Core.Documents;

namespace RagPlatform.Storage.Sqlite;

/// <summary>The rows of one page: the page and its items, written together in one transaction
/// (a page written again replaces what it had), and read back.</summary>
internal static class SqlitePageRows
{
    public const string PageColumns = "document_id, number, width, height, has_text_layer, render_blob_key, kind";

    public const string ItemColumns =
        "id, document_id, modality, page, region_x, region_y, region_width, region_height, text, blob_key, ordinal";

    /// <exception cref="ArgumentException">An item belongs to another page.</exception>
    public static async Task SaveAsync(SqliteDatabase database, PageInfo page, IReadOnlyList<Item> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(items);
        foreach (var item in items)
        {
            if (item.DocumentId != page.DocumentId || item.Page != page.Number)
            {
                throw new ArgumentException(
                    $"Item {item.Id} belongs to page {item.Page} of document {item.DocumentId}, not to page {page.Number} of document {page.DocumentId}.",
                    nameof(items));
            }
        }

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction();

        await using (var clear = connection.CreateCommand(transaction,
            "DELETE FROM items WHERE document_id = @document AND page = @page; DELETE FROM pages WHERE document_id = @document AND number = @page;"))
        {
            await clear.With("@document", page.DocumentId).With("@page", page.Number).ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var insertPage = connection.CreateCommand(transaction,
            $"INSERT INTO pages ({PageColumns}) VALUES (@document, @number, @width, @height, @has_text_layer, @render_blob_key, @kind)"))
        {
            await insertPage.With("@document", page.DocumentId).With("@number", page.Number)
                .With("@width", page.Width).With("@height", page.Height)
                .With("@has_text_layer", page.HasTextLayer).With("@render_blob_key", page.RenderBlobKey)
                .With("@kind", page.Kind.ToString())
                .ExecuteNonQueryAsync(cancellationToken);
        }

        await using var insertItem = connection.CreateCommand(transaction,
            $"INSERT INTO items ({ItemColumns}) VALUES (@id, @document, @modality, @page, @x, @y, @width, @height, @text, @blob_key, @ordinal)");
        foreach (var name in new[] { "@id", "@document", "@modality", "@page", "@x", "@y", "@width", "@height", "@text", "@blob_key", "@ordinal" })
        {
            insertItem.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        foreach (var item in items)
        {
            var p = insertItem.Parameters;
            p["@id"].Value = SqliteCommandExtensions.ToDbValue(item.Id);
            p["@document"].Value = SqliteCommandExtensions.ToDbValue(item.DocumentId);
            p["@modality"].Value = item.Modality.ToString();
            p["@page"].Value = item.Page;
            p["@x"].Value = (object?)item.Region?.X ?? DBNull.Value;
            p["@y"].Value = (object?)item.Region?.Y ?? DBNull.Value;
            p["@width"].Value = (object?)item.Region?.Width ?? DBNull.Value;
            p["@height"].Value = (object?)item.Region?.Height ?? DBNull.Value;
            p["@text"].Value = (object?)item.Text ?? DBNull.Value;
            p["@blob_key"].Value = (object?)item.BlobKey ?? DBNull.Value;
            p["@ordinal"].Value = item.Ordinal;
            await insertItem.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public static async Task<IReadOnlyList<PageInfo>> ReadPagesAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var pages = new List<PageInfo>();
        while (await reader.ReadAsync(cancellationToken))
        {
            pages.Add(new PageInfo(reader.GetGuid(0), reader.GetInt32(1), reader.GetDouble(2), reader.GetDouble(3), reader.GetBoolean(4), reader.GetString(5))
            {
                Kind = reader.GetEnum<PageKind>(6),
            });
        }

        return pages;
    }
}
