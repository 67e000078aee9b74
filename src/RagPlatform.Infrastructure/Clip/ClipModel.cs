using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace RagPlatform.Infrastructure.Clip;

/// <summary>A loaded model folder: both towers, the tokenizer and the image preprocessing, checked
/// to run and to agree on the embedding size.</summary>
internal sealed class ClipModel : IDisposable
{
    private ClipModel(ClipModelFolder folder, ClipPrecision precision, ClipTokenizer tokenizer, ClipImagePreprocessor preprocessor, ClipOnnxTower text, ClipOnnxTower vision, int dimensions, TimeSpan loadTime)
    {
        Folder = folder;
        Precision = precision;
        Tokenizer = tokenizer;
        Preprocessor = preprocessor;
        Text = text;
        Vision = vision;
        Dimensions = dimensions;
        LoadTime = loadTime;
    }

    public ClipModelFolder Folder { get; }

    /// <summary>Which towers were loaded (the float or the int8 files).</summary>
    public ClipPrecision Precision { get; }

    public ClipTokenizer Tokenizer { get; }

    public ClipImagePreprocessor Preprocessor { get; }

    public ClipOnnxTower Text { get; }

    public ClipOnnxTower Vision { get; }

    public int Dimensions { get; }

    public TimeSpan LoadTime { get; }

    /// <summary>The folder name (with "-int8" for the int8 towers), reported as the model id of every embedding.</summary>
    public string ModelId => "clip:" + Path.GetFileName(Folder.FullPath.TrimEnd(Path.DirectorySeparatorChar)) +
        (Precision == ClipPrecision.Int8 ? "-int8" : string.Empty);

    /// <exception cref="InvalidDataException">A file is unusable; the message names it.</exception>
    public static ClipModel Load(ClipModelFolder folder, Func<ClipTokenizer> loadTokenizer, int intraOpThreads, ClipPrecision precision = ClipPrecision.Fp32)
    {
        var clock = Stopwatch.StartNew();
        ClipPreprocessorConfig config;
        using (var json = File.OpenRead(folder.Locate(ClipModelFolder.Preprocessor)))
        {
            config = ClipPreprocessorConfig.Parse(json);
        }

        using var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = intraOpThreads,
        };

        // Threads that wait sleep instead of spinning: their core goes to the decoding of the next
        // batch (ClipImageEmbeddingGenerator), not to a busy loop.
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        var text = ClipOnnxTower.Open(folder.Locate(ClipModelFolder.TextModelFile(precision)), options, "input_ids", TensorElementType.Int64, "text_embeds", precision);
        ClipOnnxTower? vision = null;
        try
        {
            vision = ClipOnnxTower.Open(folder.Locate(ClipModelFolder.VisionModelFile(precision)), options, "pixel_values", TensorElementType.Float, "image_embeds", precision);
            var preprocessor = new ClipImagePreprocessor(config);
            var tokenizer = loadTokenizer();
            var dimensions = Probe(text, vision, tokenizer, preprocessor);
            return new ClipModel(folder, precision, tokenizer, preprocessor, text, vision, dimensions, clock.Elapsed);
        }
        catch
        {
            text.Dispose();
            vision?.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Text.Dispose();
        Vision.Dispose();
    }

    // One run per tower: weights that parse but do not compute, wrong input sizes and towers of
    // different models (different embedding sizes) are all found here, at start-up.
    private static int Probe(ClipOnnxTower text, ClipOnnxTower vision, ClipTokenizer tokenizer, ClipImagePreprocessor preprocessor)
    {
        var ids = new long[ClipTokenizer.ContextLength];
        var mask = new long[ClipTokenizer.ContextLength];
        tokenizer.EncodeRow("a photo", ids, mask);
        var config = preprocessor.Config;
        float[][] textVector;
        float[][] imageVector;
        try
        {
            textVector = text.Run(ids, [1, ClipTokenizer.ContextLength], mask, CancellationToken.None);
        }
        catch (Exception exception) when (exception is OnnxRuntimeException or InvalidOperationException)
        {
            throw new InvalidDataException($"{text.FileName} loads but does not run on 77 token ids: {exception.Message}", exception);
        }

        try
        {
            imageVector = vision.Run(new float[preprocessor.TensorLength], [1, 3, config.CropHeight, config.CropWidth], null, CancellationToken.None);
        }
        catch (Exception exception) when (exception is OnnxRuntimeException or InvalidOperationException)
        {
            throw new InvalidDataException(
                $"{vision.FileName} loads but does not run on a {config.CropWidth} × {config.CropHeight} image: {exception.Message}", exception);
        }

        if (textVector[0].Length != imageVector[0].Length)
        {
            throw new InvalidDataException(
                $"The towers disagree: {text.FileName} gives {textVector[0].Length} dimensions, {vision.FileName} {imageVector[0].Length}; they are not one model.");
        }

        return textVector[0].Length;
    }
}
