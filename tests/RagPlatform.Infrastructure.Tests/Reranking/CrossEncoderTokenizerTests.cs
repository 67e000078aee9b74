using System.Text.Json;
using RagPlatform.Infrastructure.Reranking;

namespace RagPlatform.Infrastructure.Tests.Reranking;

public sealed class CrossEncoderTokenizerTests
{
    private static readonly CrossEncoderTokenizer Tokenizer = CrossEncoderTokenizer.Load(RerankerFixtures.Vocabulary, lowerCase: true);

    public static TheoryData<string> ReferenceLines() => [.. File.ReadAllLines(RerankerFixtures.ReferenceTokens)];

    [Theory]
    [MemberData(nameof(ReferenceLines))]
    public void Texts_and_pairs_give_the_ids_and_token_types_of_Hugging_Face_tokenizers(string line)
    {
        using var reference = JsonDocument.Parse(line);
        var root = reference.RootElement;
        var expectedIds = root.GetProperty("ids").EnumerateArray().Select(id => id.GetInt32()).ToArray();
        var text = root.GetProperty("text").GetString()!;

        if (root.TryGetProperty("pair", out var pair))
        {
            var encoded = Tokenizer.EncodePair(text, pair.GetString()!, maxLength: 512);
            Assert.Equal(expectedIds, encoded.Ids);
            Assert.Equal(root.GetProperty("types").EnumerateArray().Select(t => t.GetInt32()).ToArray(), encoded.TypeIds);
        }
        else
        {
            // A single text is [CLS] text [SEP]; the platform only builds pairs, so compare the middle.
            Assert.Equal(expectedIds[1..^1], Tokenizer.Encode(text));
        }
    }

    [Fact]
    public void Accents_are_stripped_with_the_case_as_the_uncased_model_was_trained()
    {
        Assert.Equal(Tokenizer.Encode("resume cafe naive"), Tokenizer.Encode("Résumé Café naïve"));
    }

    [Fact]
    public void A_cased_tokenizer_keeps_the_case()
    {
        var cased = CrossEncoderTokenizer.Load(RerankerFixtures.Vocabulary, lowerCase: false);

        // The uncased vocabulary has no "Hello": a cased tokenizer over it cannot find the word.
        Assert.NotEqual(Tokenizer.Encode("Hello"), cased.Encode("Hello"));
    }

    [Fact]
    public void A_long_passage_is_cut_so_that_the_pair_fits_and_the_query_stays_whole()
    {
        var passage = string.Join(' ', Enumerable.Repeat("harbour cranes", 400));

        var encoded = Tokenizer.EncodePair("how many cranes", passage, maxLength: 64);

        Assert.Equal(64, encoded.Ids.Length);
        Assert.Equal(Tokenizer.Encode("how many cranes"), encoded.Ids[1..4]);
        Assert.Equal(102, encoded.Ids[^1]);
        Assert.Equal(5, encoded.TypeIds.Count(type => type == 0));
    }

    [Theory]
    [InlineData(3, 5, 10, 3, 5)] // both fit: unchanged
    [InlineData(4, 100, 10, 4, 6)] // the shorter fits: the longer gets the rest
    [InlineData(100, 4, 10, 6, 4)] // the same with the query the longer one
    [InlineData(30, 40, 11, 5, 6)] // neither fits: half each, the odd one to the second
    [InlineData(8, 8, 10, 5, 5)] // equal lengths: half each
    public void Pairs_are_cut_longest_first_as_Hugging_Face_tokenizers_cut_them(int first, int second, int budget, int expectedFirst, int expectedSecond)
    {
        var (a, b) = CrossEncoderTokenizer.TruncateLongestFirst(Enumerable.Range(0, first).ToList(), Enumerable.Range(1000, second).ToList(), budget);

        Assert.Equal(Enumerable.Range(0, expectedFirst), a);
        Assert.Equal(Enumerable.Range(1000, expectedSecond), b);
    }
}
