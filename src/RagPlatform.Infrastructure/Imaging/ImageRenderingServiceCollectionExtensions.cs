using Microsoft.Extensions.DependencyInjection;
using NetVips;
using RagPlatform.Core.Documents;
using RagPlatform.Infrastructure.Storage;

namespace RagPlatform.Infrastructure.Imaging;

public static class ImageRenderingServiceCollectionExtensions
{
    /// <summary>Registers the display image transformer (<see cref="IImageTransformer"/>): libvips,
    /// which shrinks on load and streams, when it is installed; Skia, which decodes whole images,
    /// otherwise. Also the inventory of stored derived images that seeds the cache budget.</summary>
    public static IServiceCollection AddItemImageRendering(this IServiceCollection services)
    {
        services.AddSingleton<IImageTransformer>(provider => VipsIsAvailable()
            ? new VipsImageTransformer()
            : new SkiaImageTransformer(provider.GetRequiredService<SkiaImageDecoder>()));
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
