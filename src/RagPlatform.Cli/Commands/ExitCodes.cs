namespace RagPlatform.Cli.Commands;

/// <summary>Process exit codes of `rag`, so scripts can tell failure kinds apart.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The server refused something, or a document failed to ingest.</summary>
    public const int Failure = 1;

    /// <summary>Bad arguments (nothing to do, unreadable file).</summary>
    public const int UsageError = 2;

    /// <summary>The server could not be reached.</summary>
    public const int Unreachable = 3;

    /// <summary>Cancelled by Ctrl+C (128 + SIGINT, as shells report it).</summary>
    public const int Cancelled = 130;
}
