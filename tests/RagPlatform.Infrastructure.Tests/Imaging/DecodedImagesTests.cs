using System.Runtime.CompilerServices;
using RagPlatform.Core.Ingestion;
using RagPlatform.Infrastructure.Imaging;
using RagPlatform.Infrastructure.Tests.Clip;

namespace RagPlatform.Infrastructure.Tests.Imaging;

/// <summary>Pixels left by one reader of an image (OCR) for the next (CLIP): taken instead of a
/// second decode, once, by the same bytes only, within the taker's own size limit; kept across a
/// garbage collection while the file's bytes live, and no longer.</summary>
public sealed class DecodedImagesTests
{
    private static readonly SkiaImageDecoder Decoder = new(100_000_000);

    private static byte[] Landscape() => File.ReadAllBytes(ClipFixtures.Image("landscape.png").ImagePath);

    [Fact]
    public void Pixels_one_reader_shares_are_taken_by_the_next_without_a_second_decode()
    {
        var decoded = new DecodedImages();
        var bytes = Landscape();

        var first = decoded.Share(Decoder, bytes);
        var second = decoded.Decode(Decoder, bytes);

        Assert.Same(first, second);
        Assert.Equal(1, decoded.Decodes);
    }

    [Fact]
    public void Shared_pixels_are_given_out_once_and_a_later_read_decodes_again()
    {
        var decoded = new DecodedImages();
        var bytes = Landscape();
        decoded.Share(Decoder, bytes);
        decoded.Decode(Decoder, bytes);

        var third = decoded.Decode(Decoder, bytes);

        Assert.Equal(2, decoded.Decodes);
        Assert.Equal(Decoder.Decode(bytes).Pixels.Pixels, third.Pixels.Pixels);
    }

    [Fact]
    public void Equal_bytes_of_another_file_are_decoded_on_their_own()
    {
        var decoded = new DecodedImages();
        var bytes = Landscape();
        decoded.Share(Decoder, bytes);

        var copy = decoded.Decode(Decoder, bytes.ToArray());

        Assert.Equal(2, decoded.Decodes);
        Assert.Equal(decoded.Decode(Decoder, bytes).Pixels.Pixels, copy.Pixels.Pixels);
    }

    [Fact]
    public void Reading_without_sharing_leaves_nothing_for_the_next_reader()
    {
        var decoded = new DecodedImages();
        var bytes = Landscape();

        decoded.Decode(Decoder, bytes);
        decoded.Decode(Decoder, bytes);

        Assert.Equal(2, decoded.Decodes);
    }

    [Fact]
    public void Shared_pixels_over_the_takers_own_limit_are_refused_in_its_words()
    {
        var decoded = new DecodedImages();
        var bytes = Landscape();
        decoded.Share(Decoder, bytes);

        var error = Assert.Throws<DocumentRejectedException>(() => decoded.Decode(new SkiaImageDecoder(maxPixels: 100), bytes));

        Assert.Contains("the limit is", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Shared_pixels_survive_a_full_collection_between_the_two_readers()
    {
        var decoded = new DecodedImages();
        var bytes = Landscape();
        decoded.Share(Decoder, bytes);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        decoded.Decode(Decoder, bytes);

        Assert.Equal(1, decoded.Decodes);
    }

    [Fact]
    public void Shared_pixels_are_let_go_with_the_files_bytes()
    {
        var decoded = new DecodedImages();
        var pixels = ShareAndDropTheBytes(decoded);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.False(pixels.TryGetTarget(out _));
    }

    /// <summary>Not inlined, so that nothing on the test's stack still holds the bytes or the pixels.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference<DecodedImage> ShareAndDropTheBytes(DecodedImages decoded) => new(decoded.Share(Decoder, Landscape()));
}
