using Npgsql;
using NpgsqlTypes;
using RagPlatform.Core.Search;

namespace RagPlatform.Storage.Postgres;

/// <summary>Binding of the parameters that <see cref="LexicalSearchSql"/>'s statements share.</summary>
internal static class LexicalSearchCommands
{
    /// <summary>Snippets: the matches marked «like this», about 24 words around them.</summary>
    private const string HeadlineOptions = "StartSel=«, StopSel=», MaxWords=24, MinWords=12, ShortWord=2, MaxFragments=1, FragmentDelimiter=\" … \"";

    /// <summary>Binds @terms, each for phraseto_tsquery (which reads no operators, and the terms hold
    /// only word characters and spaces anyway), and @stemmable: per term, whether stems look it up too.</summary>
    public static NpgsqlCommand WithTerms(this NpgsqlCommand command, LexicalQueryTerms query) =>
        command.With("terms", query.Terms.Select(term => term.Text).ToArray())
            .With("stemmable", query.Terms.Select(term => term.IsStemmable).ToArray());

    /// <summary>Binds @documents and @collection (NULL: no restriction), @limit and @headline.</summary>
    public static NpgsqlCommand WithFilter(this NpgsqlCommand command, SearchFilter filter, int limit) =>
        command.WithNullable("documents", filter.DocumentIds.Count == 0 ? null : filter.DocumentIds.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Uuid)
            .WithNullable("collection", filter.Collection, NpgsqlDbType.Text)
            .With("limit", limit)
            .With("headline", HeadlineOptions);
}
