using System.CommandLine;
using RagPlatform.Benchmarks.Harness;
using RagPlatform.Benchmarks.Ingest;
using RagPlatform.Benchmarks.Server;
using RagPlatform.Benchmarks.Suites;

// dotnet run -c Release --project bench/RagPlatform.Benchmarks -- <suite> [options]
// Suites: models (generate + verify the CLIP graphs), onnx-raw, vectors, vectors-reopen, vectors-snapshot-writers, clip-pipeline, reranker, answering,
// isolation, image-load, search-load, server-ingest, server-search, ingest, ingest-ocr, ingest-parts, ocr-int8, ocr-det-nodes, ocr-rec-nodes.
var modelsDirectory = new Option<string>("--models-dir")
{
    Description = "Cache folder for the generated ONNX graphs and images (generated on first use).",
    DefaultValueFactory = _ => BenchPaths.DefaultModelsDirectory,
};
var resultsDirectory = new Option<string>("--results-dir")
{
    Description = "Folder for the JSON results.",
    DefaultValueFactory = _ => BenchPaths.DefaultResultsDirectory,
};
var seed = new Option<ulong>("--seed") { Description = "Seed of the generated weights and data.", DefaultValueFactory = _ => 42 };
var tiny = new Option<bool>("--tiny") { Description = "Tiny CLIP graphs (fast self-check) instead of full-size ViT-B/32." };
var threads = new Option<int?>("--threads") { Description = "ONNX Runtime intra-op threads (default: one per physical core)." };
var iterations = new Option<int?>("--iterations") { Description = "Timed calls per measurement (default depends on the measurement)." };
var warmup = new Option<int?>("--warmup") { Description = "Untimed warm-up calls per measurement." };
var batches = new Option<string[]>("--batches") { Description = "Batch sizes, e.g. 1,8.", AllowMultipleArgumentsPerToken = true };

var root = new RootCommand("RagPlatform benchmarks: speed and memory, never behaviour (the tests check behaviour).");
foreach (var option in new Option[] { modelsDirectory, resultsDirectory, seed, tiny, threads })
{
    option.Recursive = true;
    root.Options.Add(option);
}

BenchSettings Settings(ParseResult parse) => new(
    Path.GetFullPath(parse.GetRequiredValue(modelsDirectory)),
    Path.GetFullPath(parse.GetRequiredValue(resultsDirectory)),
    parse.GetValue(seed),
    parse.GetValue(tiny),
    parse.GetValue(threads));

IReadOnlyList<int> Batches(ParseResult parse) => ListArgument.Numbers(parse.GetValue(batches), [1, 8]);

var models = new Command("models", "Generate (if needed) and verify the CLIP graphs with ONNX Runtime.");
models.SetAction((parse, token) => ModelCheckSuite.RunAsync(Settings(parse), token));

var int8 = new Option<bool>("--int8") { Description = "Float against int8 (dynamically quantized) towers side by side: items/s and cosine agreement." };
var signedVision = new Option<bool>("--s8-vision") { Description = "With --int8: Int8 vision weights instead of the public export's UInt8." };
var asPublished = new Option<bool>("--as-published") { Description = "With --int8: load the int8 towers as published, without converting uint8 MatMul weights to int8 as Clip:Precision=Int8 does." };
var onnxRaw = new Command("onnx-raw", "Raw ONNX Runtime throughput of the vision and text towers.") { iterations, warmup, batches, int8, signedVision, asPublished };
onnxRaw.SetAction((parse, token) => OnnxRawSuite.RunAsync(Settings(parse), Batches(parse), parse.GetValue(iterations), parse.GetValue(warmup),
    parse.GetValue(int8), parse.GetValue(signedVision), parse.GetValue(asPublished), token));

