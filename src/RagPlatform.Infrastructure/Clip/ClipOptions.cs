using System.ComponentModel.DataAnnotations;

namespace RagPlatform.Infrastructure.Clip;

/// <summary>Settings of the CLIP dual encoder, section <c>Clip</c>.</summary>
public sealed class ClipOptions
{
    public const string SectionName = "Clip";

    /// <summary>Folder with text_model.onnx, vision_model.onnx, vocab.json, merges.txt and
    /// preprocessor_config.json (see models/README.md). A relative path is looked up under the
    /// host's content root, then the current directory, then the application's folder.</summary>
    [Required(AllowEmptyStrings = false)]
    public string ModelDirectory { get; set; } = "models/clip";

    /// <summary>Fp32 loads text_model.onnx / vision_model.onnx; Int8 loads text_model_quantized.onnx /
    /// vision_model_quantized.onnx (fetched by <c>scripts/fetch-models.sh --int8</c>).</summary>
    [EnumDataType(typeof(ClipPrecision))]
    public ClipPrecision Precision { get; set; } = ClipPrecision.Fp32;

    /// <summary>Most texts or images sent to a tower in one run; larger requests are split.</summary>
    [Range(1, 256)]
    public int MaxBatchSize { get; set; } = 16;

    /// <summary>Threads ONNX Runtime uses inside one run; 0 lets it choose (one per physical core).</summary>
    [Range(0, 256)]
    public int IntraOpThreads { get; set; }

    /// <summary>Images with more pixels are rejected before decoding (memory: 4 bytes per pixel).</summary>
    [Range(typeof(long), "1", "500000000")]
    public long MaxImagePixels { get; set; } = 100_000_000;
}
