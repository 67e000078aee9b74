using RagPlatform.Infrastructure.Extraction.Isolation;

namespace RagPlatform.Extractor;

internal static class Program
{
    public static Task<int> Main()
    {
        // Standard output carries the protocol frames and nothing else: whatever else writes to the
        // console goes to standard error, which the platform reads into its log.
        var frames = Console.OpenStandardOutput();
        Console.SetOut(Console.Error);
        return ExtractionServer.RunAsync(Console.OpenStandardInput(), frames, CancellationToken.None);
    }
}
