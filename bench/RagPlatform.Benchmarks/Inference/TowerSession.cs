using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;
using RagPlatform.Benchmarks.Onnx.Clip;
using RagPlatform.Infrastructure.Onnx;

namespace RagPlatform.Benchmarks.Inference;

/// <summary>One ONNX Runtime session over a generated tower, reused for every call. Inputs and
/// outputs are bound to pre-allocated managed arrays, so a timed call is inference only.</summary>
internal sealed class TowerSession : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;

    private TowerSession(InferenceSession session, ClipTower tower, ClipArchitecture architecture, TimeSpan loadTime, UnsignedWeightConversionResult? conversion)
    {
        _session = session;
        WeightConversion = conversion;
        Tower = tower;
        Architecture = architecture;
        LoadTime = loadTime;
        _inputNames = [InputName];
        _outputNames = [OutputName];
    }

    public ClipTower Tower { get; }

    public ClipArchitecture Architecture { get; }

    public TimeSpan LoadTime { get; }

    /// <summary>Set when the session was opened as <c>Clip:Precision=Int8</c> opens it.</summary>
    public UnsignedWeightConversionResult? WeightConversion { get; }

    public string InputName => Tower == ClipTower.Vision ? ClipVisionGraph.InputName : ClipTextGraph.InputName;

    public string OutputName => Tower == ClipTower.Vision ? ClipVisionGraph.OutputName : ClipTextGraph.OutputName;

    public IReadOnlyDictionary<string, NodeMetadata> InputMetadata => _session.InputMetadata;

    public IReadOnlyDictionary<string, NodeMetadata> OutputMetadata => _session.OutputMetadata;

    /// <param name="intraOpThreads">Threads per operator; null keeps ONNX Runtime's default (one per physical core).</param>
    /// <param name="spinning">Whether waiting threads spin (ONNX Runtime's default) or sleep (the platform's CLIP setting).</param>
    public static TowerSession Open(ClipModelFiles files, ClipTower tower, int? intraOpThreads, bool spinning = true) =>
        Open(tower == ClipTower.Vision ? files.VisionModelPath : files.TextModelPath, files.Architecture, tower, intraOpThreads, spinning);

    /// <summary>A tower from a given file (e.g. the int8 copy of a generated one).</summary>
    /// <param name="convertUnsignedWeights">Load as the platform loads an int8 tower: uint8 MatMul
    /// weights converted to int8 in memory (<see cref="UnsignedWeightConversion"/>).</param>
    public static TowerSession Open(
        string path, ClipArchitecture architecture, ClipTower tower, int? intraOpThreads, bool spinning = true, bool convertUnsignedWeights = false)
    {
        using var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        };
        if (intraOpThreads is { } threads)
        {
            options.IntraOpNumThreads = threads;
        }

        if (!spinning)
        {
            options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        }

        var start = Stopwatch.GetTimestamp();
        UnsignedWeightConversionResult? conversion = null;
        var session = convertUnsignedWeights
            ? OnnxSessionLoader.LoadWithSignedWeights(path, options, out conversion)
            : new InferenceSession(path, options);
        return new TowerSession(session, tower, architecture, Stopwatch.GetElapsedTime(start), conversion);
    }

    /// <summary>A seeded input batch with its output buffer, ready to run repeatedly.</summary>
    public TowerBatch CreateBatch(int batch, ulong seed) => Tower == ClipTower.Vision
        ? TowerBatch.ForPixels(TowerInputs.Pixels(Architecture, batch, seed), batch, Architecture)
        : TowerBatch.ForTokenIds(TowerInputs.TokenIds(Architecture, batch, seed), batch, Architecture);

    /// <summary>Runs the tower; the embeddings land in <see cref="TowerBatch.Output"/>.</summary>
    public void Run(TowerBatch batch) =>
        _session.Run(_runOptions, _inputNames, batch.Inputs, _outputNames, batch.Outputs);

    public void Dispose()
    {
        _runOptions.Dispose();
        _session.Dispose();
    }
}
