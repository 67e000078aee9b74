using System.Text.Json;
using Microsoft.ML.Tokenizers;
using RagPlatform.Core.Ingestion;
using RagPlatform.Infrastructure.Clip.Tokenizer;

namespace RagPlatform.Infrastructure.Clip;

/// <summary>openai/CLIP's <c>SimpleTokenizer</c> and <c>tokenize(..., truncate=True)</c>, token for
/// token. Normalisation (ftfy approximation, html.unescape twice, whitespace, lower case) and the
/// pre-tokenisation pattern are ours (<see cref="ClipTextCleaner"/>, <see cref="ClipPreTokenizer"/>);
/// the byte-level BPE with the "&lt;/w&gt;" end-of-word suffix, merge ranks and its thread-safe cache
/// is Microsoft.ML.Tokenizers' <see cref="BpeTokenizer"/>, which reproduces every reference fixture.
/// Thread-safe.</summary>
internal sealed class ClipTokenizer : ITokenCounter
{
    /// <summary>Tokens the text tower reads: start marker, up to 75 content tokens, end marker.</summary>
    public const int ContextLength = 77;

    private const string StartMarker = "<|startoftext|>";
    private const string EndMarker = "<|endoftext|>";

    private readonly BpeTokenizer _bpe;
    private readonly ClipPreTokenizer _preTokenizer = new();

    private ClipTokenizer(BpeTokenizer bpe, int startId, int endId, string source)
    {
        _bpe = bpe;
        StartId = startId;
        EndId = endId;
        Source = source;
    }

    public int StartId { get; }

    public int EndId { get; }

    /// <summary>Where the vocabulary came from (a folder, or "embedded"), for logs.</summary>
    public string Source { get; }

    public int MaxContentTokens => ContextLength - 2;

    /// <summary>The ViT-B/32 vocabulary shipped inside this assembly.</summary>
    public static ClipTokenizer Embedded => EmbeddedInstance.Value;

    private static readonly Lazy<ClipTokenizer> EmbeddedInstance = new(() =>
    {
        using var vocab = OpenEmbedded("vocab.json");
        using var merges = OpenEmbedded("merges.txt");
        return Create(vocab, merges, "embedded ViT-B/32 vocabulary");
    });

    /// <summary>True when the files hold the embedded vocabulary (merges compared without
    /// carriage returns: copies of merges.txt differ only in their line ends).</summary>
    public static bool IsEmbeddedVocabulary(ReadOnlySpan<byte> vocabJson, ReadOnlySpan<byte> mergesText)
    {
        using var vocab = OpenEmbedded("vocab.json");
        using var merges = OpenEmbedded("merges.txt");
        if (vocab.Length != vocabJson.Length)
        {
            return false;
        }

        var embeddedVocab = new byte[vocab.Length];
        vocab.ReadExactly(embeddedVocab);
        if (!vocabJson.SequenceEqual(embeddedVocab))
        {
            return false;
        }

        var embeddedMerges = new byte[merges.Length];
        merges.ReadExactly(embeddedMerges);
        return WithoutCarriageReturns(mergesText).SequenceEqual(WithoutCarriageReturns(embeddedMerges));
    }

    /// <summary>Loads a vocabulary (vocab.json: token → id) and its merge list (merges.txt).</summary>
    /// <exception cref="InvalidDataException">The files are not a CLIP vocabulary.</exception>
    public static ClipTokenizer Create(Stream vocabJson, Stream mergesText, string source)
    {
        Dictionary<string, int> vocabulary;
        try
        {
            vocabulary = JsonSerializer.Deserialize<Dictionary<string, int>>(vocabJson)
                ?? throw new InvalidDataException("vocab.json is empty.");
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"vocab.json is not a JSON object of token → id: {exception.Message}", exception);
        }

        if (!vocabulary.TryGetValue(StartMarker, out var startId) || !vocabulary.TryGetValue(EndMarker, out var endId))
        {
            throw new InvalidDataException($"vocab.json has no {StartMarker} / {EndMarker} tokens: it is not a CLIP vocabulary.");
        }

