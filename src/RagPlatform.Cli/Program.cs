using RagPlatform.Cli;
using Spectre.Console;

var cli = new RagCli(server => new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromMinutes(10) }, AnsiConsole.Console);
return await cli.RunAsync(args);
