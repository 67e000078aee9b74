using System.CommandLine;
using RagPlatform.Benchmarks.Harness;
using RagPlatform.Benchmarks.Suites;

// dotnet run -c Release --project bench/RagPlatform.Benchmarks -- <suite> [options]
var modelsDirectory = new Option<string>("--models-dir")
{
    Description = "Cache folder for the generated ONNX graphs (generated on first use).",
    DefaultValueFactory = _ => BenchPaths.DefaultModelsDirectory,
};
var resultsDirectory = new Option<string>("--results-dir")
{
    Description = "Folder for the JSON results.",
    DefaultValueFactory = _ => BenchPaths.DefaultResultsDirectory,
};
var seed = new Option<ulong>("--seed") { Description = "Seed of the generated weights and data.", DefaultValueFactory = _ => 42 };
var tiny = new Option<bool>("--tiny") { Description = "Use the tiny CLIP graphs (fast self-check) instead of full-size ViT-B/32." };
var threads = new Option<int?>("--threads") { Description = "ONNX Runtime intra-op threads (default: one per physical core)." };

var root = new RootCommand("RagPlatform benchmarks: speed and memory, never behaviour (that is what the tests are for).");
foreach (var option in new Option[] { modelsDirectory, resultsDirectory, seed, tiny, threads })
{
    option.Recursive = true;
    root.Options.Add(option);
}

BenchSettings Settings(ParseResult parse) => new(
    parse.GetRequiredValue(modelsDirectory),
    parse.GetRequiredValue(resultsDirectory),
    parse.GetValue(seed),
    parse.GetValue(tiny),
    parse.GetValue(threads));

var models = new Command("models", "Generate (if needed) and verify the CLIP graphs with ONNX Runtime.");
models.SetAction((parse, cancellationToken) => ModelCheckSuite.RunAsync(Settings(parse), cancellationToken));
root.Subcommands.Add(models);

return await root.Parse(args).InvokeAsync();
