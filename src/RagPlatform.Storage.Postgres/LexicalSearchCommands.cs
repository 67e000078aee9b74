using Npgsql;
using NpgsqlTypes;
using RagPlatform.Core.Search;

namespace RagPlatform.Storage.Postgres;

/// <summary>Binding of the parameters that <see cref="LexicalSearchSql"/>'s statements share.</summary>
internal static class LexicalSearchCommands
{
    /// <summary>Snippets: the matches marked «like this», about 24 words around them.</summary>
    private const string HeadlineOptions = "StartSel=«, StopSel=», MaxWords=24, MinWords=12, ShortWord=2, MaxFragments=1, FragmentDelimiter=\" … \"";

    public static NpgsqlCommand WithTerms(this NpgsqlCommand command, LexicalQuery query) =>
        command.With("terms", query.Terms.ToArray()).With("stemmable", query.Stemmable.ToArray());

    /// <summary>Binds @documents and @collection (NULL: no restriction), @limit and @headline.</summary>
    public static NpgsqlCommand WithFilter(this NpgsqlCommand command, SearchFilter filter, int limit) =>
        command.WithNullable("documents", filter.DocumentIds.Count == 0 ? null : filter.DocumentIds.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Uuid)
            .WithNullable("collection", filter.Collection, NpgsqlDbType.Text)
            .With("limit", limit)
            .With("headline", HeadlineOptions);
}
