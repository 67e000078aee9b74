using RagPlatform.Core.Search;

namespace RagPlatform.Core.Tests.Search;

public sealed class SearchTextNormalizerTests
{
    [Theory]
    [InlineData("pass\u200Bword", "password")]
    [InlineData("pass\u200Cword", "password")]
    [InlineData("pass\u200Dword", "password")]
    [InlineData("pass\u2060word", "password")]
    [InlineData("\uFEFFpassword", "password")]
    [InlineData("pass\u00ADword", "password")]
    [InlineData("a\u200B\u200B\u00ADb c", "ab c")]
    [InlineData("plain text, unchanged", "plain text, unchanged")]
    public void Invisible_characters_inside_words_are_removed(string text, string expected) =>
        Assert.Equal(expected, SearchTextNormalizer.Normalize(text));

    [Fact]
    public void A_zero_width_space_between_thai_words_is_their_word_break() =>
        Assert.Equal("ภาษา ไทย", SearchTextNormalizer.Normalize("ภาษา\u200Bไทย"));
}
