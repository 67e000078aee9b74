namespace RagPlatform.Infrastructure.Ocr.FlatImageLines;

/// <summary>A connected component of ink (8-connected): its bounding box in image pixels
/// ([Left, Right) × [Top, Bottom)) and its number of pixels.</summary>
internal readonly record struct InkBlob(int Left, int Top, int Right, int Bottom, int Pixels)
{
    public int Width => Right - Left;

    public int Height => Bottom - Top;

    /// <summary>Share of the bounding box that is ink.</summary>
    public double Fill => (double)Pixels / (Width * Height);

    public InkBlob Union(InkBlob other) => new(Math.Min(Left, other.Left), Math.Min(Top, other.Top), Math.Max(Right, other.Right), Math.Max(Bottom, other.Bottom),
        Pixels + other.Pixels);

    /// <summary>The connected components of an ink mask (one byte per pixel, non-zero for ink).</summary>
    public static List<InkBlob> Find(ReadOnlySpan<byte> ink, int width, int height)
    {
        var runs = Runs.OfMask(ink, width, height);
        var blobs = new Dictionary<int, InkBlob>();
        for (var i = 0; i < runs.Count; i++)
        {
            var run = new InkBlob(runs.Start[i], runs.Row[i], runs.End[i], runs.Row[i] + 1, runs.End[i] - runs.Start[i]);
            var root = runs.Root(i);
            blobs[root] = blobs.TryGetValue(root, out var blob) ? blob.Union(run) : run;
        }

        return [.. blobs.Values];
    }
}
