using RagPlatform.Core.Answering;

namespace RagPlatform.Core.Tests.Answering;

public sealed class ContentWordsTests
{
    [Fact]
    public void Inflections_meet_at_one_stem_and_stop_words_are_dropped()
    {
        var question = ContentWords.Of("How do I write functions?");
        var passage = ContentWords.Of("Writing your own function");

        Assert.DoesNotContain("how", question);
        Assert.Equal(1.0, ContentWords.Coverage(question, passage));
    }

    [Fact]
    public void A_zero_width_character_inside_a_word_does_not_split_it()
    {
        Assert.Equal(ContentWords.Of("lighthouse"), ContentWords.Of("light\u200Bhouse"));
    }

    [Fact]
    public void Diacritics_and_case_are_folded_and_cjk_characters_are_words()
    {
        Assert.Equal(ContentWords.Of("RÉSUMÉ"), ContentWords.Of("resume"));
        Assert.Equal(["灯", "台"], ContentWords.Of("灯台"));
    }

    [Fact]
    public void Coverage_is_zero_when_nothing_is_wanted()
    {
        Assert.Equal(0, ContentWords.Coverage(ContentWords.Of("the and of"), ContentWords.Of("anything")));
    }
}
