using System.Diagnostics;
using System.Globalization;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using RagPlatform.Benchmarks.Harness;
using RagPlatform.Benchmarks.Inference;
using RagPlatform.Benchmarks.Onnx.Clip;

namespace RagPlatform.Benchmarks.Suites;

/// <summary>`models`: generates the graphs if needed and proves they are what they claim: ONNX
/// Runtime loads them, the batch dimension is dynamic, outputs are finite [batch, 512], rows of a
/// batch match single runs, distinct inputs give distinct embeddings, the text tower pools at the
/// end token, and the parameter counts are those of ViT-B/32.</summary>
internal static class ModelCheckSuite
{
    public static async Task<int> RunAsync(BenchSettings settings, CancellationToken cancellationToken)
    {
        var run = new SuiteRun("models", settings);
        BenchConsole.Heading($"models: {settings.Architecture.Name}");
        var files = await ClipModelCache.EnsureAsync(settings.Architecture, settings.ModelsDirectory, settings.Seed, BenchConsole.Info, cancellationToken)
            .ConfigureAwait(false);
        var architecture = files.Architecture;
        var checks = new List<ModelCheck>
        {
            Count("vision", files.VisionParameters, architecture.ExpectedVisionParameters, architecture == ClipArchitecture.VitB32 ? ClipArchitecture.VitB32VisionParameters : null),
            Count("text", files.TextParameters, architecture.ExpectedTextParameters, architecture == ClipArchitecture.VitB32 ? ClipArchitecture.VitB32TextParameters : null),
        };

        foreach (var tower in new[] { ClipTower.Vision, ClipTower.Text })
        {
            using var session = TowerSession.Open(files, tower, settings.IntraOpThreads);
            run.Note(string.Create(CultureInfo.InvariantCulture,
                $"{tower}: {new FileInfo(tower == ClipTower.Vision ? files.VisionModelPath : files.TextModelPath).Length / 1e6:F1} MB, session loaded in {session.LoadTime.TotalSeconds:F2} s"));
            using var sample = session.CreateBatch(3, seed: 7);
            checks.AddRange(CheckTower(session, sample));
            await SaveSampleAsync(files.Directory, session.Tower, sample, cancellationToken).ConfigureAwait(false);
            if (tower == ClipTower.Text)
            {
                checks.AddRange(CheckEndTokenPooling(session));
            }
        }

        BenchConsole.Table(["tower", "check", "result", "detail"],
            checks.Select(check => (IReadOnlyList<string>)[check.Tower, check.Check, check.Passed ? "pass" : "FAIL", check.Detail]), labelColumns: 4);
        checks.ForEach(run.Add);
        await run.SaveAsync(cancellationToken).ConfigureAwait(false);

        var failed = checks.Count(check => !check.Passed);
        if (failed > 0)
        {
            BenchConsole.Fail($"{failed} check(s) failed.");
            return 1;
        }

        BenchConsole.Pass($"All {checks.Count} checks passed.");
        return 0;
    }

    private static ModelCheck Count(string tower, long actual, long expected, long? published)
    {
        var passed = actual == expected && (published is null || actual == published);
        var detail = string.Create(CultureInfo.InvariantCulture, $"{actual:N0} (from the sizes: {expected:N0}")
            + (published is { } value ? string.Create(CultureInfo.InvariantCulture, $"; ViT-B/32: {value:N0})") : ")");
        return new ModelCheck(tower, "parameter count", passed, detail);
    }

    /// <summary>Keeps the sample batch and ONNX Runtime's output next to the models, as raw
    /// little-endian arrays, so other tools (Verification/check_clip_graphs.py) can recompute them.</summary>
    private static async Task SaveSampleAsync(string modelDirectory, ClipTower tower, TowerBatch sample, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(modelDirectory, "checks");
        Directory.CreateDirectory(directory);
        var name = tower.ToString().ToLowerInvariant();
        var (extension, input) = sample.InputData switch
        {
            float[] pixels => ("f32", MemoryMarshal.AsBytes(pixels.AsSpan()).ToArray()),
            long[] ids => ("i64", MemoryMarshal.AsBytes(ids.AsSpan()).ToArray()),
            _ => throw new InvalidOperationException("Unexpected input type."),
        };
        await File.WriteAllBytesAsync(Path.Combine(directory, $"{name}-input.{extension}"), input, cancellationToken).ConfigureAwait(false);
        await File.WriteAllBytesAsync(Path.Combine(directory, $"{name}-output.f32"),
            MemoryMarshal.AsBytes(sample.Output.AsSpan()).ToArray(), cancellationToken).ConfigureAwait(false);
    }

