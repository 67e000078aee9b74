using System.Globalization;
using System.Runtime.InteropServices;
using RagPlatform.Benchmarks.Harness;
using RagPlatform.Benchmarks.Inference;
using RagPlatform.Benchmarks.Onnx.Clip;

namespace RagPlatform.Benchmarks.Suites;

/// <summary>`onnx-raw --int8`: each tower in float and in int8 (quantized as the public export was),
/// side by side in one run: items/s at each batch size, and the cosine agreement of the embeddings.</summary>
internal static class OnnxInt8Section
{
    private const int AgreementInputs = 16;

    /// <param name="signedVisionWeights">Int8 vision weights instead of the export's UInt8 (`--s8-vision`).</param>
    /// <param name="asPublished">Load the int8 towers as they are (`--as-published`), not as the
    /// platform loads them (uint8 MatMul weights converted to int8 in memory).</param>
    public static async Task RunAsync(
        SuiteRun run, BenchSettings settings, ClipModelFiles files, IReadOnlyList<int> batches, int? iterations, int? warmup, bool signedVisionWeights,
        bool asPublished, CancellationToken cancellationToken)
    {
        var (visionInt8, textInt8) = await ClipQuantizedModels.EnsureAsync(files, signedVisionWeights, BenchConsole.Info, cancellationToken).ConfigureAwait(false);
        run.Settings["int8VisionWeights"] = signedVisionWeights ? "Int8 (not the export's)" : "UInt8 (as the export)";
        run.Settings["int8Loading"] = asPublished ? "as published" : "as Clip:Precision=Int8 loads it (uint8 MatMul weights converted to int8)";
        var speeds = new List<PrecisionRow>();
        var agreements = new List<AgreementRow>();
        foreach (var tower in new[] { ClipTower.Vision, ClipTower.Text })
        {
            using var fp32 = TowerSession.Open(files, tower, settings.IntraOpThreads);
            using var int8 = TowerSession.Open(
                tower == ClipTower.Vision ? visionInt8 : textInt8, files.Architecture, tower, settings.IntraOpThreads, convertUnsignedWeights: !asPublished);
            var conversion = int8.WeightConversion is { } converted && converted.Converted + converted.LeftUnsigned > 0
                ? string.Create(CultureInfo.InvariantCulture,
                    $" ({converted.Converted} uint8 MatMul weights converted to int8, {converted.LeftUnsigned} left, {converted.Elapsed.TotalMilliseconds:F0} ms)")
                : string.Empty;
            run.Note(string.Create(CultureInfo.InvariantCulture,
                $"{tower} sessions loaded: float {fp32.LoadTime.TotalSeconds:F2} s, int8 {int8.LoadTime.TotalSeconds:F2} s{conversion}"));
            BenchConsole.Info($"  {tower} int8 loaded{conversion}");
            foreach (var batch in batches)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var counts = RawInference.DefaultCounts(batch);
                var row = PrecisionComparison.Measure(fp32, int8, batch, warmup ?? counts.Warmup, iterations ?? counts.Iterations, settings.Seed);
                speeds.Add(row);
                run.Add(row);
                BenchConsole.Info(string.Create(CultureInfo.InvariantCulture,
                    $"  {row.Tower} batch {batch}: float {row.Fp32ItemsPerSecond:F1} items/s, int8 {row.Int8ItemsPerSecond:F1} items/s, ×{row.SpeedUp:F2}"));
            }

            if (int8.WeightConversion is { Converted: > 0 })
            {
                // The conversion claims the same results: check it on the full-size tower too.
                using var published = TowerSession.Open(visionInt8, files.Architecture, tower, settings.IntraOpThreads);
                var (identical, total) = IdenticalOutputs(int8, published, settings.Seed + 2);
                run.Settings["convertedVsPublished"] = string.Create(CultureInfo.InvariantCulture, $"{identical}/{total} embeddings bit-identical");
                BenchConsole.Info(string.Create(CultureInfo.InvariantCulture, $"  {tower} converted vs as published: {identical}/{total} embeddings bit-identical"));

                // And what the conversion gains: the file as published against the converted session, alternating.
                foreach (var batch in batches)
                {
                    var counts = RawInference.DefaultCounts(batch);
                    var gain = PrecisionComparison.Measure(published, int8, batch, warmup ?? counts.Warmup, iterations ?? counts.Iterations, settings.Seed);
                    var line = string.Create(CultureInfo.InvariantCulture,
                        $"as published {gain.Fp32ItemsPerSecond:F1} items/s, converted {gain.Int8ItemsPerSecond:F1} items/s, ×{gain.SpeedUp:F2}");
                    run.Settings[string.Create(CultureInfo.InvariantCulture, $"conversionGainBatch{batch}")] = line;
                    BenchConsole.Info($"  {tower} int8 batch {batch}: {line}");
                }
            }

            var agreement = PrecisionComparison.Agreement(fp32, int8, AgreementInputs, settings.Seed + 1);
            agreements.Add(agreement);
            run.Add(agreement);
        }

