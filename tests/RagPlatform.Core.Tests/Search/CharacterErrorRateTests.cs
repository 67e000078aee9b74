using RagPlatform.Core.Search;

namespace RagPlatform.Core.Tests.Search;

public sealed class CharacterErrorRateTests
{
    [Theory]
    [InlineData("kitten", "kitten", 0.0)]
    [InlineData("kitten", "sitting", 3.0 / 6)]
    [InlineData("abc", "", 1.0)]
    [InlineData("ab", "abab", 1.0)]
    [InlineData("", "", 0.0)]
    [InlineData("", "x", 1.0)]
    public void The_rate_is_the_edit_distance_over_the_reference_length(string reference, string recognized, double expected)
    {
        Assert.Equal(expected, CharacterErrorRate.Compute(reference, recognized), 10);
    }

    [Fact]
    public void Line_breaks_and_runs_of_spaces_count_as_one_space()
    {
        Assert.Equal(0, CharacterErrorRate.Compute("File Edit\nView", "  File   Edit View\n"));
        Assert.Equal(1.0 / 13, CharacterErrorRate.Compute("Monthly users", "Monthlyusers"), 10);
    }

    [Fact]
    public void Characters_outside_the_basic_plane_count_once()
    {
        Assert.Equal(0.5, CharacterErrorRate.Compute("a😀", "a😃"), 10);
    }
}