var sizes = new Option<string[]>("--sizes") { Description = "Data-set sizes, e.g. 10k,100k,1M (default).", AllowMultipleArgumentsPerToken = true };
var targets = new Option<string[]>("--targets") { Description = "Engines to measure (default: all registered).", AllowMultipleArgumentsPerToken = true };
var k = new Option<int>("--k") { Description = "Results per query.", DefaultValueFactory = _ => 10 };
var queries = new Option<int?>("--queries") { Description = "Timed queries per size (default: 1000 / 200 / 50 by size)." };
var vectors = new Command("vectors", "Exact top-k search latency and memory at 10k, 100k and 1M 512-d vectors.") { sizes, targets, k, queries };
vectors.SetAction((parse, token) => VectorsSuite.RunAsync(Settings(parse),
    ListArgument.Numbers(parse.GetValue(sizes), [10_000, 100_000, 1_000_000]),
    ListArgument.Names(parse.GetValue(targets)), parse.GetValue(k), parse.GetValue(queries), token));

var scanMode = new Option<RagPlatform.Storage.Files.VectorScanMode>("--scan") { Description = "Quantized (default) or Exact.", DefaultValueFactory = _ => RagPlatform.Storage.Files.VectorScanMode.Quantized };
var vectorsReopen = new Command("vectors-reopen", "Reopen the embedded index a vectors run left in artifacts/bench-tmp, in a fresh process: reload time and resident memory.") { scanMode };
vectorsReopen.SetAction((parse, token) => VectorsReopenSuite.RunAsync(parse.GetValue(scanMode), token));

var snapshotDataDirectory = new Option<string>("--data-dir")
{
    Description = "Data folder of the index (built there on first use).",
    DefaultValueFactory = _ => Path.Combine(BenchPaths.RepositoryRoot, "artifacts", "bench-tmp", "snapshot-writers"),
};
var snapshotRows = new Option<int>("--rows") { Description = "Vectors (512-d) the folder is built with.", DefaultValueFactory = _ => 1_000_000 };
var snapshotRounds = new Option<int>("--rounds") { Description = "Reopen + snapshot rounds.", DefaultValueFactory = _ => 3 };
var vectorsSnapshotWriters = new Command("vectors-snapshot-writers", "How long one-row writes wait while the quantized index writes its snapshot.") { snapshotDataDirectory, snapshotRows, snapshotRounds };
vectorsSnapshotWriters.SetAction((parse, token) => VectorsSnapshotWritersSuite.RunAsync(
    parse.GetValue(snapshotDataDirectory)!, parse.GetValue(snapshotRows), parse.GetValue(snapshotRounds), token));

var images = new Option<string?>("--images") { Description = "Folder of real image files (default: a generated synthetic set)." };
var rawSpinning = new Option<bool>("--raw-spinning")
{
    Description = "Raw side: ONNX Runtime's threads spin while they wait (its default; true) or sleep as the platform's do (false).",
    DefaultValueFactory = _ => true,
};
var clipPipeline = new Command("clip-pipeline", "Decode + preprocess + inference vs raw inference on the same vision graph.")
{
    iterations, warmup, batches, images, rawSpinning,
};
clipPipeline.SetAction((parse, token) => ClipPipelineSuite.RunAsync(Settings(parse), Batches(parse), parse.GetValue(images), parse.GetValue(rawSpinning),
    parse.GetValue(iterations), parse.GetValue(warmup), token));

var topN = new Option<string[]>("--top-n") { Description = "Passages re-ranked per query, e.g. 10,20,50 (default).", AllowMultipleArgumentsPerToken = true };
var passageTokens = new Option<string[]>("--passage-tokens") { Description = "Tokens per passage, e.g. 64,128,256,480 (default).", AllowMultipleArgumentsPerToken = true };
var reranker = new Command("reranker", "Cross-encoder re-ranking time per query on a MiniLM-L6-sized graph.") { iterations, warmup, topN, passageTokens };
reranker.SetAction((parse, token) => RerankerSuite.RunAsync(Settings(parse),
    ListArgument.Numbers(parse.GetValue(topN), [10, 20, 50]), ListArgument.Numbers(parse.GetValue(passageTokens), [64, 128, 256, 480]),
    parse.GetValue(iterations), parse.GetValue(warmup), token));

