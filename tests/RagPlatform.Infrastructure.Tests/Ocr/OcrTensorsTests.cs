using RagPlatform.Infrastructure.Ocr;

namespace RagPlatform.Infrastructure.Tests.Ocr;

/// <summary>Inputs in PaddleOCR's layout: planes in BGR order, the detector normalised with the
/// ImageNet constants in the order written, lines scaled to [−1, 1].</summary>
public sealed class OcrTensorsTests
{
    [Fact]
    public void The_detector_sees_blue_first_with_the_first_mean_and_deviation()
    {
        // One pure blue pixel, one white: RGBA.
        byte[] rgba = [0, 0, 255, 255, 255, 255, 255, 255];

        var tensor = OcrTensors.Detection(rgba, 2, 1);

        Assert.Equal((1 - 0.485f) / 0.229f, tensor[0], 4); // Plane 0, blue, of the blue pixel.
        Assert.Equal(-0.456f / 0.224f, tensor[2], 4); // Plane 1, green.
        Assert.Equal(-0.406f / 0.225f, tensor[4], 4); // Plane 2, red.
        Assert.Equal((1 - 0.406f) / 0.225f, tensor[5], 4); // Plane 2 of the white pixel.
    }

    [Fact]
    public void A_line_is_scaled_to_minus_one_to_one_and_padded_with_zeros()
    {
        // Two pixels, red and black, in a slot three wide.
        byte[] rgba = [255, 0, 0, 255, 0, 0, 0, 255];
        var slot = new float[3 * 1 * 3];

        OcrTensors.WriteLine(rgba, 2, 1, slot, 3);

        Assert.Equal([-1f, -1f, 0f, -1f, -1f, 0f, 1f, -1f, 0f], slot);
    }

    [Theory]
    [InlineData(400, 300, 1.0, 384, 288)]
    [InlineData(720, 420, 2.0, 1440, 832)]
    [InlineData(10, 3000, 0.5, 32, 1504)]
    public void The_detector_input_is_scaled_and_rounded_to_multiples_of_32(int width, int height, double scale, int expectedWidth, int expectedHeight)
    {
        Assert.Equal((expectedWidth, expectedHeight), TextDetector.InputSize(width, height, scale));
    }
}
