using System.Net;
using RagPlatform.Api.Tests.Support;
using RagPlatform.Core.Documents;

namespace RagPlatform.Api.Tests.Images;

/// <summary>A 100-megapixel PNG asked for in twelve sizes, as an attacker would: the sizes snap to a
/// few steps, nothing larger than the original is stored, and memory stays bounded.</summary>
public sealed class HugeImageServingTests(HugeImagePlatform platform) : IClassFixture<HugeImagePlatform>
{
    private static readonly int[] TwelveSizes = [100, 130, 200, 256, 300, 511, 700, 1000, 1500, 2047, 3000, 4096];

    [Fact]
    public async Task Twelve_sizes_of_a_100_megapixel_png_leave_only_the_size_steps_on_disk_none_larger_than_the_original()
    {
        ClearDerived();
        foreach (var size in TwelveSizes)
        {
            var (width, height) = await GetImageAsync(size);
            Assert.Equal(ImageSizeSteps.Up(size), Math.Max(width, height));
        }

        var stored = Directory.GetFiles(platform.DerivedFolder);
        Assert.Equal(TwelveSizes.Select(ImageSizeSteps.Up).Distinct().Count(), stored.Length);
        Assert.True(stored.Length <= ImageSizeSteps.All.Count);
        Assert.All(stored, path =>
        {
            var (width, height) = LargeImages.PngSize(File.ReadAllBytes(path));
            Assert.True(Math.Max(width, height) <= HugeImagePlatform.Side, $"{Path.GetFileName(path)} is {width} × {height}.");
        });
    }

    [Fact]
    public async Task Serving_twelve_sizes_of_a_100_megapixel_png_grows_resident_memory_by_less_than_a_gigabyte()
    {
        ClearDerived();
        var before = ProcessMemory.Settle();
        foreach (var size in TwelveSizes)
        {
            await GetImageAsync(size);
        }

        // Decoded whole, the image is 400 MB of RGBA per request; streamed, a render holds a few MB.
        // The bound is generous for other tests running beside this one in the process.
        var growth = ProcessMemory.Peak() - before;
        Assert.True(growth < 1L << 30, $"Resident memory grew by {growth / (1 << 20)} MiB.");
    }

    [Fact]
    public async Task Sizes_out_of_range_are_refused_before_any_render()
    {
        using var response = await platform.Client.Http.GetAsync($"/api/items/{platform.ImageItemId}/image?maxSide=5000");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private async Task<(int Width, int Height)> GetImageAsync(int maxSide)
    {
        using var response = await platform.Client.Http.GetAsync($"/api/items/{platform.ImageItemId}/image?maxSide={maxSide}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        return LargeImages.PngSize(await response.Content.ReadAsByteArrayAsync());
    }

    /// <summary>Removes what earlier tests of the class made (the cache finds them gone and renders again).</summary>
    private void ClearDerived()
    {
        if (Directory.Exists(platform.DerivedFolder))
        {
            Directory.Delete(platform.DerivedFolder, recursive: true);
        }
    }
}