var answerDocuments = new Option<int>("--documents") { Description = "Generated manuals to ingest.", DefaultValueFactory = _ => 10 };
var answerPages = new Option<int>("--pages") { Description = "Pages per manual.", DefaultValueFactory = _ => 20 };
var answerQuestions = new Option<int>("--questions") { Description = "Timed questions.", DefaultValueFactory = _ => 50 };
var answering = new Command("answering", "Time answering adds before the model (retrieval, context, images) against a scripted OpenAI-protocol server, and image bytes per answer.")
{
    answerDocuments, answerPages, answerQuestions,
};
answering.SetAction((parse, token) => AnsweringSuite.RunAsync(Settings(parse),
    parse.GetValue(answerDocuments), parse.GetValue(answerPages), parse.GetValue(answerQuestions), token));

var isolation = new Command("isolation", "Per-document cost of reading a document in an extractor process instead of in process.") { iterations, warmup };
isolation.SetAction((parse, token) => IsolationSuite.RunAsync(Settings(parse), parse.GetValue(iterations), parse.GetValue(warmup), token));

var apiDll = new Option<string>("--api")
{
    Description = "The built API host to load (default: this repository's Release build).",
    DefaultValueFactory = _ => Path.Combine(BenchPaths.RepositoryRoot, "src", "RagPlatform.Api", "bin", "Release", "net10.0", "RagPlatform.Api.dll"),
};
var hostEnvironment = new Option<string[]>("--env") { Description = "KEY=VALUE environment variables for the host, e.g. DOTNET_gcServer=0.", AllowMultipleArgumentsPerToken = true };
var imageLoad = new Command("image-load", "Hostile image GETs (a 100-megapixel PNG in 20 sizes) and ten hostile PDFs against an API host process: latency and resident memory.")
{
    apiDll, hostEnvironment,
};
imageLoad.SetAction((parse, token) => ImageLoadSuite.RunAsync(Settings(parse), Path.GetFullPath(parse.GetRequiredValue(apiDll)),
    (parse.GetValue(hostEnvironment) ?? []).Select(e => e.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : ""), token));

var searchers = new Option<int>("--searchers") { Description = "Concurrent searchers.", DefaultValueFactory = _ => 16 };
var searchesEach = new Option<int>("--searches") { Description = "Searches each searcher sends.", DefaultValueFactory = _ => 25 };
var ingestingDocuments = new Option<int>("--ingesting") { Description = "Documents (20 pages each) uploaded just before the searches start.", DefaultValueFactory = _ => 4 };
var libraryDocuments = new Option<int>("--library") { Description = "Documents (5 pages each) indexed before the load.", DefaultValueFactory = _ => 20 };
var searchLoad = new Command("search-load", "Concurrent text searches on loopback against an API host process while documents ingest: latency percentiles and errors.")
{
    apiDll, searchers, searchesEach, ingestingDocuments, libraryDocuments,
};
searchLoad.SetAction((parse, token) => SearchLoadSuite.RunAsync(Settings(parse), Path.GetFullPath(parse.GetRequiredValue(apiDll)),
    parse.GetValue(searchers), parse.GetValue(searchesEach), parse.GetValue(ingestingDocuments), parse.GetValue(libraryDocuments), token));

