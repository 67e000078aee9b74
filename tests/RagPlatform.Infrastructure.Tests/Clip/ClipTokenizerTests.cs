using RagPlatform.Infrastructure.Clip;

namespace RagPlatform.Infrastructure.Tests.Clip;

public sealed class ClipTokenizerTests
{
    private static readonly ClipTokenizer Tokenizer = ClipTokenizer.Embedded;

    public static TheoryData<string> ReferenceTexts { get; } = new(ClipFixtures.Texts.Select(fixture => fixture.Text));

    [Theory]
    [MemberData(nameof(ReferenceTexts))]
    public void Every_reference_text_gives_the_reference_ids(string text)
    {
        var fixture = ClipFixtures.Text(text);

        // The needs_ftfy row ("cafÃ©", UTF-8 read as Windows-1252) depends on ftfy's mojibake
        // repair. Ours handles UTF-8 mis-read as Windows-1252/Latin-1 sequence by sequence, so this
        // row matches too; ftfy's statistical detection of other code pages (cp437, MacRoman,
        // Windows-1250/1251 ...) is not reproduced (see TextRepair).
        Assert.Equal(fixture.Ids, Tokenizer.Encode(text));
    }

    [Fact]
    public void The_folder_vocabulary_gives_the_same_ids_as_the_embedded_one()
    {
        using var vocab = File.OpenRead(Path.Combine(ClipFixtures.ModelDirectory, "vocab.json"));
        using var merges = File.OpenRead(Path.Combine(ClipFixtures.ModelDirectory, "merges.txt"));
        var fromFolder = ClipTokenizer.Create(vocab, merges, "fixture model");

        foreach (var fixture in ClipFixtures.Texts)
        {
            Assert.Equal(fixture.Ids, fromFolder.Encode(fixture.Text));
        }
    }

    [Fact]
    public void A_model_folder_with_the_vit_b32_files_shares_the_embedded_tokenizer()
    {
        var tokenizer = new ClipModelFolder(ClipFixtures.ModelDirectory).TryLoadTokenizer(out var problem);

        Assert.Null(problem);
        Assert.Same(ClipTokenizer.Embedded, tokenizer);
    }

    [Fact]
    public void Merges_with_other_line_ends_are_the_same_vocabulary_but_another_vocabulary_is_not()
    {
        var vocab = File.ReadAllBytes(Path.Combine(ClipFixtures.ModelDirectory, "vocab.json"));
        var merges = File.ReadAllBytes(Path.Combine(ClipFixtures.ModelDirectory, "merges.txt"));
        var unixMerges = merges.Where(value => value != (byte)'\r').ToArray();
        var otherVocab = (byte[])vocab.Clone();
        otherVocab[100] ^= 1;

        Assert.True(ClipTokenizer.IsEmbeddedVocabulary(vocab, unixMerges));
        Assert.False(ClipTokenizer.IsEmbeddedVocabulary(otherVocab, merges));
        Assert.False(ClipTokenizer.IsEmbeddedVocabulary(vocab, unixMerges.AsSpan(0, unixMerges.Length - 10)));
    }

    [Fact]
    public void Empty_text_is_just_the_start_and_end_markers()
    {
        Assert.Equal([49406, 49407], Tokenizer.Encode(string.Empty));
        Assert.Equal([49406, 49407], Tokenizer.Encode(" \t\n "));
        Assert.Equal(0, Tokenizer.CountTokens(string.Empty));
    }

    [Fact]
    public void Long_text_is_cut_to_77_ids_with_the_end_marker_last()
    {
        var text = string.Join(' ', Enumerable.Range(0, 200).Select(i => $"word{i}"));

        var ids = Tokenizer.Encode(text);

        Assert.Equal(ClipTokenizer.ContextLength, ids.Length);
        Assert.Equal(49406, ids[0]);
        Assert.Equal(49407, ids[^1]);
        Assert.DoesNotContain(49407, ids[..^1]);
        Assert.True(Tokenizer.CountTokens(text) > 75);
    }

    [Fact]
    public void Truncation_keeps_the_first_75_content_tokens_in_order()
    {
        var text = string.Join(' ', Enumerable.Repeat("cat", 100));
        var cat = Tokenizer.Encode("cat")[1];

        var ids = Tokenizer.Encode(text);

        Assert.All(ids[1..^1], id => Assert.Equal(cat, id));
        Assert.Equal(75, ids.Length - 2);
    }

