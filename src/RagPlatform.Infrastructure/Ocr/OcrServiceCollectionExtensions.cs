using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Ingestion;
using RagPlatform.Infrastructure.Imaging;
using RagPlatform.Infrastructure.Ocr.Quantization;
using RagPlatform.Infrastructure.Onnx;
using RagPlatform.Storage.Files;

namespace RagPlatform.Infrastructure.Ocr;

public static class OcrServiceCollectionExtensions
{
    /// <summary>Registers the in-process OCR (<see cref="ITextRecognizer"/>, PP-OCRv4 on ONNX
    /// Runtime) as a singleton, with options from the <c>Ocr</c> section, and a start-up check that
    /// loads the models (or logs once why it cannot). Int8 networks are kept, once quantised, in
    /// <see cref="OcrOptions.Int8CacheDirectory"/>, by default <c>cache/ocr</c> under the <c>Storage</c>
    /// section's data folder (<see cref="OcrInt8ModelCache"/>).</summary>
    public static IServiceCollection AddOcr(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<OcrOptions>().BindConfiguration(OcrOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddStorageOptions();
        services.TryAddSingleton<DecodedImages>();
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<OcrOptions>>().Value;
            var folder = OcrModelFolder.Resolve(options.ModelDirectory, ModelPathBases.For(provider));
            var logger = provider.GetRequiredService<ILogger<PaddleOcrRecognizer>>();
            var cacheFolder = options.Int8CacheDirectory is { Length: > 0 } configured
                ? configured
                : Path.Combine(provider.GetRequiredService<IOptions<StorageOptions>>().Value.DataDirectory, "cache", "ocr");
            var cache = new OcrInt8ModelCache(cacheFolder, logger);
            return new PaddleOcrRecognizer(folder, options, logger, provider.GetRequiredService<DecodedImages>(), cache);
        });
        services.AddSingleton<ITextRecognizer>(provider => provider.GetRequiredService<PaddleOcrRecognizer>());
        services.AddModelWarmUp<ITextRecognizer>(ocr => ocr.IsAvailable);
        return services;
    }
}