var quick = new Option<bool>("--quick") { Description = "Small sizes for a run of a few minutes (the defaults are the ones to quote)." };
var ingestDll = new Option<string>("--ingest")
{
    Description = "The built ingest worker to start (default: this repository's Release build).",
    DefaultValueFactory = _ => Path.Combine(BenchPaths.RepositoryRoot, "ingest", "RagPlatform.Ingest", "bin", "Release", "net10.0", "RagPlatform.Ingest.dll"),
};
var clipModel = new Option<string>("--clip")
{
    Description = "CLIP model folder the workers embed with (default: the tiny test model, tests/fixtures/clip/model).",
    DefaultValueFactory = _ => Path.Combine(BenchPaths.RepositoryRoot, "tests", "fixtures", "clip", "model"),
};
var ingestDocuments = new Option<int?>("--documents") { Description = "Text PDFs to ingest per configuration (default 40; --quick 12)." };
var ingestPages = new Option<int?>("--pages") { Description = "Pages per PDF (default 10; --quick 5)." };
var serverWorkers = new Option<string[]>("--workers") { Description = "Worker processes on PostgreSQL + Qdrant, e.g. 1,2,3 (default).", AllowMultipleArgumentsPerToken = true };
var embeddedWorkers = new Option<string[]>("--embedded-workers") { Description = "Worker processes on SQLite + embedded vectors, e.g. 1,2 (default).", AllowMultipleArgumentsPerToken = true };
var backends = new Option<string[]>("--backends") { Description = "embedded, postgres-qdrant (default: both).", AllowMultipleArgumentsPerToken = true };
var serverIngest = new Command("server-ingest", "Ingestion pages/s with 1, 2, 3 standalone worker processes on PostgreSQL + Qdrant (wire test server) and 1, 2 on SQLite + embedded vectors, uploads through an API host process.")
{
    apiDll, ingestDll, clipModel, ingestDocuments, ingestPages, serverWorkers, embeddedWorkers, backends, quick,
};
serverIngest.SetAction((parse, token) => ServerIngestSuite.RunAsync(Settings(parse), new ServerIngestSuite.Options(
    parse.GetValue(ingestDocuments) ?? (parse.GetValue(quick) ? 12 : 40),
    parse.GetValue(ingestPages) ?? (parse.GetValue(quick) ? 5 : 10),
    ListArgument.Numbers(parse.GetValue(serverWorkers), [1, 2, 3]),
    ListArgument.Numbers(parse.GetValue(embeddedWorkers), [1, 2]),
    ListArgument.Names(parse.GetValue(backends)),
    new IngestMeasurement.Paths(Path.GetFullPath(parse.GetRequiredValue(apiDll)), Path.GetFullPath(parse.GetRequiredValue(ingestDll)),
        Path.GetFullPath(parse.GetRequiredValue(clipModel)))), token));

var items = new Option<string?>("--items") { Description = "Chunks and vectors per engine, e.g. 100k (default; --quick 10k)." };
var lexicalTargets = new Option<string[]>("--lexical") { Description = "Lexical engines: sqlite, postgres (default: both; none to skip).", AllowMultipleArgumentsPerToken = true };
var vectorTargets = new Option<string[]>("--vector-targets")
{
    Description = "Vector engines: embedded, pgvector-pglite, qdrant-wire, and pgvector / qdrant when RAG_BENCH_PGVECTOR / RAG_BENCH_QDRANT_URL name servers (default: all; none to skip).",
    AllowMultipleArgumentsPerToken = true,
};
var pgliteItems = new Option<string?>("--pglite-items") { Description = "At most this many vectors on PGlite, whose HNSW inserts run in WebAssembly (default 10k; --quick 2k)." };
var lexicalLimit = new Option<int>("--lexical-limit") { Description = "Hits per lexical search (default 60: what a default API search asks for).", DefaultValueFactory = _ => 60 };
var serverSearch = new Command("server-search", "Search latency p50/p95 through the storage ports: PostgreSQL tsvector vs SQLite FTS5, and vector top-k on embedded, pgvector (PGlite) and Qdrant (wire test server).")
{
    items, pgliteItems, queries, warmup, k, lexicalLimit, lexicalTargets, vectorTargets, quick,
};
serverSearch.SetAction((parse, token) => ServerSearchSuite.RunAsync(Settings(parse), new ServerSearchSuite.Options(
    ListArgument.Numbers(parse.GetValue(items) is { } size ? [size] : null, [parse.GetValue(quick) ? 10_000 : 100_000])[0],
    ListArgument.Numbers(parse.GetValue(pgliteItems) is { } cap ? [cap] : null, [parse.GetValue(quick) ? 2_000 : 10_000])[0],
    parse.GetValue(warmup) ?? 10,
    parse.GetValue(queries) ?? (parse.GetValue(quick) ? 100 : 200),
    parse.GetValue(k),
    parse.GetValue(lexicalLimit),
    ListArgument.Names(parse.GetValue(lexicalTargets)),
    ListArgument.Names(parse.GetValue(vectorTargets))), token));

