using System.Text;

namespace RagPlatform.Infrastructure.Ocr;

/// <summary>Reads the recogniser's per-step class probabilities as PaddleOCR's CTCLabelDecode
/// does: the most likely class at each step; repeats collapsed; the blank (class 0) dropped.
/// Classes are the blank, the character list's lines in order, then a space.</summary>
internal sealed class CtcGreedyDecoder
{
    private readonly string[] _classes;

    private CtcGreedyDecoder(string[] classes)
    {
        _classes = classes;
    }

    /// <summary>Number of classes the recogniser must output.</summary>
    public int ClassCount => _classes.Length;

    /// <summary>The character list: one character (or short sequence) a line, UTF-8.</summary>
    /// <exception cref="InvalidDataException">The list is empty.</exception>
    public static CtcGreedyDecoder Load(string path)
    {
        var lines = File.ReadAllText(path, Encoding.UTF8).Split('\n').Select(line => line.TrimEnd('\r')).ToList();
        if (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1); // The newline that ends the last line.
        }

        if (lines.Count == 0)
        {
            throw new InvalidDataException($"{Path.GetFileName(path)} lists no characters.");
        }

        return new CtcGreedyDecoder([string.Empty, .. lines, " "]);
    }

    /// <param name="probabilities">[steps, <see cref="ClassCount"/>], row-major, each row summing to 1.</param>
    /// <returns>The text, and the mean probability of its characters (0 when there are none).</returns>
    public (string Text, float Confidence) Decode(ReadOnlySpan<float> probabilities)
    {
        var text = new StringBuilder();
        double sum = 0;
        var count = 0;
        var previous = -1;
        for (var step = 0; step + _classes.Length <= probabilities.Length; step += _classes.Length)
        {
            var row = probabilities.Slice(step, _classes.Length);
            var best = System.Numerics.Tensors.TensorPrimitives.IndexOfMax(row);
            if (best != 0 && best != previous)
            {
                text.Append(_classes[best]);
                sum += row[best];
                count++;
            }

            previous = best;
        }

        return (text.ToString(), count == 0 ? 0 : (float)(sum / count));
    }
}
