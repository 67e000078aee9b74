using RagPlatform.Infrastructure.Ocr;

namespace RagPlatform.Infrastructure.Tests.Ocr;

public sealed class CtcGreedyDecoderTests : IDisposable
{
    private readonly string _keys = Path.GetTempFileName();

    [Fact]
    public void Repeats_collapse_blanks_separate_and_the_space_comes_last()
    {
        // Classes: blank, a, b, c (the list, CRLF line ends), space.
        File.WriteAllText(_keys, "a\r\nb\r\nc\r\n");
        var decoder = CtcGreedyDecoder.Load(_keys);
        int[] best = [1, 1, 0, 1, 2, 2, 4, 3, 0];
        float[] certainty = [0.9f, 0.5f, 0.8f, 0.7f, 0.6f, 0.2f, 0.8f, 0.5f, 0.99f];

        var (text, confidence) = decoder.Decode(Probabilities(best, certainty, classes: 5));

        Assert.Equal(5, decoder.ClassCount);
        Assert.Equal("aab c", text);
        Assert.Equal((0.9f + 0.7f + 0.6f + 0.8f + 0.5f) / 5, confidence, 5); // First step of each kept run.
    }

    [Fact]
    public void Only_blanks_read_as_nothing_with_no_confidence()
    {
        File.WriteAllText(_keys, "a\nb");
        var decoder = CtcGreedyDecoder.Load(_keys);

        Assert.Equal(4, decoder.ClassCount);
        Assert.Equal((string.Empty, 0f), decoder.Decode(Probabilities([0, 0, 0], [0.9f, 0.9f, 0.9f], classes: 4)));
    }

    [Fact]
    public void The_longest_run_counts_steps_of_one_character_with_no_blank_between()
    {
        File.WriteAllText(_keys, "a\nb");
        var decoder = CtcGreedyDecoder.Load(_keys);
        int[] best = [1, 1, 0, 2, 2, 2, 0, 1, 3, 3];

        var (text, _) = decoder.Decode(Probabilities(best, [.. best.Select(_ => 0.9f)], classes: 4), out var longestRun, out _);

        Assert.Equal("aba ", text);
        Assert.Equal(3, longestRun); // "b" for three steps; blanks and other classes end a run.
    }

    [Theory]
    [InlineData(new[] { 1, 0, 2, 0, 3, 0, 4, 4, 0, 4, 0 }, "staff", false)] // a blank between the two f's
    [InlineData(new[] { 1, 0, 2, 0, 3, 0, 4, 4, 4, 4, 0 }, "staf", true)] // the two f's merged into one run
    public void A_line_whose_doubled_letter_merged_is_read_again_stretched(int[] best, string expected, bool again)
    {
        // Classes: blank, s, t, a, f, space.
        File.WriteAllText(_keys, "s\nt\na\nf");
        var decoder = CtcGreedyDecoder.Load(_keys);

        var (text, _) = decoder.Decode(Probabilities(best, [.. best.Select(_ => 0.9f)], classes: 6), out var longestRun, out var blankInRun);

        Assert.Equal(expected, text);
        Assert.Equal(again, TextLineRecognizer.NeedsStretch(longestRun, blankInRun, rereadRun: 3, rereadBlank: 0));
    }

    [Fact]
    public void An_empty_character_list_is_invalid()
    {
        File.WriteAllText(_keys, string.Empty);

        Assert.Throws<InvalidDataException>(() => CtcGreedyDecoder.Load(_keys));
    }

    public void Dispose() => File.Delete(_keys);

    /// <summary>Each step puts <paramref name="certainty"/> on its class and spreads the rest evenly.</summary>
    private static float[] Probabilities(int[] best, float[] certainty, int classes)
    {
        var probabilities = new float[best.Length * classes];
        for (var step = 0; step < best.Length; step++)
        {
            for (var c = 0; c < classes; c++)
            {
                probabilities[(step * classes) + c] = c == best[step] ? certainty[step] : (1 - certainty[step]) / (classes - 1);
            }
        }

        return probabilities;
    }
}
