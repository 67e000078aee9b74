using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using RagPlatform.Infrastructure.Onnx;
using RagPlatform.Infrastructure.Tests.Reranking;
using RagPlatform.Infrastructure.TextEmbeddings;
using RagPlatform.OnnxGraphs.Models;

namespace RagPlatform.Infrastructure.Tests.TextEmbeddings;

/// <summary>The sentence encoder on a generated graph of the real exports' shape: tokenisation,
/// batching, padding, pooling and normalisation against vectors computed from the graph's tables and
/// Hugging Face's published token ids.</summary>
public sealed class OnnxTextEncoderTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ragplatform-text-encoder-tests", Guid.NewGuid().ToString("N"));
    private readonly TinySentenceModel _model = new();

    public async ValueTask InitializeAsync() => await _model.WriteAsync(_folder);

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Passages_get_the_normalised_cls_state_of_their_reference_ids_in_padded_batches()
    {
        var references = File.ReadAllLines(RerankerFixtures.ReferenceTokens)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Where(root => !root.TryGetProperty("pair", out _))
            .Select(root => (Text: root.GetProperty("text").GetString()!, Ids: root.GetProperty("ids").EnumerateArray().Select(id => id.GetInt32()).ToArray()))
            .ToList();
        using var encoder = Open(new TextEmbeddingOptions { BatchSize = 3 });

        var embeddings = await encoder.Passages.GenerateAsync(references.Select(r => r.Text), cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(encoder.IsAvailable, encoder.UnavailableReason);
        Assert.Equal(TinySentenceModel.Dimensions, encoder.Dimensions);
        Assert.True(references.Select(r => r.Ids.Length).Distinct().Count() > 2, "texts of several lengths, so batches are padded");
        for (var i = 0; i < references.Count; i++)
        {
            AssertClose(_model.Expected(references[i].Ids), embeddings[i].Vector.Span);
        }
    }

    [Fact]
    public async Task A_query_is_embedded_after_the_instruction()
    {
        // "Hello world" and "So have I!" as published: [CLS] hello world [SEP] and [CLS] so have i ! [SEP].
        using var encoder = Open(new TextEmbeddingOptions { QueryInstruction = "Hello world " });

        var query = await encoder.Queries.GenerateVectorAsync("So have I!", cancellationToken: TestContext.Current.CancellationToken);

        AssertClose(_model.Expected([101, 7592, 2088, 2061, 2031, 1045, 999, 102]), query.Span);
    }

    [Fact]
    public async Task Mean_pooling_averages_the_real_tokens_and_not_the_padding()
    {
        using var encoder = Open(new TextEmbeddingOptions { Pooling = TextPooling.Mean });

        var embeddings = await encoder.Passages.GenerateAsync(["So have I!", "The quick brown fox jumps over the lazy dog."], cancellationToken: TestContext.Current.CancellationToken);

        AssertClose(_model.Expected([101, 2061, 2031, 1045, 999, 102], meanPooling: true), embeddings[0].Vector.Span);
    }

    [Fact]
    public async Task A_text_longer_than_the_window_is_embedded_from_its_first_tokens()
    {
        using var encoder = Open(new TextEmbeddingOptions { MaxSequenceLength = 64 });

        var vector = await encoder.Passages.GenerateVectorAsync(string.Join(' ', Enumerable.Repeat("hello", 100)) + " world", cancellationToken: TestContext.Current.CancellationToken);

        AssertClose(_model.Expected([101, .. Enumerable.Repeat(7592, 62), 102]), vector.Span);
        Assert.Equal(62, encoder.PassageTokens);
    }

    [Fact]
    public async Task The_model_is_named_by_its_name_file_else_by_its_folder()
    {
        using (var unnamed = Open(new TextEmbeddingOptions()))
        {
            Assert.Equal(Path.GetFileName(_folder), unnamed.ModelId);
        }

        await File.WriteAllTextAsync(Path.Combine(_folder, BertModelFolder.NameFile), "Snowflake/snowflake-arctic-embed-xs\n", TestContext.Current.CancellationToken);
        using var named = Open(new TextEmbeddingOptions());

        Assert.Equal("Snowflake/snowflake-arctic-embed-xs", named.ModelId);
        Assert.Equal("Snowflake/snowflake-arctic-embed-xs", named.Passages.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId);
    }

    [Fact]
    public void A_missing_model_folder_leaves_the_text_space_off_and_says_how_to_install_it()
    {
        using var encoder = new OnnxTextEncoder(new BertModelFolder(Path.Combine(_folder, "absent")), new TextEmbeddingOptions(), NullLogger<OnnxTextEncoder>.Instance);

        Assert.False(encoder.IsAvailable);
        Assert.Contains("scripts/fetch-text-model.sh", encoder.UnavailableReason, StringComparison.Ordinal);
        Assert.Equal(0, encoder.Dimensions);
        Assert.Null(encoder.ModelId);
        Assert.Throws<InvalidOperationException>(() => encoder.Queries);
    }

    [Fact]
    public void An_empty_setting_switches_the_text_space_off()
    {
        using var encoder = new OnnxTextEncoder(null, new TextEmbeddingOptions(), NullLogger<OnnxTextEncoder>.Instance);

        Assert.False(encoder.IsAvailable);
        Assert.Equal("Switched off (Embeddings:Text:ModelDirectory is empty).", encoder.UnavailableReason);
    }

    [Fact]
    public async Task A_cross_encoder_in_the_folder_is_refused_with_what_the_model_should_output()
    {
        await OverlapCrossEncoder.WriteAsync(Path.Combine(_folder, "model.onnx"), RerankerFixtures.VocabularySize, [1], 0);
        using var encoder = Open(new TextEmbeddingOptions());

        Assert.False(encoder.IsAvailable);
        Assert.Contains("last_hidden_state should be float [batch, sequence, dimensions]", encoder.UnavailableReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_damaged_model_file_is_reported_and_not_used()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "model.onnx"), "not a model", TestContext.Current.CancellationToken);
        using var encoder = Open(new TextEmbeddingOptions());

        Assert.False(encoder.IsAvailable);
        Assert.Contains("cannot be loaded", encoder.UnavailableReason, StringComparison.Ordinal);
    }

    private OnnxTextEncoder Open(TextEmbeddingOptions options) =>
        new(new BertModelFolder(_folder), options, NullLogger<OnnxTextEncoder>.Instance);

    private static void AssertClose(float[] expected, ReadOnlySpan<float> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) < 1e-4, $"component {i}: expected {expected[i]}, got {actual[i]}");
        }
    }
}
