using System.ComponentModel.DataAnnotations;

namespace RagPlatform.Core.Documents;

/// <summary>Bounds on the work and disk that serving item images may take (appsettings section
/// <c>Images</c>): every derived image is one of <see cref="ImageSizeSteps"/>, made by at most
/// <see cref="MaxConcurrentRenders"/> renders at once, and kept within <see cref="CacheMegabytes"/>.</summary>
public sealed class ImagesOptions
{
    public const string Section = "Images";

    /// <summary>Renders (decode, scale, encode) running at once in this process; further requests
    /// wait their turn (and stop waiting when their client leaves).</summary>
    [Range(1, 64)]
    public int MaxConcurrentRenders { get; set; } = 2;

    /// <summary>Disk kept for derived images (scaled copies and crops) of all documents together, in
    /// MiB; beyond it the least recently used are deleted. 0 keeps none (every request renders).</summary>
    [Range(0.0, 1_048_576.0)]
    public double CacheMegabytes { get; set; } = 512;

    /// <summary>The budget in bytes.</summary>
    public long CacheBytes => (long)Math.Round(CacheMegabytes * 1024 * 1024);
}
