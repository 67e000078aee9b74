namespace RagPlatform.Core.Documents;

/// <summary>The only longest sides a derived image is made in. A requested size is snapped up to the
/// next step, so any number of distinct requests make at most <see cref="All"/>.Count copies of an
/// image, and none larger than the original (a step above it is the original's own size).</summary>
public static class ImageSizeSteps
{
    public static IReadOnlyList<int> All { get; } = [128, 256, 512, 1024, 2048, 4096];

    /// <summary>The smallest step at least <paramref name="side"/> long; the largest step for
    /// anything longer.</summary>
    public static int Up(int side)
    {
        foreach (var step in All)
        {
            if (step >= side)
            {
                return step;
            }
        }

        return All[^1];
    }
}
