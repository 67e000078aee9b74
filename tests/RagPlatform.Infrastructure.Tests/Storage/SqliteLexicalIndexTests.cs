using RagPlatform.Core.Search;
using RagPlatform.Storage.Sqlite;

namespace RagPlatform.Infrastructure.Tests.Storage;

public sealed class SqliteLexicalIndexTests : LexicalIndexScenarios, IDisposable
{
    private readonly TemporaryStorage _storage = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    protected override ILexicalIndex OpenIndex() => new SqliteLexicalIndex(_storage.OpenDatabase());

    public void Dispose() => _storage.Dispose();

    [Theory]
    [InlineData("solar panel", "\"solar\" OR \"panel\"", "\"solar\" OR \"panel\"")]
    [InlineData("  \"solar\" NEAR(panel) -x:y* ", "\"solar\" OR \"NEAR\" OR \"panel\" OR \"x\" OR \"y\"", "\"NEAR\" OR \"panel\" OR \"x\" OR \"y\"")]
    [InlineData("“write (a) function” now", "\"write a function\" OR \"now\"", "\"now\"")]
    [InlineData("\"unclosed phrase", "\"unclosed phrase\"", null)]
    [InlineData("*** ::: ---", null, null)]
    public void Terms_become_quoted_FTS5_strings_joined_by_or_and_phrases_skip_the_stems(string query, string? exact, string? stemmed)
    {
        var terms = LexicalQueryTerms.Parse(query);
        var parsed = terms is null ? null : Fts5Text.ToQuery(terms);

        Assert.Equal(exact, parsed?.Exact);
        Assert.Equal(stemmed, parsed?.Stemmed);
    }
}
