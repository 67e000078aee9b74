using Microsoft.Extensions.DependencyInjection;
using NetVips;
using RagPlatform.Core.Documents;

namespace RagPlatform.Infrastructure.Imaging;

public static class ImageRenderingServiceCollectionExtensions
{
    /// <summary>Registers the display image transformer (<see cref="IImageTransformer"/>): libvips,
    /// which shrinks on load and streams, when it is installed; Skia, which decodes whole images,
    /// otherwise (and for any file libvips cannot read).</summary>
    public static IServiceCollection AddItemImageRendering(this IServiceCollection services)
    {
        services.AddSingleton<IImageTransformer>(provider =>
        {
            var skia = new SkiaImageTransformer(provider.GetRequiredService<SkiaImageDecoder>());
            return VipsIsAvailable() ? new VipsImageTransformer(skia) : skia;
        });
        return services;
    }

    private static bool VipsIsAvailable()
    {
        try
        {
            return ModuleInitializer.VipsInitialized;
        }
        catch (Exception ex) when (ex is TypeInitializationException or DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }
}
