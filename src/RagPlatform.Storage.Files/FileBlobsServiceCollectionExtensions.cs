using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Core.Documents;

namespace RagPlatform.Storage.Files;

public static class FileBlobsServiceCollectionExtensions
{
    /// <summary>The blob folder under Storage:DataDirectory (a local disk, or a share every host and
    /// worker mounts): registers <see cref="IBlobStore"/>, <see cref="IStorageReserve"/> and
    /// <see cref="IDerivedImageInventory"/>, and a start-up step that puts the space reserve back.</summary>
    public static IServiceCollection AddFileBlobs(this IServiceCollection services)
    {
        services.AddStorageOptions();
        services.AddSingleton<IBlobStore, FileSystemBlobStore>();
        services.AddSingleton<IStorageReserve, FileStorageReserve>();
        services.AddSingleton<IDerivedImageInventory, FileSystemDerivedImageInventory>();
        services.AddHostedService<StorageReserveStartup>();
        return services;
    }

    /// <summary>The "Storage" section, bound and validated at start; every adapter that reads it
    /// calls this (binding twice is harmless).</summary>
    public static IServiceCollection AddStorageOptions(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        return services;
    }
}
