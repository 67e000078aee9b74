using System.ComponentModel.DataAnnotations;

namespace RagPlatform.Infrastructure.TextEmbeddings;

/// <summary>Settings of the text space's sentence-embedding model, section <c>Embeddings:Text</c>.</summary>
public sealed class TextEmbeddingOptions
{
    public const string SectionName = "Embeddings:Text";

    /// <summary>Folder with a BERT-family sentence encoder exported to ONNX (<c>model.onnx</c> or
    /// <c>onnx/model.onnx</c>) and its WordPiece <c>vocab.txt</c>, as scripts/fetch-text-model.sh
    /// installs Snowflake/snowflake-arctic-embed-xs. The text space is off while the folder does not exist, and
    /// when this is empty. A relative path is looked up under the host's content root, then the
    /// current directory, then the application's folder.</summary>
    public string? ModelDirectory { get; set; } = "models/text";

    /// <summary>Put before every query, as the model was trained (bge-small-en-v1.5 and snowflake-arctic-embed-xs share this retrieval
    /// instruction; "query: " for the e5 models).</summary>
    public string QueryInstruction { get; set; } = "Represent this sentence for searching relevant passages: ";

    /// <summary>Put before every passage ("" for bge; "passage: " for the e5 models).</summary>
    public string PassageInstruction { get; set; } = "";

    /// <summary>How a text's vector is read from the token states: <c>Cls</c> (bge) or <c>Mean</c>
    /// over the real tokens (e5, all-MiniLM).</summary>
    public TextPooling Pooling { get; set; } = TextPooling.Cls;

    /// <summary>Longest input in tokens, special tokens included (BERT's position table holds 512);
    /// longer texts are cut at the end.</summary>
    [Range(16, 8192)]
    public int MaxSequenceLength { get; set; } = 512;

    /// <summary>Most tokens of one passage: a page's chunks are grouped into passages up to this
    /// (never more than <see cref="MaxSequenceLength"/> minus the special tokens).</summary>
    [Range(16, 8192)]
    public int PassageTokens { get; set; } = 300;

    /// <summary>Texts embedded in one ONNX run.</summary>
    [Range(1, 256)]
    public int BatchSize { get; set; } = 16;

    /// <summary>Threads ONNX Runtime uses inside one run; 0 lets it choose (one per physical core).</summary>
    [Range(0, 256)]
    public int IntraOpThreads { get; set; }
}
