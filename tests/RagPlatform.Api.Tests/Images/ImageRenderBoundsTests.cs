using System.Net;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Api.Tests.Support;
using RagPlatform.Core.Documents;

namespace RagPlatform.Api.Tests.Images;

/// <summary>The concurrency limit and the disk budget of derived images, through the real host.</summary>
public sealed class ImageRenderBoundsTests
{
    [Fact]
    public async Task Renders_beyond_Images_MaxConcurrentRenders_wait_their_turn()
    {
        await using var platform = new PlatformFactory(withModel: false, settings: new Dictionary<string, string> { ["Images:MaxConcurrentRenders"] = "2" });
        HeldImageTransformer? held = null;
        await using var factory = platform.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            var real = services.Last(d => d.ServiceType == typeof(IImageTransformer));
            services.Remove(real);
            services.AddSingleton<IImageTransformer>(provider =>
                held = new HeldImageTransformer((IImageTransformer)real.ImplementationFactory!(provider)));
        }));
        var client = new PlatformClient(factory.CreateClient());
        var details = await client.IngestAsync(LargeImages.FlatPng(4096), "square.png");
        var item = details.Items.First(i => i.Modality == Modality.Image).Id;
        var gate = factory.Services.GetRequiredService<ImageRenderGate>();

        // Six sizes, six different renders: two may run, four wait at the gate.
        var requests = ImageSizeSteps.All.Select(side => client.Http.GetAsync($"/api/items/{item}/image?maxSide={side}")).ToList();
        // A render holds its gate slot a moment before it reaches the transformer (it reads the
        // original first), so wait for both: two inside the transformer, four at the gate.
        await WaitUntilAsync(() => held?.Inside == 2 && gate.Running == 2 && gate.Waiting == ImageSizeSteps.All.Count - 2);

        held!.Release();
        var responses = await Task.WhenAll(requests);
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(2, gate.PeakRunning);
        Assert.Equal(2, held.PeakInside);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Derived_images_beyond_Images_CacheMegabytes_are_deleted_least_recently_used_first()
    {
        const double budgetMegabytes = 1;
        await using var platform = new PlatformFactory(withModel: false, settings: new Dictionary<string, string> { ["Images:CacheMegabytes"] = "1" });
        var client = new PlatformClient(platform.CreateClient());
        var details = await client.IngestAsync(LargeImages.NoisePng(2048), "noise.png");
        var item = details.Items.First(i => i.Modality == Modality.Image).Id;
        var derived = Path.Combine(platform.DataDirectory, "blobs", "documents", details.Document.Id.ToString("N"), "derived");

        // Noise barely compresses: 128 px is about 16 KB, 512 px about 256 KB, 1024 px about 1 MB.
        foreach (var side in new[] { 128, 256, 512, 1024, 2048, 256 })
        {
            using var response = await client.Http.GetAsync($"/api/items/{item}/image?maxSide={side}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var stored = Directory.GetFiles(derived).Sum(f => new FileInfo(f).Length);
            Assert.True(stored <= budgetMegabytes * 1024 * 1024, $"{stored} bytes of derived images after {side} px.");
        }

        // The 256 px copy was used last and is small: it is kept; the large ones did not fit.
        var names = Directory.GetFiles(derived).Select(Path.GetFileName).ToList();
        Assert.Contains(names, n => n!.EndsWith("-scaled-256.png", StringComparison.Ordinal));
        Assert.DoesNotContain(names, n => n!.EndsWith("-scaled-2048.png", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sizes_above_a_small_original_are_served_at_its_own_size_from_one_stored_copy()
    {
        await using var platform = new PlatformFactory(withModel: false);
        var client = new PlatformClient(platform.CreateClient());
        var details = await client.IngestAsync(SampleImages.BarChartPng(), "chart.png");
        var item = details.Items.First(i => i.Modality == Modality.Image).Id;
        foreach (var side in new[] { 512, 1000, 2048, 4096 })
        {
            using var response = await client.Http.GetAsync($"/api/items/{item}/image?maxSide={side}");
            Assert.Equal((400, 300), LargeImages.PngSize(await response.Content.ReadAsByteArrayAsync()));
        }

        var derived = Path.Combine(platform.DataDirectory, "blobs", "documents", details.Document.Id.ToString("N"), "derived");
        Assert.Single(Directory.GetFiles(derived));
    }

    /// <summary>Polls a condition that the requests reach on their own (bounded at 60 s for a loaded
    /// machine; a failure says which state was never reached).</summary>
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The renders never reached the expected state.");
            await Task.Delay(20);
        }
    }
}
