using System.Text;
using RagPlatform.Core.Ingestion;
using RagPlatform.Infrastructure.Imaging;
using RagPlatform.Infrastructure.Tests.Clip;

namespace RagPlatform.Infrastructure.Tests.Imaging;

/// <summary>Bad input gives a <see cref="DocumentRejectedException"/> whose message a user
/// understands, never another exception, a crash or a hang.</summary>
public sealed class DamagedImageTests
{
    private static readonly SkiaImageDecoder Decoder = new(100_000_000);

    [Theory]
    [InlineData("landscape.png", "PNG")]
    [InlineData("portrait.jpg", "JPEG")]
    [InlineData("picture.webp", "WebP")]
    [InlineData("photo.bmp", "BMP")]
    [InlineData("first-frame.gif", "GIF")]
    public void A_file_cut_in_half_is_rejected_as_truncated_or_damaged(string name, string format)
    {
        var bytes = File.ReadAllBytes(ClipFixtures.Image(name).ImagePath);

        var error = Assert.Throws<DocumentRejectedException>(() => Decoder.Decode(bytes.AsSpan(0, bytes.Length / 2)));

        Assert.StartsWith($"The {format} file is ", error.Message, StringComparison.Ordinal);
        Assert.Matches("truncated|damaged", error.Message);
    }

    [Fact]
    public void A_truncated_png_says_so()
    {
        var bytes = File.ReadAllBytes(ClipFixtures.Image("landscape.png").ImagePath);

        var error = Assert.Throws<DocumentRejectedException>(() => Decoder.Decode(bytes.AsSpan(0, bytes.Length - 200)));

        Assert.Equal("The PNG file is truncated: it ends before all of its pixels.", error.Message);
    }

    [Fact]
    public void A_truncated_cmyk_jpeg_from_the_wild_is_rejected()
    {
        // gdk-pixbuf's premature-end.jpg; Pillow too says "image file is truncated".
        var error = Assert.Throws<DocumentRejectedException>(() => Decoder.Decode(ImagingSamples.Read("premature-end.jpg")));

        Assert.Equal("The JPEG file is truncated: it ends before all of its pixels.", error.Message);
    }

    /// <summary>Damage after the last pixel (a cut IEND chunk, a missing IEND, a progressive JPEG
    /// that ends after its last scan pass reached every pixel) leaves a whole picture, which
    /// Pillow loads too.</summary>
    [Theory]
    [InlineData("invalid-trunc.png", 232, 232)]
    [InlineData("invalid-noend.png", 232, 232)]
    [InlineData("video-001.progressive.truncated.jpeg", 150, 103)]
    public void Files_damaged_after_their_pixels_decode_as_pillow_decodes_them(string name, int width, int height)
    {
        var image = Decoder.Decode(ImagingSamples.Read(name));

        Assert.Equal((width, height), (image.Width, image.Height));
    }

    [Theory]
    [InlineData("invalid-zlib.png")]
    [InlineData("invalid-crc32.png")]
    public void Damaged_pngs_from_the_go_test_suite_are_rejected(string name)
    {
        var error = Assert.Throws<DocumentRejectedException>(() => Decoder.Decode(ImagingSamples.Read(name)));

        Assert.StartsWith("The PNG file is ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bmp_declaring_a_billion_pixels_is_refused_at_its_header()
    {
        // gdk-pixbuf's CVE-2015-4491 sample: Skia's BMP reader refuses the header itself.
        var error = Assert.Throws<DocumentRejectedException>(() => Decoder.Decode(ImagingSamples.Read("cve-2015-4491.bmp")));

        Assert.Equal("The BMP file is damaged: its header cannot be read.", error.Message);
    }

    [Theory]
    [InlineData("issue205.jpg")]
    [InlineData("bug793470-crasher.png")]
    public void Files_declaring_billions_of_pixels_are_rejected_before_decoding(string name)
    {
        var error = Assert.Throws<DocumentRejectedException>(() => Decoder.Decode(ImagingSamples.Read(name)));

        Assert.Matches(@"^The image is \d+ × \d+ pixels \(\d+ megapixels\); the limit is 100 megapixels\.$", error.Message);
    }

    [Fact]
    public void The_pixel_limit_is_configurable_and_named_in_the_message()
    {
        var strict = new SkiaImageDecoder(maxPixels: 300_000);

        var error = Assert.Throws<DocumentRejectedException>(() => strict.Decode(File.ReadAllBytes(ClipFixtures.Image("landscape.png").ImagePath)));

        Assert.Equal("The image is 640 × 480 pixels (0.3 megapixels); the limit is 0.3 megapixels.", error.Message);
    }

    [Theory]
    [InlineData("just some text, not a picture")]
    [InlineData("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n")]
    [InlineData("BM but no bitmap")]
    public void Data_that_is_not_an_image_is_rejected_as_such(string content)
    {
        var error = Assert.Throws<DocumentRejectedException>(() => Decoder.Decode(Encoding.UTF8.GetBytes(content)));

        Assert.StartsWith("The file is not an image", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_file_is_rejected_as_empty()
    {
        var error = Assert.Throws<DocumentRejectedException>(() => Decoder.Decode([]));

        Assert.Equal("The file is empty.", error.Message);
    }

    [Fact]
    public void A_png_signature_with_garbage_after_it_is_damaged()
    {
        byte[] bytes = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4, 5, 6, 7, 8, 9];

        var error = Assert.Throws<DocumentRejectedException>(() => Decoder.Decode(bytes));

        Assert.Matches("^The PNG file is (damaged|truncated)", error.Message);
    }

    /// <summary>Flipped bytes anywhere in real files: every outcome is a decoded image or a
    /// rejection with a reason.</summary>
    [Theory]
    [InlineData("basn3p08.png")]
    [InlineData("ftbbn3p08.png")]
    [InlineData("video-005.gray.jpeg")]
    [InlineData("test-animation.gif")]
    [InlineData("sample.webp")]
    [InlineData("palette.bmp")]
    public void Flipped_bytes_give_an_image_or_a_reason_never_another_failure(string name)
    {
        var original = ImagingSamples.Read(name);
        var random = new Random(name.Length);
        var rejected = 0;
        for (var attempt = 0; attempt < 150; attempt++)
        {
            var damaged = (byte[])original.Clone();
            for (var flips = 0; flips < 1 + (attempt % 4); flips++)
            {
                damaged[random.Next(damaged.Length)] ^= (byte)(1 << random.Next(8));
            }

            try
            {
                var image = Decoder.Decode(damaged);
                Assert.True(image.Width > 0 && image.Height > 0);
            }
            catch (DocumentRejectedException exception)
            {
                Assert.StartsWith("The ", exception.Message, StringComparison.Ordinal);
                rejected++;
            }
        }

        Assert.True(rejected > 0, $"No damaged copy of {name} was rejected.");
    }
}
