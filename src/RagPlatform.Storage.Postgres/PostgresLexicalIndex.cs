using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Search;

namespace RagPlatform.Storage.Postgres;

/// <summary>Full-text search on PostgreSQL: tsvector columns with GIN indexes, ranked by BM25
/// computed per term (ts_rank_cd gives a term's weighted count in a row, the GIN index how many rows
/// hold it). Queries are OR over the user's terms (<see cref="LexicalQueryTerms"/>), each turned
/// into a tsquery by phraseto_tsquery, which reads plain text: no character of the input can act as
/// query syntax.</summary>
/// <remarks>Mirrors the SQLite index: words as written (rag_words) and English stems (rag_stems), the
/// score being BM25 by stems plus <see cref="SearchOptions.ExactMatchWeight"/> × BM25 as written; a
/// quoted phrase is looked up as written only; file name and title words (fields) weigh
/// <see cref="SearchOptions.FieldWeight"/>; headings are scored by stems apart
/// (<see cref="LexicalHit.HeadingScore"/>); whole pages live in a table of their own
/// (<see cref="SearchPagesAsync"/>). Differences: English stop words are not indexed (a query of stop
/// words only finds nothing), and the average length BM25 normalises by is that of the matching rows.</remarks>
internal sealed class PostgresLexicalIndex(NpgsqlDataSource dataSource, IOptions<SearchOptions>? options = null) : ILexicalIndex
{
    private readonly SearchOptions _settings = options?.Value ?? new SearchOptions();

