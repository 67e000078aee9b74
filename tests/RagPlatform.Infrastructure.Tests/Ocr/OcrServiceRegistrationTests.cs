using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Ingestion;
using RagPlatform.Infrastructure.Ocr;

namespace RagPlatform.Infrastructure.Tests.Ocr;

public sealed class OcrServiceRegistrationTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "ocr-data-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task The_extension_registers_one_recogniser_from_the_ocr_section_and_loads_it_at_start()
    {
        using var provider = Build(new()
        {
            ["Ocr:ModelDirectory"] = OcrModels.Directory,
            ["Ocr:MinConfidence"] = "0.7",
            ["Ocr:Precision"] = "Int8",
            ["Storage:DataDirectory"] = _data,
        });

        foreach (var service in provider.GetServices<IHostedService>())
        {
            await service.StartAsync(TestContext.Current.CancellationToken);
        }

        var recognizer = provider.GetRequiredService<ITextRecognizer>();
        Assert.True(recognizer.IsAvailable, recognizer.UnavailableReason);
        Assert.Same(recognizer, provider.GetRequiredService<ITextRecognizer>());
        Assert.Equal(0.7, provider.GetRequiredService<IOptions<OcrOptions>>().Value.MinConfidence);

        // The int8 detector and recogniser, kept for the next start under the data folder.
        Assert.Equal(2, Directory.GetFiles(Path.Combine(_data, "cache", "ocr"), "*.int8-*.onnx").Length);
    }

    [Fact]
    public void Without_models_the_recogniser_says_why()
    {
        using var provider = Build(new() { ["Ocr:ModelDirectory"] = Path.Combine(Path.GetTempPath(), "no-such-ocr-models") });

        var recognizer = provider.GetRequiredService<ITextRecognizer>();
        Assert.False(recognizer.IsAvailable);
        Assert.Contains("no-such-ocr-models", recognizer.UnavailableReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_apply_when_the_section_is_absent()
    {
        using var provider = Build([]);

        var options = provider.GetRequiredService<IOptions<OcrOptions>>().Value;
        Assert.Equal(("models/ocr", 1920, 0.5, false), (options.ModelDirectory, options.MaxSideLength, options.MinConfidence, options.UseAngleClassifier));
    }

    [Fact]
    public void A_bad_setting_fails_validation_with_the_key_name()
    {
        using var provider = Build(new() { ["Ocr:MaxSideLength"] = "10" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<OcrOptions>>().Value);
        Assert.Contains("MaxSideLength", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddOcr();
        return services.BuildServiceProvider();
    }
}