    [Fact]
    public void A_text_of_exactly_75_tokens_is_not_cut()
    {
        var text = string.Join(' ', Enumerable.Repeat("cat", 75));

        Assert.Equal(75, Tokenizer.CountTokens(text));
        Assert.Equal(77, Tokenizer.Encode(text).Length);
        Assert.Equal(Tokenizer.MaxContentTokens, Tokenizer.CountTokens(text));
    }

    [Fact]
    public void Special_token_strings_inside_text_become_the_special_ids_as_in_the_reference()
    {
        var ids = Tokenizer.Encode("a <|startoftext|> b <|ENDOFTEXT|> c");

        Assert.Equal(49406, ids[2]);
        Assert.Equal(49407, ids[4]);
    }

    [Fact]
    public void A_special_token_glued_to_punctuation_is_plain_punctuation_as_in_the_reference()
    {
        // The pattern's punctuation run swallows "!<|" before the special alternative can match.
        var ids = Tokenizer.Encode("hi!<|endoftext|>");

        Assert.DoesNotContain(49407, ids[..^1]);
    }

    [Fact]
    public void Count_excludes_the_markers_and_matches_the_encoding()
    {
        foreach (var fixture in ClipFixtures.Texts.Where(fixture => fixture.Ids.Length < ClipTokenizer.ContextLength))
        {
            Assert.Equal(fixture.Ids.Length - 2, Tokenizer.CountTokens(fixture.Text));
        }
    }

    [Theory]
    [InlineData("it’s a cat", "it's a cat")]
    [InlineData("“quoted”", "\"quoted\"")]
    [InlineData("ﬁnancial ﬂow", "financial flow")]
    [InlineData("Ｆｕｌｌｗｉｄｔｈ　ｔｅｘｔ", "fullwidth text")]
    [InlineData("cafe\u0301", "café")]
    [InlineData("Tom &amp Jerry", "Tom & Jerry")]
    [InlineData("caf&eacute; &#233; &#xE9;", "café é é")]
    [InlineData("&#150; dash", "– dash")]
    [InlineData("don\u00E2\u20AC\u2122t", "don't")]
    [InlineData("\u001B[31mred\u001B[0m alert", "red alert")]
    public void Text_is_repaired_like_ftfy_before_tokenising(string messy, string clean)
    {
        Assert.Equal(Tokenizer.Encode(clean), Tokenizer.Encode(messy));
    }

    [Fact]
    public void Greek_capital_sigma_lowers_to_the_final_form_at_the_end_of_a_word()
    {
        Assert.Equal(Tokenizer.Encode("οδος σοφος"), Tokenizer.Encode("ΟΔΟΣ ΣΟΦΟΣ"));
    }

    [Fact]
    public void Letters_outside_the_basic_plane_stay_in_one_word()
    {
        // U+20000 is a CJK letter: with ASCII letters it forms one [\p{L}]+ run, so BPE sees one
        // word and the suffix </w> goes on the last piece only.
        var joined = Tokenizer.Encode("\U00020000abc");
        var split = Tokenizer.Encode("\U00020000 abc");

        Assert.NotEqual(split, joined);
    }

    [Fact]
    public void Concurrent_encoding_gives_the_same_ids_as_sequential_encoding()
    {
        var texts = ClipFixtures.Texts.Select(fixture => fixture.Text).ToArray();
        var expected = texts.Select(Tokenizer.Encode).ToArray();

        var results = new int[texts.Length * 20][];
        Parallel.For(0, results.Length, i => results[i] = Tokenizer.Encode(texts[i % texts.Length]));

        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal(expected[i % texts.Length], results[i]);
        }
    }

    [Fact]
    public void A_vocabulary_without_the_clip_markers_is_rejected()
    {
        using var vocab = new MemoryStream("""{"a": 0, "b": 1}"""u8.ToArray());
        using var merges = new MemoryStream("#version: 0.2\na b\n"u8.ToArray());

        var error = Assert.Throws<InvalidDataException>(() => ClipTokenizer.Create(vocab, merges, "test"));
        Assert.Contains("<|startoftext|>", error.Message, StringComparison.Ordinal);
    }
}