var ocrModels = new Option<string>("--ocr-models")
{
    Description = "PP-OCRv4 model folder (default: models/ocr; scripts/fetch-ocr-models.sh fills it).",
    DefaultValueFactory = _ => Path.Combine(BenchPaths.RepositoryRoot, "models", "ocr"),
};
var ocrCharts = new Option<int?>("--charts") { Description = "1x bar charts (default 12; --quick 4)." };
var ocrScreenshots = new Option<int?>("--screenshots") { Description = "1x application windows (default 12; --quick 4)." };
var ocrPages = new Option<int?>("--pages") { Description = "Letter pages rendered at 150 dpi (default 6; --quick 2)." };
var ocrParallel = new Option<string[]>("--parallel") { Description = "Platform readers = tesseract processes, e.g. 1,2 (default).", AllowMultipleArgumentsPerToken = true };
var ocrProfile = new Option<bool>("--profile") { Description = "Also time decode, detection and recognition per image (one reader)." };
var ocrOperatorProfile = new Option<bool>("--ort-profile") { Description = "Only profile the networks by operator with ONNX Runtime's profiler, and describe the recogniser's crops (no throughput)." };
var ocrVariants = new Option<string[]>("--variant") { Description = "Also measure the platform with these Ocr settings, e.g. \"page 1280:MaxSideLength=1280\" (repeatable; replaces the before, Latin and regions rows)." };
var ingestOcr = new Command("ingest-ocr", "OCR images/s and word recall: the platform's PP-OCRv4 against tesseract on 1x charts, 1x screenshots and 150-dpi pages.")
{
    ocrModels, ocrCharts, ocrScreenshots, ocrPages, ocrParallel, ocrProfile, ocrOperatorProfile, ocrVariants, quick,
};
ingestOcr.SetAction((parse, token) => OcrThroughputSuite.RunAsync(Settings(parse), new OcrThroughputSuite.Options(
    Path.GetFullPath(parse.GetRequiredValue(ocrModels)),
    parse.GetValue(ocrCharts) ?? (parse.GetValue(quick) ? 4 : 12),
    parse.GetValue(ocrScreenshots) ?? (parse.GetValue(quick) ? 4 : 12),
    parse.GetValue(ocrPages) ?? (parse.GetValue(quick) ? 2 : 6),
    ListArgument.Numbers(parse.GetValue(ocrParallel), [1, 2]),
    parse.GetValue(ocrProfile),
    parse.GetValue(ocrOperatorProfile),
    [.. (parse.GetValue(ocrVariants) ?? []).Select(OcrVariant.Parse)]), token));
var corpora = new Option<string[]>("--corpora") { Description = "generated, real, scanned (default: all).", AllowMultipleArgumentsPerToken = true };
var ingestWorkers = new Option<string[]>("--workers") { Description = "Workers in the process, e.g. 1,2 (default).", AllowMultipleArgumentsPerToken = true };
var ingestOcrModels = new Option<string>("--ocr")
{
    Description = "OCR model folder for the scanned PDFs (default: this repository's models/ocr; skipped when missing).",
    DefaultValueFactory = _ => Path.Combine(BenchPaths.RepositoryRoot, "models", "ocr"),
};
var configurations = new Option<string[]>("--configurations") { Description = "no-model, tiny-clip, ocr (default: all).", AllowMultipleArgumentsPerToken = true };
var overrides = new Option<string[]>("--set") { Description = "KEY=VALUE settings for every configuration, e.g. Extraction:Isolation=InProcess.", AllowMultipleArgumentsPerToken = true };
var ingest = new Command("ingest", "Ingestion pages/s and the share of each stage, through the worker's pipeline in this process (extractor processes, SQLite + embedded vectors): text PDFs without a model and with the tiny CLIP model, installed manuals, image-only PDFs with OCR.")
{
    clipModel, ingestOcrModels, ingestDocuments, ingestPages, ingestWorkers, corpora, configurations, overrides, quick,
};
ingest.SetAction((parse, token) => IngestSuite.RunAsync(Settings(parse), new IngestSuite.Options(
    parse.GetValue(ingestDocuments) ?? (parse.GetValue(quick) ? 10 : 40),
    parse.GetValue(ingestPages) ?? (parse.GetValue(quick) ? 5 : 10),
    parse.GetValue(quick) ? 2 : 5,
    ListArgument.Numbers(parse.GetValue(ingestWorkers), [1, 2]),
    ListArgument.Names(parse.GetValue(corpora)),
    ListArgument.Names(parse.GetValue(configurations)),
    Path.GetFullPath(parse.GetRequiredValue(clipModel)),
    Path.GetFullPath(parse.GetRequiredValue(ingestOcrModels)),
    (parse.GetValue(overrides) ?? []).Select(e => e.Split('=', 2)).ToDictionary(p => p[0], p => (string?)(p.Length > 1 ? p[1] : ""))), token));

