using System.Text;

namespace RagPlatform.Api.Tests.Hostile;

/// <summary>The generic damage every format gets: cuts, flipped bytes, spliced text.</summary>
internal static class Damage
{
    /// <summary>The first <paramref name="length"/> bytes.</summary>
    public static byte[] Truncate(byte[] bytes, int length) => bytes[..Math.Clamp(length, 1, bytes.Length)];

    /// <summary>Offsets to cut at: a few fixed ones (inside the header, half, a byte short) and
    /// <paramref name="random"/> ones spread over the file, all distinct.</summary>
    public static IEnumerable<int> CutOffsets(Random random, int length, int count)
    {
        var offsets = new SortedSet<int> { 1, 8, 64, length / 2, length - 1 };
        while (offsets.Count < count)
        {
            offsets.Add(random.Next(1, length));
        }

        return offsets.Where(o => o is > 0 && o < length);
    }

    /// <summary>A copy with <paramref name="count"/> random bytes XORed with random non-zero values,
    /// the first <paramref name="keep"/> bytes (the magic number) left alone.</summary>
    public static byte[] Flip(Random random, byte[] bytes, int count, int keep = 16)
    {
        var copy = (byte[])bytes.Clone();
        for (var i = 0; i < count; i++)
        {
            copy[random.Next(Math.Min(keep, copy.Length - 1), copy.Length)] ^= (byte)random.Next(1, 256);
        }

        return copy;
    }

    /// <summary>A copy with every occurrence of <paramref name="find"/> (Latin-1) replaced.</summary>
    public static byte[] Replace(byte[] bytes, string find, string replacement) =>
        Encoding.Latin1.GetBytes(Encoding.Latin1.GetString(bytes).Replace(find, replacement, StringComparison.Ordinal));

    /// <summary>A copy with the bytes from <paramref name="start"/> (length <paramref name="length"/>)
    /// overwritten by <paramref name="fill"/>, so that no offset after them moves.</summary>
    public static byte[] Overwrite(byte[] bytes, int start, int length, Func<int, byte> fill)
    {
        var copy = (byte[])bytes.Clone();
        for (var i = start; i < Math.Min(copy.Length, start + length); i++)
        {
            copy[i] = fill(i - start);
        }

        return copy;
    }

    public static int IndexOf(byte[] bytes, string text, int from = 0) =>
        Encoding.Latin1.GetString(bytes).IndexOf(text, from, StringComparison.Ordinal);

    public static int LastIndexOf(byte[] bytes, string text) =>
        Encoding.Latin1.GetString(bytes).LastIndexOf(text, StringComparison.Ordinal);
}
