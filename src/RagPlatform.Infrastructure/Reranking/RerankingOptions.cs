using System.ComponentModel.DataAnnotations;

namespace RagPlatform.Infrastructure.Reranking;

/// <summary>Settings of the optional cross-encoder re-ranking step, section <c>Reranking</c>.</summary>
public sealed class RerankingOptions
{
    public const string SectionName = "Reranking";

    /// <summary>Folder with a BERT-family cross-encoder exported to ONNX (<c>model.onnx</c>, or
    /// <c>onnx/model.onnx</c> as Hugging Face lays it out) and its WordPiece <c>vocab.txt</c>, as
    /// scripts/fetch-reranker-model.sh installs cross-encoder/ms-marco-MiniLM-L6-v2. Re-ranking is
    /// off while the folder does not exist, and when this is empty. A relative path is looked up
    /// under the host's content root, then the current directory, then the application's folder.</summary>
    public string? ModelDirectory { get; set; } = "models/reranker";

    /// <summary>How many of the first fused hits are offered to the cross-encoder (only text hits
    /// are scored). Its cost grows linearly with this: one transformer run per passage.</summary>
    [Range(1, 1000)]
    public int TopN { get; set; } = 20;

    /// <summary>Longest query + passage in tokens, special tokens included (BERT's position table
    /// holds 512). Longer pairs are cut as Hugging Face's tokenizers cut them (longest first).</summary>
    [Range(16, 8192)]
    public int MaxSequenceLength { get; set; } = 512;

    /// <summary>Pairs scored in one ONNX run.</summary>
    [Range(1, 256)]
    public int BatchSize { get; set; } = 16;

    /// <summary>Threads ONNX Runtime uses inside one run; 0 lets it choose (one per physical core).</summary>
    [Range(0, 256)]
    public int IntraOpThreads { get; set; }
}
