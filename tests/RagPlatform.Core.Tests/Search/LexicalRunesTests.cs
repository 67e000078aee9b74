using RagPlatform.Core.Search;

namespace RagPlatform.Core.Tests.Search;

public sealed class LexicalRunesTests
{
    [Fact]
    public void Each_CJK_character_is_set_apart_by_zero_width_spaces_and_Hangul_is_not()
    {
        Assert.Equal("iPhone\u200B用\u200B\u200Bケ\u200B・한국어", LexicalRunes.SeparateCjk("iPhone用ケ・한국어"));
    }

    [Fact]
    public void Stored_text_is_normalised_and_its_separators_come_off_for_display()
    {
        var stored = LexicalRunes.SeparateCjk("ﬁnancial pass\u200Bword 東京");

        Assert.Equal("financial password \u200B東\u200B\u200B京\u200B", stored);
        Assert.Equal("financial password 東京", LexicalRunes.RemoveCjkSeparators(stored));
    }

    [Fact]
    public void Lone_surrogates_become_replacement_characters()
    {
        Assert.Equal("a\uFFFDb", LexicalRunes.Normalize("a\ud800b"));
    }
}
