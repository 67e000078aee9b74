using Npgsql;
using NpgsqlTypes;
using RagPlatform.Core.Documents;

namespace RagPlatform.Storage.Postgres;

/// <summary>The rows of one page: the page and its items, written together in one transaction
/// (a page written again replaces what it had), and read back.</summary>
internal static class PostgresPageRows
{
    public const string PageColumns = "document_id, number, width, height, has_text_layer, render_blob_key, kind";

    public const string ItemColumns =
        "id, document_id, modality, page, region_x, region_y, region_width, region_height, text, blob_key, ordinal";

    /// <exception cref="ArgumentException">An item belongs to another page.</exception>
    public static async Task SaveAsync(NpgsqlDataSource dataSource, PageInfo page, IReadOnlyList<Item> items, CancellationToken cancellationToken)
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

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var clear = connection.CreateCommand(
            "DELETE FROM items WHERE document_id = @document AND page = @page; DELETE FROM pages WHERE document_id = @document AND number = @page",
            transaction))
        {
            await clear.With("document", page.DocumentId).With("page", page.Number).ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var insertPage = connection.CreateCommand(
            $"INSERT INTO pages ({PageColumns}) VALUES (@document, @number, @width, @height, @has_text_layer, @render_blob_key, @kind)",
            transaction))
        {
            await insertPage.With("document", page.DocumentId).With("number", page.Number)
                .With("width", page.Width).With("height", page.Height)
                .With("has_text_layer", page.HasTextLayer).With("render_blob_key", page.RenderBlobKey)
                .With("kind", page.Kind.ToString())
                .ExecuteNonQueryAsync(cancellationToken);
        }

        if (items.Count > 0)
        {
            // One statement for every item of the page: arrays in, one row per index out.
            await using var insertItems = connection.CreateCommand($"""
                INSERT INTO items ({ItemColumns})
                SELECT * FROM unnest(@ids, @documents, @modalities, @pages, @xs, @ys, @widths, @heights, @texts, @blob_keys, @ordinals)
                """, transaction)
                .With("ids", items.Select(i => i.Id).ToArray())
                .With("documents", items.Select(i => i.DocumentId).ToArray())
                .With("modalities", items.Select(i => i.Modality.ToString()).ToArray())
                .With("pages", items.Select(i => i.Page).ToArray())
                .With("xs", items.Select(i => i.Region?.X).ToArray())
                .With("ys", items.Select(i => i.Region?.Y).ToArray())
                .With("widths", items.Select(i => i.Region?.Width).ToArray())
                .With("heights", items.Select(i => i.Region?.Height).ToArray())
                .WithNullable("texts", items.Select(i => NpgsqlCommandExtensions.StorableText(i.Text)).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text)
                .WithNullable("blob_keys", items.Select(i => i.BlobKey).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text)
                .With("ordinals", items.Select(i => i.Ordinal).ToArray());
            await insertItems.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public static async Task<IReadOnlyList<PageInfo>> ReadPagesAsync(NpgsqlCommand command, CancellationToken cancellationToken)
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

    public static async Task<IReadOnlyList<Item>> ReadItemsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var items = new List<Item>();
        while (await reader.ReadAsync(cancellationToken))
        {
            // The four region columns are written together: all null (whole page) or all set.
            Region? region = reader.IsDBNull(4)
                ? null
                : new Region(reader.GetDouble(4), reader.GetDouble(5), reader.GetDouble(6), reader.GetDouble(7));
            items.Add(new Item(
                reader.GetGuid(0), reader.GetGuid(1), reader.GetEnum<Modality>(2), reader.GetInt32(3), region,
                reader.GetNullableString(8), reader.GetNullableString(9), reader.GetInt32(10)));
        }

        return items;
    }
}