        BenchConsole.Table(["tower", "batch", "float items/s", "int8 items/s", "speed-up", "float p50 ms", "int8 p50 ms"],
            speeds.Select(row => (IReadOnlyList<string>)
            [
                row.Tower, Cell.Of(row.Batch), Cell.Of(row.Fp32ItemsPerSecond, "F1"), Cell.Of(row.Int8ItemsPerSecond, "F1"),
                Cell.Of(row.SpeedUp, "F2"), Cell.Of(row.Fp32.P50Ms, "F1"), Cell.Of(row.Int8.P50Ms, "F1"),
            ]));
        BenchConsole.Table(["tower", "inputs", "cos min (b1)", "cos mean (b1)", "cos min (b8)", "cos mean (b8)", "int8 alone vs b8 min"],
            agreements.Select(row => (IReadOnlyList<string>)
            [
                row.Tower, Cell.Of(row.Inputs), Cell.Of(row.Batch1CosineMin, "F4"), Cell.Of(row.Batch1CosineMean, "F4"),
                Cell.Of(row.Batch8CosineMin, "F4"), Cell.Of(row.Batch8CosineMean, "F4"), Cell.Of(row.Int8BatchConsistencyMin, "F4"),
            ]));
        run.Note("int8: the float graphs rewritten by DynamicQuantizer (MatMuls with constant weights per-channel and reduce-range; " +
            "the patch Conv and the token-embedding Gather per tensor), Int8 weights for text and " +
            (signedVisionWeights ? "Int8 for vision (the export has UInt8 there). " : "UInt8 for vision, as Transformers.js quantized Xenova/clip-vit-base-patch32. ") +
            (asPublished ? "Loaded as published. " : "Loaded as Clip:Precision=Int8 loads them: uint8 MatMul weights converted to int8 in memory (same integer products). ") +
            "Random weights and seeded inputs: agreement on real weights and images may differ.");
    }

    // Two seeded batches of 8 through both sessions; an embedding counts when every float is equal bit for bit.
    private static (int Identical, int Total) IdenticalOutputs(TowerSession converted, TowerSession published, ulong seed)
    {
        var (identical, total) = (0, 0);
        for (var round = 0UL; round < 2; round++)
        {
            using var left = converted.CreateBatch(8, seed + round);
            using var right = published.CreateBatch(8, seed + round);
            converted.Run(left);
            published.Run(right);
            for (var row = 0; row < left.BatchSize; row++)
            {
                var width = left.EmbeddingSize;
                total++;
                identical += MemoryMarshal.AsBytes(left.Output.AsSpan(row * width, width)).SequenceEqual(MemoryMarshal.AsBytes(right.Output.AsSpan(row * width, width))) ? 1 : 0;
            }
        }

        return (identical, total);
    }
}
