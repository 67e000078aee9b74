using System.Text.Json;
using RagPlatform.Infrastructure.Tests.Reranking;
using RagPlatform.Infrastructure.TextEmbeddings;

namespace RagPlatform.Infrastructure.Tests.TextEmbeddings;

/// <summary>bge-small-en-v1.5 ships BERT's uncased vocabulary (the same vocab.txt, SHA-256
/// 07eced37…, as the cross-encoder's), so the published bert-base-uncased ids check its tokenizer.</summary>
public sealed class SentenceTokenizerTests
{
    private static readonly SentenceTokenizer Tokenizer = SentenceTokenizer.Load(RerankerFixtures.Vocabulary, lowerCase: true);

    public static TheoryData<string> SingleTexts() =>
        [.. File.ReadAllLines(RerankerFixtures.ReferenceTokens).Where(line => !line.Contains("\"pair\"", StringComparison.Ordinal))];

    [Theory]
    [MemberData(nameof(SingleTexts))]
    public void A_text_gives_the_ids_of_Hugging_Face_tokenizers_with_cls_and_sep(string line)
    {
        using var reference = JsonDocument.Parse(line);
        var expected = reference.RootElement.GetProperty("ids").EnumerateArray().Select(id => id.GetInt32()).ToArray();

        var ids = Tokenizer.Encode(reference.RootElement.GetProperty("text").GetString()!, maxLength: 512);

        Assert.Equal(expected, ids);
        Assert.Equal(expected.Length - 2, Tokenizer.CountTokens(reference.RootElement.GetProperty("text").GetString()!));
    }

    [Fact]
    public void A_long_text_is_cut_at_the_end_and_keeps_its_closing_sep()
    {
        var ids = Tokenizer.Encode(string.Join(' ', Enumerable.Repeat("hello", 600)), maxLength: 512);

        Assert.Equal(512, ids.Length);
        Assert.Equal(101, ids[0]);
        Assert.All(ids[1..^1], id => Assert.Equal(7592, id));
        Assert.Equal(102, ids[^1]);
    }
}
