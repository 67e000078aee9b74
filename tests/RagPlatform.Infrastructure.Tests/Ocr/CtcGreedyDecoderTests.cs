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
    public void Logits_read_as_the_probabilities_they_are_the_softmax_of()
    {
        File.WriteAllText(_keys, "a\nb\nc");
        var decoder = CtcGreedyDecoder.Load(_keys);
        float[] logits = [2f, 7f, 1f, -3f, 0f, 0.5f, 0.5f, 4f, 0f, 1f, 9f, -2f, 9.5f, 0f, 0f, 3f, 1f, 1f, 1f, 8f, -1f, 3f, 3.2f, 0f, 0f];
        var probabilities = new float[logits.Length];
        for (var step = 0; step < logits.Length; step += 5)
        {
            System.Numerics.Tensors.TensorPrimitives.SoftMax(logits.AsSpan(step, 5), probabilities.AsSpan(step, 5));
        }

        var (text, confidence) = decoder.Decode(logits, logits: true);

        Assert.Equal(decoder.Decode(probabilities).Text, text);
        Assert.Equal("ab b", text);
        Assert.Equal(decoder.Decode(probabilities).Confidence, confidence, 5);
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
