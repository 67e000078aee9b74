namespace RagPlatform.Api.Tests.Hostile;

/// <summary>Writes GIF89a files whose screen and frame sizes need not match the pixels: a 256-colour
/// global table, then frames of 8-bit LZW codes that never grow past 9 bits (a clear code every 253
/// pixels), which every decoder reads and any size can be declared around.</summary>
internal static class GifWriter
{
    /// <summary>Where the first frame's LZW minimum code size byte is: header 6, screen 7, table 768,
    /// image descriptor 10.</summary>
    public const int MinimumCodeSizeOffset = 6 + 7 + 768 + 10;

    private const int Clear = 256;
    private const int End = 257;

    public static byte[] Write(int screenWidth, int screenHeight, int frameWidth, int frameHeight, byte[] pixels, int frames = 1)
    {
        var bytes = new List<byte>();
        bytes.AddRange("GIF89a"u8.ToArray());
        bytes.AddRange([.. Short(screenWidth), .. Short(screenHeight), 0xF7, 0, 0]);
        for (var i = 0; i < 256; i++)
        {
            bytes.AddRange([(byte)i, (byte)(255 - i), (byte)(i * 7)]);
        }

        var data = Lzw(pixels);
        for (var frame = 0; frame < frames; frame++)
        {
            bytes.AddRange([0x2C, 0, 0, 0, 0, .. Short(frameWidth), .. Short(frameHeight), 0, 8]);
            for (var at = 0; at < data.Length; at += 255)
            {
                var block = data.AsSpan(at, Math.Min(255, data.Length - at));
                bytes.Add((byte)block.Length);
                bytes.AddRange(block);
            }

            bytes.Add(0);
        }

        bytes.Add(0x3B);
        return [.. bytes];
    }

    private static byte[] Short(int value) => [(byte)value, (byte)(value >> 8)];

    /// <summary>9-bit codes, least significant bit first: clear, the pixels as literals (clear again
    /// before the table would need 10 bits), end.</summary>
    private static byte[] Lzw(byte[] pixels)
    {
        var output = new List<byte>();
        int buffer = 0, bits = 0;
        void Emit(int code)
        {
            buffer |= code << bits;
            bits += 9;
            while (bits >= 8)
            {
                output.Add((byte)buffer);
                buffer >>= 8;
                bits -= 8;
            }
        }

        for (var i = 0; i < pixels.Length; i++)
        {
            if (i % 253 == 0)
            {
                Emit(Clear);
            }

            Emit(pixels[i]);
        }

        Emit(End);
        if (bits > 0)
        {
            output.Add((byte)buffer);
        }

        return [.. output];
    }
}