        var merges = ReadMerges(mergesText);
        if (merges.Count == 0)
        {
            throw new InvalidDataException("merges.txt holds no merges.");
        }

        var specialTokens = new Dictionary<string, int> { [StartMarker] = startId, [EndMarker] = endId };
        var bpe = BpeTokenizer.Create(new BpeOptions(vocabulary)
        {
            Merges = merges,
            ByteLevel = true,
            EndOfWordSuffix = "</w>",
            SpecialTokens = specialTokens,
        });
        return new ClipTokenizer(bpe, startId, endId, source);
    }

    public int CountTokens(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var cleaned = ClipTextCleaner.Clean(text);
        var count = 0;
        foreach (var (offset, length) in _preTokenizer.PreTokenize(cleaned))
        {
            count += _bpe.CountTokens(cleaned.AsSpan(offset, length), considerPreTokenization: false, considerNormalization: false);
        }

        return count;
    }

    /// <summary>The ids the reference's <c>tokenize(text, truncate=True)</c> gives, unpadded: start
    /// marker, content, end marker; at most <see cref="ContextLength"/> ids with the end marker last.</summary>
    public int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var cleaned = ClipTextCleaner.Clean(text);
        var ids = new List<int>(ContextLength) { StartId };
        foreach (var (offset, length) in _preTokenizer.PreTokenize(cleaned))
        {
            ids.AddRange(_bpe.EncodeToIds(cleaned.AsSpan(offset, length), considerPreTokenization: false, considerNormalization: false));

            // Only the first 76 survive truncation: stop encoding a long text there.
            if (ids.Count >= ContextLength)
            {
                break;
            }
        }

        if (ids.Count >= ContextLength)
        {
            ids.RemoveRange(ContextLength - 1, ids.Count - (ContextLength - 1));
        }

        ids.Add(EndId);
        return [.. ids];
    }

    /// <summary>Writes the ids of <paramref name="text"/> into a row of <see cref="ContextLength"/>
    /// int64 values, zero-padded like the reference's <c>tokenize</c>, and its attention mask (1 on
    /// tokens, 0 on padding). Returns the number of real tokens.</summary>
    public int EncodeRow(string text, Span<long> ids, Span<long> attentionMask)
    {
        var encoded = Encode(text);
        ids.Clear();
        attentionMask.Clear();
        for (var i = 0; i < encoded.Length; i++)
        {
            ids[i] = encoded[i];
            attentionMask[i] = 1;
        }

        return encoded.Length;
    }

    private static Stream OpenEmbedded(string name) =>
        typeof(ClipTokenizer).Assembly.GetManifestResourceStream("RagPlatform.Clip.Tokenizer." + name)
            ?? throw new InvalidOperationException($"The embedded CLIP {name} is missing from the assembly.");

    private static byte[] WithoutCarriageReturns(ReadOnlySpan<byte> text)
    {
        var result = new byte[text.Length - text.Count((byte)'\r')];
        var length = 0;
        foreach (var value in text)
        {
            if (value != (byte)'\r')
            {
                result[length++] = value;
            }
        }

        return result;
    }

    private static List<string> ReadMerges(Stream mergesText)
    {
        var merges = new List<string>();
        using var reader = new StreamReader(mergesText);
        while (reader.ReadLine() is { } line)
        {
            // The first line is a "#version: 0.2" header; the published file has CRLF line ends.
            line = line.TrimEnd('\r');
            if (line.Length == 0 || (merges.Count == 0 && line.StartsWith("#version", StringComparison.Ordinal)))
            {
                continue;
            }

            if (line.Split(' ').Length != 2)
            {
                throw new InvalidDataException($"merges.txt line {merges.Count + 2} is not a pair of tokens: \"{line}\".");
            }

            merges.Add(line);
        }

        return merges;
    }
}
