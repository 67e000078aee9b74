using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RagPlatform.Infrastructure.Clip;

namespace RagPlatform.Infrastructure.Tests.Clip;

/// <summary><c>Clip:Precision</c> chooses which pair of tower files loads; a missing int8 pair is
/// reported with the setting and the fetch command; a bad value fails at start.</summary>
public sealed class ClipPrecisionTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "clip-precision-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Int8_loads_the_quantized_tower_files_and_needs_no_float_ones()
    {
        CopyFixtureModel();
        MoveTower("text_model.onnx", "text_model_quantized.onnx");
        MoveTower("vision_model.onnx", "vision_model_quantized.onnx");
        var logger = new RecordingLogger<ClipDenseEncoders>();
        using var encoders = Create(ClipPrecision.Int8, logger);

        Assert.True(encoders.IsAvailable, encoders.UnavailableReason);
        Assert.Equal(ClipPrecision.Int8, encoders.Model!.Precision);
        Assert.Equal(("text_model_quantized.onnx", "vision_model_quantized.onnx"), (encoders.Model.Text.FileName, encoders.Model.Vision.FileName));
        Assert.EndsWith("-int8", encoders.Model.ModelId, StringComparison.Ordinal);
        Assert.Contains(logger.Entries, entry => entry.Message.Contains("Int8 towers text_model_quantized.onnx", StringComparison.Ordinal));
    }

    [Fact]
    public void Fp32_loads_the_float_tower_files_even_when_quantized_ones_are_present()
    {
        CopyFixtureModel();
        File.Copy(Path.Combine(_folder, "text_model.onnx"), Path.Combine(_folder, "text_model_quantized.onnx"));
        File.WriteAllText(Path.Combine(_folder, "vision_model_quantized.onnx"), "not a model");
        using var encoders = Create(ClipPrecision.Fp32);

        Assert.True(encoders.IsAvailable, encoders.UnavailableReason);
        Assert.Equal(("text_model.onnx", "vision_model.onnx"), (encoders.Model!.Text.FileName, encoders.Model.Vision.FileName));
        Assert.Equal("clip:" + Path.GetFileName(_folder), encoders.Model.ModelId);
    }

    [Fact]
    public void Int8_without_the_quantized_files_names_them_the_setting_and_the_fetch_command()
    {
        CopyFixtureModel();
        using var encoders = Create(ClipPrecision.Int8);

        Assert.False(encoders.IsAvailable);
        Assert.Contains("lacks text_model_quantized.onnx, vision_model_quantized.onnx", encoders.UnavailableReason, StringComparison.Ordinal);
        Assert.Contains("Clip:Precision is Int8", encoders.UnavailableReason, StringComparison.Ordinal);
        Assert.Contains("scripts/fetch-models.sh --int8", encoders.UnavailableReason, StringComparison.Ordinal);
        Assert.Contains("Clip:Precision to Fp32", encoders.UnavailableReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Fp32_with_only_the_quantized_files_points_at_the_int8_setting()
    {
        CopyFixtureModel();
        MoveTower("text_model.onnx", "text_model_quantized.onnx");
        MoveTower("vision_model.onnx", "vision_model_quantized.onnx");
        using var encoders = Create(ClipPrecision.Fp32);

        Assert.False(encoders.IsAvailable);
        Assert.Contains("lacks text_model.onnx, vision_model.onnx", encoders.UnavailableReason, StringComparison.Ordinal);
        Assert.Contains("set Clip:Precision to Int8", encoders.UnavailableReason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, ClipPrecision.Fp32)]
    [InlineData("Int8", ClipPrecision.Int8)]
    [InlineData("int8", ClipPrecision.Int8)]
    [InlineData("Fp32", ClipPrecision.Fp32)]
    public void The_setting_binds_from_the_clip_section(string? value, ClipPrecision expected)
    {
        using var provider = Build(value);

        Assert.Equal(expected, provider.GetRequiredService<IOptions<ClipOptions>>().Value.Precision);
    }

    [Theory]
    [InlineData("Int4")]
    [InlineData("fp16")]
    [InlineData("7")]
    public void An_unknown_precision_fails_with_the_key_name(string value)
    {
        using var provider = Build(value);

        var error = Assert.ThrowsAny<Exception>(() => provider.GetRequiredService<IOptions<ClipOptions>>().Value);
        Assert.True(error is OptionsValidationException or InvalidOperationException, error.ToString());
        Assert.Contains("Precision", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static ServiceProvider Build(string? precision)
    {
        var settings = new Dictionary<string, string?> { ["Clip:ModelDirectory"] = ClipFixtures.ModelDirectory };
        if (precision is not null)
        {
            settings["Clip:Precision"] = precision;
        }

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddClipEncoders(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services.BuildServiceProvider();
    }

    private ClipDenseEncoders Create(ClipPrecision precision, RecordingLogger<ClipDenseEncoders>? logger = null) =>
        new(new ClipModelFolder(_folder), new ClipOptions { ModelDirectory = _folder, IntraOpThreads = 1, Precision = precision },
            logger ?? new RecordingLogger<ClipDenseEncoders>());

    private void MoveTower(string from, string to) => File.Move(Path.Combine(_folder, from), Path.Combine(_folder, to));

    private void CopyFixtureModel()
    {
        Directory.CreateDirectory(_folder);
        foreach (var file in Directory.GetFiles(ClipFixtures.ModelDirectory))
        {
            File.Copy(file, Path.Combine(_folder, Path.GetFileName(file)));
        }
    }
}
