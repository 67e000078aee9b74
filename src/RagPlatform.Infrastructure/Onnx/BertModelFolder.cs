using System.Text.Json;

namespace RagPlatform.Infrastructure.Onnx;

/// <summary>The layout of a BERT-family model folder (the re-ranker's cross-encoder, the text
/// space's sentence encoder): the ONNX graph (at the top or under onnx/, as the Hugging Face
/// repositories keep it), the WordPiece vocabulary and, optionally, the tokenizer's settings.</summary>
internal sealed class BertModelFolder(string fullPath)
{
    public const string Vocabulary = "vocab.txt";
    public const string TokenizerConfig = "tokenizer_config.json";

    /// <summary>One line naming the model (e.g. "Snowflake/snowflake-arctic-embed-xs"), written by the
    /// fetch scripts so that the status can say which model a folder such as models/text holds.</summary>
    public const string NameFile = "model-name.txt";
    private static readonly string[] ModelCandidates = ["model.onnx", Path.Combine("onnx", "model.onnx")];

    public string FullPath { get; } = fullPath;

    public string? ModelPath => ModelCandidates.Select(name => Path.Combine(FullPath, name)).FirstOrDefault(File.Exists);

    public string VocabularyPath => Path.Combine(FullPath, Vocabulary);

    /// <summary>What an existing folder lacks, as a sentence; null when complete.</summary>
    public string? Problem()
    {
        var missing = new List<string>();
        if (ModelPath is null)
        {
            missing.Add("model.onnx (or onnx/model.onnx)");
        }

        if (!File.Exists(VocabularyPath))
        {
            missing.Add(Vocabulary);
        }

        return missing.Count == 0 ? null : $"{FullPath} lacks {string.Join(" and ", missing)}.";
    }

    /// <summary>The model's name from <see cref="NameFile"/> (its first line, at most 200 characters),
    /// else the folder's own name.</summary>
    public string ReadName()
    {
        var path = Path.Combine(FullPath, NameFile);
        var line = File.Exists(path) ? File.ReadLines(path).FirstOrDefault()?.Trim() : null;
        return string.IsNullOrEmpty(line) ? Path.GetFileName(FullPath.TrimEnd(Path.DirectorySeparatorChar)) : line[..Math.Min(line.Length, 200)];
    }

    /// <summary>Whether the model was trained on lower-cased text: <c>do_lower_case</c> from
    /// tokenizer_config.json when the folder has one, else true (the uncased BERT vocabularies that
    /// the common cross-encoders and bge-small-en-v1.5 use).</summary>
    /// <remarks>Synchronous: it runs once, inside the model load, which ONNX Runtime does synchronously anyway.</remarks>
    public bool ReadLowerCase()
    {
        var path = Path.Combine(FullPath, TokenizerConfig);
        if (!File.Exists(path))
        {
            return true;
        }

        using var config = JsonDocument.Parse(File.ReadAllBytes(path));
        return !config.RootElement.TryGetProperty("do_lower_case", out var value) || value.ValueKind != JsonValueKind.False;
    }
}
