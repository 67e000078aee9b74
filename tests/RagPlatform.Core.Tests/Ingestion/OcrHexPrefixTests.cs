using RagPlatform.Core.Ingestion;

namespace RagPlatform.Core.Tests.Ingestion;

public sealed class OcrHexPrefixTests
{
    [Theory]
    [InlineData("Ox7FFF", "0x7FFF")]
    [InlineData("OX1F", "0x1F")]
    [InlineData("jump to Ox00401000 now", "jump to 0x00401000 now")]
    [InlineData("mask (Oxff) and OXdead,", "mask (0xff) and 0xdead,")]
    [InlineData("Ox7FFF-Ox8000", "0x7FFF-0x8000")]
    public void A_hex_prefix_read_as_the_letter_O_is_mended(string read, string expected) =>
        Assert.Equal(expected, OcrHexPrefix.Repair(read));

    [Theory]
    [InlineData("Oxford")]
    [InlineData("Oxide layers")]
    [InlineData("OXIDE")]
    [InlineData("Oxen")]
    [InlineData("OxA")]
    [InlineData("BOx12")]
    [InlineData("Ox12G")]
    [InlineData("Ox")]
    public void Words_that_only_start_like_a_hex_number_are_left_alone(string read) =>
        Assert.Equal(read, OcrHexPrefix.Repair(read));
}