    public async Task IndexAsync(IReadOnlyList<LexicalEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        // Last one wins when an item comes twice: one statement cannot write a row twice.
        var latest = entries.GroupBy(entry => entry.ItemId).Select(group => group.Last()).ToList();
        var chunks = latest.Where(entry => entry.Modality != Modality.Page).ToList();
        var pages = latest.Where(entry => entry.Modality == Modality.Page).ToList();
        if (latest.Count == 0)
        {
            return;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (chunks.Count > 0)
        {
            var texts = chunks.Select(entry => LexicalText.ToWords(entry.Text)).ToList();
            await using var upsert = connection.CreateCommand("""
                INSERT INTO lexical_entries (item_id, document_id, modality, text, fields, headings, length, words, stems, heading_stems)
                SELECT e.item_id, e.document_id, e.modality, e.text, e.fields, e.headings, e.length,
                       setweight(to_tsvector('rag_words', e.text_words), 'A') || setweight(to_tsvector('rag_words', e.field_words), 'B'),
                       setweight(to_tsvector('rag_stems', e.text_words), 'A') || setweight(to_tsvector('rag_stems', e.field_words), 'B'),
                       to_tsvector('rag_stems', e.heading_words)
                FROM unnest(@items, @documents, @modalities, @texts, @fields, @headings, @lengths, @text_words, @field_words, @heading_words)
                    AS e(item_id, document_id, modality, text, fields, headings, length, text_words, field_words, heading_words)
                ON CONFLICT (item_id) DO UPDATE SET
                    document_id = excluded.document_id, modality = excluded.modality, text = excluded.text,
                    fields = excluded.fields, headings = excluded.headings, length = excluded.length,
                    words = excluded.words, stems = excluded.stems, heading_stems = excluded.heading_stems
                """, transaction)
                .With("items", chunks.Select(entry => entry.ItemId).ToArray())
                .With("documents", chunks.Select(entry => entry.DocumentId).ToArray())
                .With("modalities", chunks.Select(entry => entry.Modality.ToString()).ToArray())
                .With("texts", chunks.Select(entry => LexicalText.ToStoredText(entry.Text)).ToArray())
                .With("fields", chunks.Select(entry => LexicalText.ToStoredText(entry.Fields)).ToArray())
                .With("headings", chunks.Select(entry => LexicalText.ToStoredText(entry.Headings)).ToArray())
                .With("lengths", texts.Select(text => text.Count).ToArray())
                .With("text_words", texts.Select(text => text.Words).ToArray())
                .With("field_words", chunks.Select(entry => LexicalText.ToWords(entry.Fields).Words).ToArray())
                .With("heading_words", chunks.Select(entry => LexicalText.ToWords(entry.Headings).Words).ToArray());
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }

        if (pages.Count > 0)
        {
            var texts = pages.Select(entry => LexicalText.ToWords(entry.Text)).ToList();
            await using var upsertPages = connection.CreateCommand("""
                INSERT INTO lexical_pages (item_id, document_id, page, text, length, stems)
                SELECT p.item_id, p.document_id, p.page, p.text, p.length, to_tsvector('rag_stems', p.words)
                FROM unnest(@items, @documents, @pages, @texts, @lengths, @words) AS p(item_id, document_id, page, text, length, words)
                ON CONFLICT (item_id) DO UPDATE SET
                    document_id = excluded.document_id, page = excluded.page, text = excluded.text,
                    length = excluded.length, stems = excluded.stems
                """, transaction)
                .With("items", pages.Select(entry => entry.ItemId).ToArray())
                .With("documents", pages.Select(entry => entry.DocumentId).ToArray())
                .With("pages", pages.Select(entry => entry.Page).ToArray())
                .With("texts", pages.Select(entry => LexicalText.ToStoredText(entry.Text)).ToArray())
                .With("lengths", texts.Select(text => text.Count).ToArray())
                .With("words", texts.Select(text => text.Words).ToArray());
            await upsertPages.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<LexicalHit>> SearchAsync(string query, int limit, SearchFilter filter, CancellationToken cancellationToken)
    {
        if (LexicalQueryTerms.ForSearch(query, limit, filter) is not { } terms)
        {
            return [];
        }

        // ts_rank_cd takes weights up to 1: a field weight above 1 scales the text's down, and the
        // count back up. Weights are {D, C, B, A}; text is A, fields B.
        var scale = Math.Max(1.0, _settings.FieldWeight);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand(LexicalSearchSql.Entries)
            .WithTerms(terms)
            .With("phrase", terms.HasPhrase)
            .With("weights", new[] { 0f, 0f, (float)(_settings.FieldWeight / scale), (float)(1 / scale) })
            .With("weight_scale", scale)
            .With("exact_weight", _settings.ExactMatchWeight)
            .WithNullable("modalities", filter.Modalities.Count == 0 ? null : filter.Modalities.Select(m => m.ToString()).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text)
            .WithFilter(filter, limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var hits = new List<LexicalHit>();
        while (await reader.ReadAsync(cancellationToken))
        {
            hits.Add(new LexicalHit(reader.GetGuid(0), reader.GetGuid(1), reader.GetEnum<Modality>(2), reader.GetDouble(3), LexicalText.ToSnippet(reader.GetString(4)))
            {
                HeadingScore = reader.GetDouble(5),
            });
        }

        return hits;
    }

    public async Task<IReadOnlyList<LexicalPageHit>> SearchPagesAsync(string query, int limit, SearchFilter filter, CancellationToken cancellationToken)
    {
        if (LexicalQueryTerms.ForSearch(query, limit, filter) is not { } terms)
        {
            return [];
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand(LexicalSearchSql.Pages)
            .With("terms", terms.Terms.Select(term => term.Text).ToArray())
            .WithFilter(filter, limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var hits = new List<LexicalPageHit>();
        while (await reader.ReadAsync(cancellationToken))
        {
            hits.Add(new LexicalPageHit(reader.GetGuid(0), reader.GetGuid(1), reader.GetInt32(2), reader.GetDouble(3), LexicalText.ToSnippet(reader.GetString(4))));
        }

        return hits;
    }

    public async Task DeleteDocumentAsync(Guid documentId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand(
            "DELETE FROM lexical_entries WHERE document_id = @document; DELETE FROM lexical_pages WHERE document_id = @document")
            .With("document", documentId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
