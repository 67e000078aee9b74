using System.Buffers;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
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

    /// <param name="scores">[steps, <see cref="ClassCount"/>], row-major: probabilities (each row summing to 1),
    /// or with <paramref name="logits"/> the logits they are the Softmax of.</param>
    /// <returns>The text, and the mean probability of its characters (0 when there are none).</returns>
    public (string Text, float Confidence) Decode(ReadOnlySpan<float> scores, bool logits = false)
    {
        var text = new StringBuilder();
        double sum = 0;
        var count = 0;
        var previous = -1;
        float[]? shifted = null;
        try
        {
            for (var step = 0; step + _classes.Length <= scores.Length; step += _classes.Length)
            {
                var row = scores.Slice(step, _classes.Length);
                var best = BestClass(row);
                if (best != 0 && best != previous)
                {
                    text.Append(_classes[best]);
                    if (logits)
                    {
                        // Softmax at the best class: 1 / Σ exp(l − l_best), every term at most 1.
                        shifted ??= ArrayPool<float>.Shared.Rent(_classes.Length);
                        var terms = shifted.AsSpan(0, _classes.Length);
                        TensorPrimitives.Subtract(row, row[best], terms);
                        TensorPrimitives.Exp(terms, terms);
                        sum += 1 / (double)TensorPrimitives.Sum<float>(terms);
                    }
                    else
                    {
                        sum += row[best];
                    }

                    count++;
                }

                previous = best;
            }
        }
        finally
        {
            if (shifted is not null)
            {
                ArrayPool<float>.Shared.Return(shifted);
            }
        }

        return (text.ToString(), count == 0 ? 0 : (float)(sum / count));
    }

    /// <summary>Reads the fused CTC head's outputs (<see cref="FusedCtcHead"/>): the same text and, within float
    /// rounding, the same confidence as <see cref="Decode(ReadOnlySpan{float}, bool)"/> on the logits they come from.</summary>
    /// <param name="best">Each step's best class.</param>
    /// <param name="sums">For each step that emits a character, Σ exp(logit − best logit), the inverse of its probability.</param>
    public (string Text, float Confidence) Decode(ReadOnlySpan<int> best, ReadOnlySpan<float> sums)
    {
        var text = new StringBuilder();
        double sum = 0;
        var count = 0;
        var previous = -1;
        for (var step = 0; step < best.Length; step++)
        {
            var index = best[step];
            if (index != 0 && index != previous)
            {
                text.Append(_classes[index]);
                sum += 1 / (double)sums[step];
                count++;
            }

            previous = index;
        }

        return (text.ToString(), count == 0 ? 0 : (float)(sum / count));
    }

    /// <summary>The first index of the row's greatest value, as <see cref="TensorPrimitives.IndexOfMax{T}(ReadOnlySpan{T})"/>
    /// gives it: the maximum (a plain vector max, no indices carried along), then where it first occurs. For a maximum
    /// that is neither a NaN nor a zero (where −0 and +0 compare equal, and IndexOfMax prefers +0), equal floats have
    /// equal bits, so the runtime's vectorised search for an integer finds it; the other rows go to IndexOfMax.</summary>
    private static int BestClass(ReadOnlySpan<float> row)
    {
        var max = TensorPrimitives.Max(row);
        return max == 0 || float.IsNaN(max)
            ? TensorPrimitives.IndexOfMax(row)
            : MemoryMarshal.Cast<float, int>(row).IndexOf(BitConverter.SingleToInt32Bits(max));
    }
}
