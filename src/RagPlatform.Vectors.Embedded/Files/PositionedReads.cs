using Microsoft.Win32.SafeHandles;

namespace RagPlatform.Vectors.Embedded.Files;

/// <summary>Positioned reads of the vector files that fill the whole buffer: a read may return fewer
/// bytes than asked, so it is repeated until the buffer is full or the file ends.</summary>
internal static class PositionedReads
{
    /// <returns>False when the file ends before <paramref name="destination"/> is full.</returns>
    public static bool TryReadExactly(SafeFileHandle file, Span<byte> destination, long offset)
    {
        while (!destination.IsEmpty)
        {
            var read = RandomAccess.Read(file, destination, offset);
            if (read == 0)
            {
                return false;
            }

            destination = destination[read..];
            offset += read;
        }

        return true;
    }
}
