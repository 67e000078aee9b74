using RagPlatform.Core.Documents;

namespace RagPlatform.Core.Tests.Documents;

public sealed class GifAnimationTests
{
    [Fact]
    public void A_gif_with_two_frames_is_animated_and_one_with_a_single_frame_is_not()
    {
        Assert.True(GifAnimation.IsAnimated(Gif(frames: 2)));
        Assert.False(GifAnimation.IsAnimated(Gif(frames: 1)));
    }

    [Fact]
    public void Something_that_is_no_gif_is_not_animated()
    {
        Assert.False(GifAnimation.IsAnimated("GIF89a"u8));
        Assert.False(GifAnimation.IsAnimated([0x89, (byte)'P', (byte)'N', (byte)'G']));
    }

    /// <summary>A 1 × 1 GIF89a with a two-colour global table, a NETSCAPE loop extension and
    /// <paramref name="frames"/> frames, each behind a graphic control extension.</summary>
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
