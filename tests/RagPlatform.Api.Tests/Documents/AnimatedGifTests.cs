using RagPlatform.Api.Tests.Support;
using RagPlatform.Core.Documents;

namespace RagPlatform.Api.Tests.Documents;

/// <summary>An animated GIF is indexed by its first frame, and its detail says so.</summary>
public sealed class AnimatedGifTests : IAsyncLifetime
{
    private readonly PlatformFactory factory = new(withModel: false);
    private PlatformClient client = null!;

    public ValueTask InitializeAsync()
    {
        client = new PlatformClient(factory.CreateClient());
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => factory.DisposeAsync();

    [Fact]
    public async Task The_detail_of_an_animated_gif_says_only_its_first_frame_is_indexed_and_a_still_one_says_nothing()
    {
        var animated = await client.UploadAsync(Gif(frames: 3), "spinner.gif");
        var still = await client.UploadAsync(Gif(frames: 1), "dot.gif");

        var animatedDetails = await client.WaitUntilFinishedAsync(animated.Document.Id);
        var stillDetails = await client.WaitUntilFinishedAsync(still.Document.Id);

        Assert.Equal([GifAnimation.FirstFrameOnlyNote], animatedDetails.Notes);
        Assert.Empty(stillDetails.Notes!);
    }

    /// <summary>A 1 × 1 GIF89a with a two-colour table, looping, of <paramref name="frames"/> frames.</summary>
    private static byte[] Gif(int frames)
    {
        var bytes = new List<byte>();
        bytes.AddRange("GIF89a"u8.ToArray());
        bytes.AddRange([1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 255, 255, 255]);
        bytes.AddRange([0x21, 0xFF, 11, .. "NETSCAPE2.0"u8.ToArray(), 3, 1, 0, 0, 0]);
        for (var i = 0; i < frames; i++)
        {
            bytes.AddRange([0x21, 0xF9, 4, 0, 10, 0, 0, 0]);
            bytes.AddRange([0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x4C, 0x01, 0]);
        }

        bytes.Add(0x3B);
        return [.. bytes];
    }
}
