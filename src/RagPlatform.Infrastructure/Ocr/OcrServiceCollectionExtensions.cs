using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Ingestion;
using RagPlatform.Infrastructure.Imaging;
using RagPlatform.Infrastructure.Onnx;

namespace RagPlatform.Infrastructure.Ocr;

public static class OcrServiceCollectionExtensions
{
    /// <summary>Registers the in-process OCR (<see cref="ITextRecognizer"/>, PP-OCRv4 on ONNX
    /// Runtime) as a singleton, with options from the <c>Ocr</c> section, and a start-up check that
    /// loads the models (or logs once why it cannot).</summary>
    public static IServiceCollection AddOcr(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<OcrOptions>().BindConfiguration(OcrOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<DecodedImages>();
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<OcrOptions>>().Value;
            var folder = OcrModelFolder.Resolve(options.ModelDirectory, ModelPathBases.For(provider));
            return new PaddleOcrRecognizer(folder, options, provider.GetRequiredService<ILogger<PaddleOcrRecognizer>>(), provider.GetRequiredService<DecodedImages>());
        });
        services.AddSingleton<ITextRecognizer>(provider => provider.GetRequiredService<PaddleOcrRecognizer>());
        services.AddModelWarmUp<ITextRecognizer>(ocr => ocr.IsAvailable);
        return services;
    }
}
