using System.Text;

namespace RagPlatform.Benchmarks.Server;

/// <summary>Text with the statistics the lexical engines care about: word frequencies follow a
/// Zipf–Mandelbrot law over a vocabulary of real English words (function words first) and a long
/// tail of generated ones, and each document favours a few topic words of its own (words come in
/// bursts, as in real documents), so posting lists range from most rows (stop words) to a handful.
/// Deterministic for a given <see cref="Random"/> seed.</summary>
internal sealed class SyntheticText
{
    /// <summary>Share of a document's words drawn from its topic words.</summary>
    private const double TopicShare = 0.08;

    private static readonly string[] Syllables =
        ["ba", "ker", "lo", "mi", "tan", "dor", "vel", "qui", "sen", "ra", "to", "lin", "mar", "pe", "cor", "nu", "fi", "gal", "ho", "dex", "sto", "wen"];

    private static readonly string[] Endings = ["", "s", "ing", "ed", "er", "tion", "ly", "ment"];

    private readonly string[] _words;
    private readonly double[] _cumulative;

    public SyntheticText(int vocabularySize = 30_000)
    {
        var words = new List<string>(vocabularySize);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in EnglishWords.Function.Concat(EnglishWords.Content).Concat(GeneratedWords()))
        {
            if (words.Count == vocabularySize)
            {
                break;
            }

            if (seen.Add(word))
            {
                words.Add(word);
            }
        }

        _words = [.. words];
        // Zipf–Mandelbrot, exponent 1 and shift 2.7 (fits English word counts well past the head).
        _cumulative = new double[_words.Length];
        var total = 0.0;
        for (var rank = 0; rank < _words.Length; rank++)
        {
            total += 1.0 / (rank + 1 + 2.7);
            _cumulative[rank] = total;
        }
    }

    public int VocabularySize => _words.Length;

    /// <summary>Topic words of one document: mid-frequency words (ranks 150 to 5,000) it repeats.</summary>
    public string[] Topic(Random random, int count = 24) =>
        [.. Enumerable.Range(0, count).Select(_ => _words[random.Next(150, Math.Min(5_000, _words.Length))])];

    /// <summary>One word: from the topic with <see cref="TopicShare"/>, else from the whole vocabulary by frequency.</summary>
    public string Word(Random random, IReadOnlyList<string> topic) =>
        topic.Count > 0 && random.NextDouble() < TopicShare
            ? topic[random.Next(topic.Count)]
            : _words[Rank(random)];

    /// <summary><paramref name="count"/> words as sentences of 8 to 20 words, capitalised, with full stops.</summary>
    public string Words(Random random, IReadOnlyList<string> topic, int count)
    {
        var text = new StringBuilder(count * 8);
        var sentenceLeft = 0;
        for (var i = 0; i < count; i++)
        {
            var word = Word(random, topic);
            if (sentenceLeft == 0)
            {
                sentenceLeft = random.Next(8, 21);
                text.Append(text.Length == 0 ? "" : " ").Append(char.ToUpperInvariant(word[0])).Append(word.AsSpan(1));
            }
            else
            {
                text.Append(' ').Append(word);
            }

            sentenceLeft--;
            if (sentenceLeft == 0 || i == count - 1)
            {
                text.Append('.');
                sentenceLeft = 0;
            }
        }

        return text.ToString();
    }

    /// <summary>Whether a word is one of the function words (which a query rarely consists of).</summary>
    public static bool IsFunctionWord(string word) => EnglishWords.Function.Contains(word, StringComparer.OrdinalIgnoreCase);

    private int Rank(Random random)
    {
        var index = Array.BinarySearch(_cumulative, random.NextDouble() * _cumulative[^1]);
        return Math.Min(index < 0 ? ~index : index, _cumulative.Length - 1);
    }

    /// <summary>Two and three syllables with an English ending: about 35,000 distinct words.</summary>
    private static IEnumerable<string> GeneratedWords()
    {
        foreach (var ending in Endings)
        {
            for (var a = 0; a < Syllables.Length; a++)
            {
                for (var b = 0; b < Syllables.Length; b++)
                {
                    yield return Syllables[a] + Syllables[b] + ending;
                    for (var c = 0; c < Syllables.Length; c += 3)
                    {
                        yield return Syllables[(a + c) % Syllables.Length] + Syllables[b] + Syllables[c] + ending;
                    }
                }
            }
        }
    }
}
