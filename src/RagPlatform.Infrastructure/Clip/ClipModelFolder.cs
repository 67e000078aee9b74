using RagPlatform.Infrastructure.Onnx;

namespace RagPlatform.Infrastructure.Clip;

/// <summary>The layout of a CLIP model folder, as the public ONNX exports of ViT-B/32 ship it
/// (e.g. Xenova/clip-vit-base-patch32: the towers may sit in an <c>onnx/</c> subfolder).</summary>
internal sealed class ClipModelFolder
{
    public const string TextModel = "text_model.onnx";
    public const string VisionModel = "vision_model.onnx";
    public const string QuantizedTextModel = "text_model_quantized.onnx";
    public const string QuantizedVisionModel = "vision_model_quantized.onnx";
    public const string Vocabulary = "vocab.json";
    public const string Merges = "merges.txt";
    public const string Preprocessor = "preprocessor_config.json";

    public ClipModelFolder(string path)
    {
        FullPath = Path.GetFullPath(path);
    }

    public string FullPath { get; }

    public bool Exists => Directory.Exists(FullPath);

    /// <summary>Where a file of the layout is: the folder itself, or its onnx/ subfolder for the towers.</summary>
    public string Locate(string fileName)
    {
        var direct = Path.Combine(FullPath, fileName);
        var nested = Path.Combine(FullPath, "onnx", fileName);
        return !File.Exists(direct) && fileName.EndsWith(".onnx", StringComparison.Ordinal) && File.Exists(nested) ? nested : direct;
    }

    /// <summary>The text tower's file name at a precision (as the public exports name them).</summary>
    public static string TextModelFile(ClipPrecision precision) => precision == ClipPrecision.Int8 ? QuantizedTextModel : TextModel;

    public static string VisionModelFile(ClipPrecision precision) => precision == ClipPrecision.Int8 ? QuantizedVisionModel : VisionModel;

    /// <summary>The files the encoder needs at a precision that the folder lacks; towers of the other
    /// precision are not needed.</summary>
    public IReadOnlyList<string> MissingFiles(ClipPrecision precision) =>
        [.. new[] { TextModelFile(precision), VisionModelFile(precision), Vocabulary, Merges, Preprocessor }.Where(name => !File.Exists(Locate(name)))];

    /// <summary>The folder's own vocabulary, or null when it has none (or an unreadable one).</summary>
    public ClipTokenizer? TryLoadTokenizer(out string? problem)
    {
        problem = null;
        var vocabulary = Locate(Vocabulary);
        var merges = Locate(Merges);
        if (!File.Exists(vocabulary) || !File.Exists(merges))
        {
            return null;
        }

        try
        {
            var vocabularyBytes = File.ReadAllBytes(vocabulary);
            var mergesBytes = File.ReadAllBytes(merges);

            // The ViT-B/32 files are the embedded ones: share that instance (50,000 entries)
            // instead of building a second, identical tokenizer.
            if (ClipTokenizer.IsEmbeddedVocabulary(vocabularyBytes, mergesBytes))
            {
                return ClipTokenizer.Embedded;
            }

            using var vocabularyStream = new MemoryStream(vocabularyBytes);
            using var mergesStream = new MemoryStream(mergesBytes);
            return ClipTokenizer.Create(vocabularyStream, mergesStream, FullPath);
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            problem = $"{Vocabulary} / {Merges} in {FullPath} cannot be read: {exception.Message}";
            return null;
        }
    }

    /// <summary>Resolves a configured folder as <see cref="ModelPathBases.ResolveFolder"/> does.</summary>
    public static ClipModelFolder Resolve(string configured, IEnumerable<string> bases) => new(ModelPathBases.ResolveFolder(configured, bases));
}
