using Microsoft.Extensions.Logging;
using RagPlatform.Infrastructure.Clip;

namespace RagPlatform.Infrastructure.Tests.Clip;

/// <summary>Without a usable model the platform runs lexical-only: the encoders say so, say why and
/// how to fix it, log it once, and refuse to produce vectors.</summary>
public sealed class ClipModelAvailabilityTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "clip-model-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void A_missing_model_folder_is_unavailable_with_the_path_and_the_fetch_script()
    {
        var logger = new RecordingLogger<ClipDenseEncoders>();
        using var encoders = ClipEncoderParityTests.CreateEncoders(_folder, logger: logger);

        Assert.False(encoders.IsAvailable);
        Assert.Contains(_folder, encoders.UnavailableReason, StringComparison.Ordinal);
        Assert.Contains("does not exist", encoders.UnavailableReason, StringComparison.Ordinal);
        Assert.Contains("scripts/fetch-models.sh", encoders.UnavailableReason, StringComparison.Ordinal);
        Assert.Equal(0, encoders.Dimensions);
        Assert.Throws<InvalidOperationException>(() => encoders.Text);
        Assert.Throws<InvalidOperationException>(() => encoders.Images);
        Assert.Single(logger.Entries, entry => entry.Level == LogLevel.Warning);
    }

    [Fact]
    public void A_folder_without_the_towers_names_the_missing_files()
    {
        CopyFixtureModel();
        File.Delete(Path.Combine(_folder, "vision_model.onnx"));
        File.Delete(Path.Combine(_folder, "text_model.onnx"));
        using var encoders = ClipEncoderParityTests.CreateEncoders(_folder);

        Assert.False(encoders.IsAvailable);
        Assert.Contains("lacks text_model.onnx, vision_model.onnx", encoders.UnavailableReason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("vision_model.onnx")]
    [InlineData("text_model.onnx")]
    public void A_corrupt_onnx_file_is_unavailable_with_its_name_not_a_crash(string file)
    {
        CopyFixtureModel();
        var path = Path.Combine(_folder, file);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 3)]);
        using var encoders = ClipEncoderParityTests.CreateEncoders(_folder);

        Assert.False(encoders.IsAvailable);
        Assert.Contains(file, encoders.UnavailableReason, StringComparison.Ordinal);
        Assert.Contains("scripts/fetch-models.sh", encoders.UnavailableReason, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => encoders.Text);
    }

    [Fact]
    public void A_corrupt_vocabulary_is_unavailable_and_token_counting_falls_back_to_the_embedded_one()
    {
        CopyFixtureModel();
        File.WriteAllText(Path.Combine(_folder, "vocab.json"), "{ not json");
        using var encoders = ClipEncoderParityTests.CreateEncoders(_folder);

        Assert.False(encoders.IsAvailable);
        Assert.Contains("vocab.json", encoders.UnavailableReason, StringComparison.Ordinal);
        Assert.Equal(5, encoders.Tokenizer.CountTokens("a photo of a cat"));
    }

    [Fact]
    public void A_preprocessor_configuration_with_another_filter_is_unavailable_and_names_the_key()
    {
        CopyFixtureModel();
        File.WriteAllText(Path.Combine(_folder, "preprocessor_config.json"), """{"resample": 2, "size": 224, "crop_size": 224}""");
        using var encoders = ClipEncoderParityTests.CreateEncoders(_folder);

        Assert.False(encoders.IsAvailable);
        Assert.Contains("resample", encoders.UnavailableReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Towers_in_an_onnx_subfolder_are_found()
    {
        CopyFixtureModel();
        Directory.CreateDirectory(Path.Combine(_folder, "onnx"));
        File.Move(Path.Combine(_folder, "text_model.onnx"), Path.Combine(_folder, "onnx", "text_model.onnx"));
        File.Move(Path.Combine(_folder, "vision_model.onnx"), Path.Combine(_folder, "onnx", "vision_model.onnx"));
        using var encoders = ClipEncoderParityTests.CreateEncoders(_folder);

        Assert.True(encoders.IsAvailable, encoders.UnavailableReason);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private void CopyFixtureModel()
    {
        Directory.CreateDirectory(_folder);
        foreach (var file in Directory.GetFiles(ClipFixtures.ModelDirectory))
        {
            File.Copy(file, Path.Combine(_folder, Path.GetFileName(file)));
        }
    }
}
