using RagPlatform.Api.Tests.Support;
using RagPlatform.Cli;
using Spectre.Console;

namespace RagPlatform.Api.Tests.Eval;

/// <summary>Runs `rag` against an in-memory platform and keeps what the last command printed.</summary>
internal sealed class CliRunner(PlatformFactory factory)
{
    public string Output { get; private set; } = string.Empty;

    public async Task<int> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 220;
        var exit = await new RagCli(_ => factory.CreateClient(), console).RunAsync(args, TestContext.Current.CancellationToken);
        Output = output.ToString();
        return exit;
    }
}
