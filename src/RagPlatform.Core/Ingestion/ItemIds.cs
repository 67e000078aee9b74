using System.Security.Cryptography;

namespace RagPlatform.Core.Ingestion;

/// <summary>Item ids derived from document, page and position, so that a retried page produces the
/// same ids and every upsert replaces instead of duplicating.</summary>
internal static class ItemIds
{
    public static Guid For(Guid documentId, int page, int ordinal)
    {
        Span<byte> input = stackalloc byte[24];
        documentId.TryWriteBytes(input);
        BitConverter.TryWriteBytes(input[16..], page);
        BitConverter.TryWriteBytes(input[20..], ordinal);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input, hash);
        return new Guid(hash[..16]);
    }
}
