using Spectre.Console;

namespace RagPlatform.Cli;

/// <summary>Entry point of `rag`. A named class rather than top-level statements, so that it does
/// not clash with the API host's Program in the tests that load both.</summary>
internal static class RagProgram
{
    public static Task<int> Main(string[] args)
    {
        var cli = new RagCli(server => new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromMinutes(10) }, AnsiConsole.Console);
        return cli.RunAsync(args);
    }
}
