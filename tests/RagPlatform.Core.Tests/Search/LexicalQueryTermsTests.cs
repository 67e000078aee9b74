using RagPlatform.Core.Search;

namespace RagPlatform.Core.Tests.Search;

public sealed class LexicalQueryTermsTests
{
    [Theory]
    [InlineData("solar panel", new[] { "solar", "panel" }, new[] { false, false })]
    [InlineData("  \"solar\" NEAR(panel) -x:y* ", new[] { "solar", "NEAR", "panel", "x", "y" }, new[] { true, false, false, false, false })]
    [InlineData("Solar solar SOLAR", new[] { "Solar" }, new[] { false })]
    [InlineData("iPhone用ケース", new[] { "iPhone", "用 ケ ー ス" }, new[] { false, false })]
    [InlineData("“write (a) function” now", new[] { "write a function", "now" }, new[] { true, false })]
    [InlineData("\"unclosed phrase", new[] { "unclosed phrase" }, new[] { true })]
    [InlineData("a & b | !c:* <-> ' \" (", new[] { "a", "b", "c" }, new[] { false, false, false })]
    [InlineData("solar \"solar\" «solar»", new[] { "solar", "solar" }, new[] { false, true })]
    [InlineData("東京タワー・写真", new[] { "東 京 タ ワ ー", "写 真" }, new[] { false, false })]
    [InlineData("\"東京 tower\"", new[] { "東 京 tower" }, new[] { true })]
    public void User_text_becomes_terms_of_word_characters_and_single_spaces(string query, string[] terms, bool[] phrases)
    {
        var parsed = LexicalQueryTerms.Parse(query)!;

        Assert.Equal(terms, parsed.Terms.Select(term => term.Text));
        Assert.Equal(phrases, parsed.Terms.Select(term => term.IsPhrase));
        Assert.Equal(phrases.Contains(true), parsed.HasPhrase);
    }

    [Theory]
    [InlineData("*** ::: --- «» \0")]
    [InlineData("")]
    [InlineData("\"\"")]
    [InlineData("\ud800")]
    public void User_text_without_words_is_no_query(string query) => Assert.Null(LexicalQueryTerms.Parse(query));

    [Fact]
    public void Ligatures_zero_width_characters_and_lone_surrogates_do_not_split_or_break_words()
    {
        var parsed = LexicalQueryTerms.Parse("ﬁnancial pass\u200Bword solar\ud800panel")!;

        Assert.Equal(["financial", "password", "solar", "panel"], parsed.Terms.Select(term => term.Text));
    }

    [Fact]
    public void Decomposed_accents_and_vowel_signs_stay_inside_their_words()
    {
        var parsed = LexicalQueryTerms.Parse("caf\u0065\u0301 हिंदी")!;

        Assert.Equal(["café", "हिंदी"], parsed.Terms.Select(term => term.Text));
    }

    [Fact]
    public void A_query_keeps_at_most_the_first_64_distinct_terms()
    {
        var parsed = LexicalQueryTerms.Parse(string.Join(' ', Enumerable.Range(0, 100).Select(i => $"w{i}")))!;

        Assert.Equal(Enumerable.Range(0, LexicalQueryTerms.MaxTerms).Select(i => $"w{i}"), parsed.Terms.Select(term => term.Text));
    }

    [Fact]
    public void A_search_with_a_limit_of_zero_looks_nothing_up_and_bad_arguments_throw()
    {
        Assert.Null(LexicalQueryTerms.ForSearch("solar", 0, SearchFilter.None));
        Assert.NotNull(LexicalQueryTerms.ForSearch("solar", 1, SearchFilter.None));
        Assert.Throws<ArgumentOutOfRangeException>(() => LexicalQueryTerms.ForSearch("solar", -1, SearchFilter.None));
        Assert.Throws<ArgumentNullException>(() => LexicalQueryTerms.ForSearch(null!, 1, SearchFilter.None));
        Assert.Throws<ArgumentNullException>(() => LexicalQueryTerms.ForSearch("solar", 1, null!));
    }
}
