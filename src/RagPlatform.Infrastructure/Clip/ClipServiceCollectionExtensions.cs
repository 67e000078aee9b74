using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Ingestion;
using RagPlatform.Core.Search;
using RagPlatform.Infrastructure.Imaging;
using RagPlatform.Infrastructure.Onnx;

namespace RagPlatform.Infrastructure.Clip;

public static class ClipServiceCollectionExtensions
{
    /// <summary>Registers the CLIP dual encoder (<see cref="IDenseEncoders"/>) and its token counter
    /// (<see cref="ITokenCounter"/>), singletons with options from the <c>Clip</c> section, and loads
    /// the model in the background at start.</summary>
    /// <param name="configuration">Unused when the host binds configuration itself; kept so that
    /// hosts without a configuration root can call it the same way.</param>
    public static IServiceCollection AddClipEncoders(this IServiceCollection services, IConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<ClipOptions>();
        if (configuration is not null)
        {
            options.Bind(configuration.GetSection(ClipOptions.SectionName));
        }
        else
        {
            options.BindConfiguration(ClipOptions.SectionName);
        }

        options.ValidateDataAnnotations().ValidateOnStart();

        services.TryAddSingleton<DecodedImages>();
        services.AddSingleton(provider =>
        {
            var settings = provider.GetRequiredService<IOptions<ClipOptions>>().Value;
            var folder = ClipModelFolder.Resolve(settings.ModelDirectory, ModelPathBases.For(provider));
            return new ClipDenseEncoders(folder, settings, provider.GetRequiredService<ILogger<ClipDenseEncoders>>(), provider.GetRequiredService<DecodedImages>());
        });
        services.AddSingleton<IDenseEncoders>(provider => provider.GetRequiredService<ClipDenseEncoders>());
        services.AddSingleton<ITokenCounter>(provider => provider.GetRequiredService<ClipDenseEncoders>().Tokenizer);
        services.AddModelWarmUp<IDenseEncoders>(encoders => encoders.IsAvailable);
        return services;
    }
}