    private static IEnumerable<ModelCheck> CheckTower(TowerSession session, TowerBatch triple)
    {
        var name = session.Tower.ToString().ToLowerInvariant();
        var embedding = session.Architecture.EmbeddingSize;
        var inputDims = session.InputMetadata[session.InputName].Dimensions;
        var outputDims = session.OutputMetadata[session.OutputName].Dimensions;
        yield return new ModelCheck(name, "dynamic batch in signature", inputDims[0] == -1 && outputDims[0] == -1 && outputDims[1] == embedding,
            $"{session.InputName} [{string.Join(", ", inputDims)}] -> {session.OutputName} [{string.Join(", ", outputDims)}]");

        using var single = session.CreateBatch(1, seed: 7); // same seed as the triple: row 0 is the same input
        var start = Stopwatch.GetTimestamp();
        session.Run(single);
        var firstRun = Stopwatch.GetElapsedTime(start);
        session.Run(triple);

        var finite = triple.Output.All(float.IsFinite) && single.Output.All(float.IsFinite);
        var norms = Enumerable.Range(0, 3).Select(row => TensorPrimitives.Norm(triple.Embedding(row))).ToArray();
        yield return new ModelCheck(name, "finite [batch, embedding] output", finite && norms.All(norm => norm > 0),
            string.Create(CultureInfo.InvariantCulture,
                $"[3, {embedding}], norms {string.Join(", ", norms.Select(norm => norm.ToString("G4", CultureInfo.InvariantCulture)))}; first batch-1 run {firstRun.TotalMilliseconds:F0} ms"));

        var difference = MaxAbsoluteDifference(single.Embedding(0), triple.Embedding(0));
        yield return new ModelCheck(name, "batch row equals single run", difference <= 1e-4 * Math.Max(1, norms[0]),
            string.Create(CultureInfo.InvariantCulture, $"max |diff| {difference:G3}"));

        var similarity = Math.Max(
            TensorPrimitives.CosineSimilarity(triple.Embedding(0), triple.Embedding(1)),
            TensorPrimitives.CosineSimilarity(triple.Embedding(1), triple.Embedding(2)));
        yield return new ModelCheck(name, "distinct inputs, distinct outputs", similarity < 0.999,
            string.Create(CultureInfo.InvariantCulture, $"max cosine between rows {similarity:F4}"));
    }

    /// <summary>With causal attention and pooling at the end token, what follows the end token
    /// cannot matter; a word before it must.</summary>
    private static IEnumerable<ModelCheck> CheckEndTokenPooling(TowerSession session)
    {
        var architecture = session.Architecture;
        var paddedWithEnd = TowerInputs.TokenIds(architecture, 2, seed: 11);
        var paddedWithZero = TowerInputs.TokenIds(architecture, 2, seed: 11, padding: 0);
        var changedWord = (long[])paddedWithEnd.Clone();
        changedWord[1] = (changedWord[1] + 1) % TowerInputs.StartToken;

        using var endBatch = TowerBatch.ForTokenIds(paddedWithEnd, 2, architecture);
        using var zeroBatch = TowerBatch.ForTokenIds(paddedWithZero, 2, architecture);
        using var changedBatch = TowerBatch.ForTokenIds(changedWord, 2, architecture);
        session.Run(endBatch);
        session.Run(zeroBatch);
        session.Run(changedBatch);

        var paddingDifference = MaxAbsoluteDifference(endBatch.Output, zeroBatch.Output);
        yield return new ModelCheck("text", "padding after end token is ignored", paddingDifference <= 1e-4,
            string.Create(CultureInfo.InvariantCulture, $"max |diff| {paddingDifference:G3}"));
        var similarity = TensorPrimitives.CosineSimilarity(endBatch.Embedding(0), changedBatch.Embedding(0));
        yield return new ModelCheck("text", "a changed word changes the embedding", similarity < 0.9999,
            string.Create(CultureInfo.InvariantCulture, $"cosine {similarity:F5}"));
    }

    private static float MaxAbsoluteDifference(ReadOnlySpan<float> left, ReadOnlySpan<float> right)
    {
        var max = 0f;
        for (var i = 0; i < left.Length; i++)
        {
            max = Math.Max(max, Math.Abs(left[i] - right[i]));
        }

        return max;
    }
}
