namespace RagPlatform.Benchmarks.Onnx.Clip;

/// <summary>Sizes of a CLIP dual encoder with a ViT image tower. <see cref="VitB32"/> is OpenAI's
/// ViT-B/32; <see cref="Tiny"/> keeps the same shapes at the edges (224 px, 32 px patches, 77 tokens,
/// the real 49,408-token vocabulary) with small widths, for fast self-checks.</summary>
internal sealed record ClipArchitecture(
    string Name,
    int ImageSize,
    int PatchSize,
    int VisionWidth,
    int VisionLayers,
    int VisionHeads,
    int VisionMlp,
    int VocabularySize,
    int ContextLength,
    int TextWidth,
    int TextLayers,
    int TextHeads,
    int TextMlp,
    int EmbeddingSize)
{
    public static ClipArchitecture VitB32 { get; } = new(
        "clip-vit-b32", 224, 32, 768, 12, 12, 3072, 49408, 77, 512, 12, 8, 2048, 512);

    public static ClipArchitecture Tiny { get; } = new(
        "clip-tiny", 224, 32, 64, 2, 4, 256, 49408, 77, 32, 2, 2, 128, 32);

    /// <summary>Hugging Face's openai/clip-vit-base-patch32 counts 151,277,313 parameters: these two
    /// towers plus the single logit_scale.</summary>
    public const long VitB32VisionParameters = 87_849_216;

    public const long VitB32TextParameters = 63_428_096;

    public int PatchesPerSide => ImageSize / PatchSize;

    /// <summary>Patches plus the class token.</summary>
    public int VisionSequenceLength => (PatchesPerSide * PatchesPerSide) + 1;

    /// <summary>Computed from the sizes alone, to check the generated graph against.</summary>
    public long ExpectedVisionParameters =>
        ((long)VisionWidth * 3 * PatchSize * PatchSize) // patch convolution, no bias
        + VisionWidth // class embedding
        + ((long)VisionSequenceLength * VisionWidth) // positions
        + (2L * 2 * VisionWidth) // pre- and post-layer-norm
        + (VisionLayers * LayerParameters(VisionWidth, VisionMlp))
        + ((long)VisionWidth * EmbeddingSize); // projection, no bias

    public long ExpectedTextParameters =>
        ((long)VocabularySize * TextWidth)
        + ((long)ContextLength * TextWidth)
        + (TextLayers * LayerParameters(TextWidth, TextMlp))
        + (2L * TextWidth) // final layer norm
        + ((long)TextWidth * EmbeddingSize);

    private static long LayerParameters(long width, long mlp) =>
        (4 * ((width * width) + width)) // q, k, v, out projections with biases
        + (2 * 2 * width) // two layer norms
        + (width * mlp) + mlp + (mlp * width) + width; // MLP
}
