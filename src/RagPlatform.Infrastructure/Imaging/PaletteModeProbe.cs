using System.Buffers.Binary;

namespace RagPlatform.Infrastructure.Imaging;

/// <summary>Tells from a file's headers whether Pillow would open it as a palette ("P") or bilevel
/// ("1") image without transparency. Pillow then resizes with nearest neighbour whatever filter is
/// asked for (<c>Image.resize</c>: "if self.mode in ('1', 'P'): resample = NEAREST"), so the CLIP
/// reference does too, and parity needs the same choice. Skia decodes every format to RGBA and
/// does not say whether the file was indexed, hence this small header reader.</summary>
internal static class PaletteModeProbe
{
    public static bool IsPaletteWithoutTransparency(ReadOnlySpan<byte> file, string format) => format switch
    {
        "PNG" => ProbePng(file),
        "GIF" => ProbeGif(file),
        "BMP" => ProbeBmp(file),
        _ => false,
    };

    // Colour type 3 is "P"; colour type 0 at 1 bit is "1". A tRNS chunk before IDAT adds transparency.
    private static bool ProbePng(ReadOnlySpan<byte> file)
    {
        if (file.Length < 33)
        {
            return false;
        }

        var bitDepth = file[24];
        var colorType = file[25];
        if (colorType != 3 && !(colorType == 0 && bitDepth == 1))
        {
            return false;
        }

        var position = 8;
        while (position + 8 <= file.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(file[position..]);
            var type = file.Slice(position + 4, 4);
            if (type.SequenceEqual("tRNS"u8))
            {
                return false;
            }

            if (type.SequenceEqual("IDAT"u8) || length > int.MaxValue - 12)
            {
                break;
            }

            position += (int)length + 12;
        }

        return true;
    }

    // Pillow opens a GIF as "L" when its palettes are exactly the grey ramp 0, 1, 2 ... (nothing
    // needed), else as "P"; a Graphic Control Extension with the transparency flag before the first
    // image adds transparency.
    private static bool ProbeGif(ReadOnlySpan<byte> file)
    {
        if (file.Length < 13)
        {
            return false;
        }

        var globalNeeded = false;
        var position = 13;
        if ((file[10] & 0x80) != 0)
        {
            var size = 3 << ((file[10] & 7) + 1);
            if (position + size > file.Length)
            {
                return false;
            }

            globalNeeded = IsPaletteNeeded(file.Slice(position, size));
            position += size;
        }

        var transparent = false;
        while (position < file.Length)
        {
            switch (file[position])
            {
                case 0x21 when position + 2 < file.Length:
                    if (file[position + 1] == 0xF9 && position + 3 < file.Length)
                    {
                        transparent = (file[position + 3] & 1) != 0;
                    }

                    position += 2;
                    while (position < file.Length && file[position] != 0)
                    {
                        position += file[position] + 1;
                    }

                    position++;
                    break;
                case 0x2C when position + 10 < file.Length:
                    var flags = file[position + 9];
                    var needed = globalNeeded;
                    if ((flags & 0x80) != 0)
                    {
                        var size = 3 << ((flags & 7) + 1);
                        needed = position + 10 + size <= file.Length && IsPaletteNeeded(file.Slice(position + 10, size));
                    }

                    return needed && !transparent;
                default:
                    return false;
            }
        }

        return false;
    }

    private static bool IsPaletteNeeded(ReadOnlySpan<byte> palette)
    {
        for (var i = 0; i + 2 < palette.Length; i += 3)
        {
            var index = i / 3;
            if (palette[i] != index || palette[i + 1] != index || palette[i + 2] != index)
            {
                return true;
            }
        }

        return false;
    }

    // 1, 4 and 8 bits per pixel are palette images; Pillow makes them "L" only when the palette is
    // the grey ramp (and "1", still nearest, when a two-colour palette is black and white).
    private static bool ProbeBmp(ReadOnlySpan<byte> file)
    {
        if (file.Length < 30)
        {
            return false;
        }

        var headerSize = BinaryPrimitives.ReadInt32LittleEndian(file[14..]);
        var core = headerSize == 12;
        int bits = core ? BinaryPrimitives.ReadUInt16LittleEndian(file[24..]) : BinaryPrimitives.ReadUInt16LittleEndian(file[28..]);
        if (bits is not (1 or 4 or 8))
        {
            return false;
        }

        var colors = !core && file.Length >= 50 ? BinaryPrimitives.ReadInt32LittleEndian(file[46..]) : 0;
        colors = colors > 0 ? colors : 1 << bits;
        if (colors == 2)
        {
            return true;
        }

        var entrySize = core ? 3 : 4;
        var start = 14 + headerSize;
        if (colors > 256 || headerSize < 12 || start + (colors * entrySize) > file.Length)
        {
            return false;
        }

        for (var index = 0; index < colors; index++)
        {
            var entry = file.Slice(start + (index * entrySize), 3);
            if (entry[0] != index || entry[1] != index || entry[2] != index)
            {
                return true;
            }
        }

        return false;
    }
}