root.Subcommands.Add(models);
root.Subcommands.Add(searchLoad);
root.Subcommands.Add(imageLoad);
root.Subcommands.Add(answering);
root.Subcommands.Add(onnxRaw);
root.Subcommands.Add(vectors);
root.Subcommands.Add(vectorsReopen);
root.Subcommands.Add(vectorsSnapshotWriters);
root.Subcommands.Add(clipPipeline);
root.Subcommands.Add(reranker);
root.Subcommands.Add(isolation);
root.Subcommands.Add(serverIngest);
root.Subcommands.Add(serverSearch);
root.Subcommands.Add(ingestOcr);
root.Subcommands.Add(ingest);
var partsDocuments = new Option<int>("--documents") { Description = "Generated text PDFs.", DefaultValueFactory = _ => 4 };
var partsPages = new Option<int>("--pages") { Description = "Pages per generated PDF.", DefaultValueFactory = _ => 10 };
var ingestParts = new Command("ingest-parts", "Extractor CPU per text page, part by part: poppler open and draw, grey check, PNG encodings (libvips and the runtime zlib), PdfPig parse and text layer.") { partsDocuments, partsPages };
ingestParts.SetAction((parse, token) => ExtractionPartsSuite.RunAsync(Settings(parse), parse.GetValue(partsDocuments), parse.GetValue(partsPages), token));
root.Subcommands.Add(ingestParts);
var int8Repeats = new Option<int>("--repeats") { Description = "Timed runs per input (the median is shown).", DefaultValueFactory = _ => 5 };
var ocrInt8 = new Command("ocr-int8", "CPU ms per run of the folded float OCR networks against their int8 (QDQ) versions.") { ocrModels, int8Repeats };
ocrInt8.SetAction(parse => OcrInt8NetworkTimes.Run(Path.GetFullPath(parse.GetRequiredValue(ocrModels)), parse.GetValue(int8Repeats)));
root.Subcommands.Add(ocrInt8);
var nodeTop = new Option<int>("--top") { Description = "Nodes listed.", DefaultValueFactory = _ => 60 };
var nodeVariants = new Option<bool>("--variants") { Description = "Instead: CPU ms per run of the int8 detector as quantised before and now, run in turn." };
var nodeGraph = new Option<bool>("--graph") { Description = "Also list the folded detector's nodes." };
var ocrDetNodes = new Command("ocr-det-nodes", "The int8 detector's time node by node (ONNX Runtime's profiler, one thread).") { ocrModels, int8Repeats, nodeTop, nodeVariants, nodeGraph };
ocrDetNodes.SetAction(parse => OcrDetectorNodeProfile.Run(Path.GetFullPath(parse.GetRequiredValue(ocrModels)), parse.GetValue(int8Repeats), parse.GetValue(nodeTop),
    parse.GetValue(nodeVariants), parse.GetValue(nodeGraph)));
root.Subcommands.Add(ocrDetNodes);
var recVariants = new Option<bool>("--variants") { Description = "Instead: CPU ms per run of int8 recogniser variants (session settings, rewrites), run in turn." };
var recCtcHead = new Option<bool>("--ctc-head") { Description = "Instead: CPU ms per batch, logits and their decoding against the fused CTC head (Ocr:FusedCtcHead), run in turn." };
var ocrRecNodes = new Command("ocr-rec-nodes", "The int8 recogniser's time node by node (ONNX Runtime's profiler, one thread, 8 lines of 320 and of 960 px).") { ocrModels, int8Repeats, nodeTop, recVariants, recCtcHead };
ocrRecNodes.SetAction(parse => OcrRecognizerNodeProfile.Run(Path.GetFullPath(parse.GetRequiredValue(ocrModels)), parse.GetValue(int8Repeats), parse.GetValue(nodeTop), parse.GetValue(recVariants),
    parse.GetValue(recCtcHead)));
root.Subcommands.Add(ocrRecNodes);
return await root.Parse(args).InvokeAsync();
