using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

using RagPlatform.OnnxGraphs;

namespace RagPlatform.Benchmarks.Onnx.Clip;

/// <summary>Generates the CLIP graphs on first use and reuses them afterwards. A folder is keyed by
/// architecture, seed and <see cref="GeneratorVersion"/>, so changing any of them regenerates.</summary>
internal static class ClipModelCache
{
    public const string VisionFileName = "vision_model.onnx";
    public const string TextFileName = "text_model.onnx";

    /// <summary>Bump whenever the emitted graphs change, to invalidate existing caches.</summary>
    public const int GeneratorVersion = 1;

    private const string ManifestFileName = "manifest.json";

    private static readonly JsonSerializerOptions ManifestJson = new() { WriteIndented = true };

    public static async Task<ClipModelFiles> EnsureAsync(
        ClipArchitecture architecture, string cacheRoot, ulong seed, Action<string> report, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(cacheRoot,
            string.Create(CultureInfo.InvariantCulture, $"{architecture.Name}-seed{seed}-g{GeneratorVersion}"));
        var visionPath = Path.Combine(directory, VisionFileName);
        var textPath = Path.Combine(directory, TextFileName);
        var manifestPath = Path.Combine(directory, ManifestFileName);

        if (File.Exists(manifestPath) && File.Exists(visionPath) && File.Exists(textPath))
        {
            var stream = File.OpenRead(manifestPath);
            await using (stream.ConfigureAwait(false))
            {
                var cached = await JsonSerializer.DeserializeAsync<ClipModelManifest>(stream, ManifestJson, cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidDataException($"Empty manifest: {manifestPath}");
                return new ClipModelFiles(architecture, seed, directory, visionPath, textPath,
                    cached.VisionParameters, cached.TextParameters, GeneratedNow: false);
            }
        }

        Directory.CreateDirectory(directory);
        File.Delete(manifestPath);
        var stopwatch = Stopwatch.StartNew();
        report($"Generating {architecture.Name} (seed {seed}) into {directory} ...");

        // One tower at a time: the full vision tower holds ~350 MB of weights in memory while written.
        var visionParameters = await GenerateAsync(ClipVisionGraph.Build(architecture, seed), visionPath, architecture, cancellationToken).ConfigureAwait(false);
        report($"  {VisionFileName}: {visionParameters:N0} parameters, {new FileInfo(visionPath).Length / 1e6:F1} MB");
        var textParameters = await GenerateAsync(ClipTextGraph.Build(architecture, seed), textPath, architecture, cancellationToken).ConfigureAwait(false);
        report($"  {TextFileName}: {textParameters:N0} parameters, {new FileInfo(textPath).Length / 1e6:F1} MB");

        var manifest = new ClipModelManifest(architecture.Name, seed, GeneratorVersion, visionParameters, textParameters,
            stopwatch.Elapsed.TotalSeconds, DateTimeOffset.UtcNow);
        await File.WriteAllTextAsync(manifestPath, JsonSerializer.Serialize(manifest, ManifestJson), cancellationToken).ConfigureAwait(false);
        report($"  generated in {stopwatch.Elapsed.TotalSeconds:F1} s");
        return new ClipModelFiles(architecture, seed, directory, visionPath, textPath, visionParameters, textParameters, GeneratedNow: true);
    }

    private static async Task<long> GenerateAsync(OnnxGraph graph, string path, ClipArchitecture architecture, CancellationToken cancellationToken)
    {
        var docString = string.Create(CultureInfo.InvariantCulture,
            $"{architecture.Name} {graph.Name}: architecture of CLIP with seeded random weights, for benchmarks only (no semantic meaning).");
        await OnnxGraphWriter.WriteAsync(graph, path, docString, cancellationToken).ConfigureAwait(false);
        return graph.ParameterCount;
    }
}
