using Microsoft.Extensions.DependencyInjection;
using NetVips;
using RagPlatform.Core.Documents;
using RagPlatform.Infrastructure.Storage;

namespace RagPlatform.Infrastructure.Imaging;

public static class ImageRenderingServiceCollectionExtensions
{
    /// <summary>Registers the display image transformer (<see cref="IImageTransformer"/>): libvips,
    /// which shrinks on load and streams, when it is installed; Skia, which decodes whole images,
    /// otherwise (and for any file libvips cannot read). Also the inventory of stored derived images that seeds the cache budget.</summary>
    public static IServiceCollection AddItemImageRendering(this IServiceCollection services)
    {
        services.AddSingleton<IImageTransformer>(provider =>
        {
            var skia = new SkiaImageTransformer(provider.GetRequiredService<SkiaImageDecoder>());
            return VipsIsAvailable() ? new VipsImageTransformer(skia) : skia;
        });
        services.AddSingleton<IDerivedImageInventory, FileSystemDerivedImageInventory>();
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
