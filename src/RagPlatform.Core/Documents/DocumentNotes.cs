namespace RagPlatform.Core.Documents;

/// <summary>What a user should know about how a document was indexed, beyond its status: today,
/// that only the first frame of an animated GIF is.</summary>
public static class DocumentNotes
{
    // A GIF's second frame starts after the first one's data; a still GIF of this size is rare.
    private const int MaxBytesRead = 16 * 1024 * 1024;

    public static async Task<IReadOnlyList<string>> ReadAsync(Document document, IBlobStore blobs, CancellationToken cancellationToken)
    {
        if (document.MediaType != "image/gif")
        {
            return [];
        }

        await using var original = await blobs.OpenReadAsync(BlobKeys.Original(document.Id), cancellationToken);
        if (original is null)
        {
            return [];
        }

        var buffer = new byte[(int)Math.Min(document.SizeBytes, MaxBytesRead)];
        var read = await original.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        return GifAnimation.IsAnimated(buffer.AsSpan(0, read)) ? [GifAnimation.FirstFrameOnlyNote] : [];
    }
}
