using RagPlatform.Benchmarks.Harness;
using RagPlatform.Infrastructure.Clip;
using RagPlatform.Infrastructure.Imaging;

namespace RagPlatform.Benchmarks.Pipeline;

/// <summary>Where the time between file bytes and tensor goes, per image, on one thread: the
/// decode (Skia, EXIF, white background), the resize and crop (Pillow's bicubic), and the
/// normalisation into floats. Thread CPU time (<see cref="ThreadCpuClock"/>), best of a few runs,
/// so that a busy machine inflates it least.</summary>
internal static class PreprocessStages
{
    public static IReadOnlyList<StageRow> Measure(IReadOnlyList<BenchImage> images, ClipPreprocessorConfig config, int repeats)
    {
        var decoder = new SkiaImageDecoder(100_000_000);
        var preprocessor = new ClipImagePreprocessor(config);
        var tensor = new float[preprocessor.TensorLength];
        var rows = new List<StageRow>();
        foreach (var image in images)
        {
            double decode = double.MaxValue, resize = double.MaxValue, normalise = double.MaxValue;
            for (var i = 0; i < repeats; i++)
            {
                var start = ThreadCpuClock.NowMs();
                var decoded = decoder.Decode(image.Data);
                var decodedAt = ThreadCpuClock.NowMs();
                preprocessor.ResizeAndCrop(decoded);
                var resizedAt = ThreadCpuClock.NowMs();
                preprocessor.Preprocess(decoded, tensor);
                var tensorAt = ThreadCpuClock.NowMs();
                decode = Math.Min(decode, decodedAt - start);
                resize = Math.Min(resize, resizedAt - decodedAt);
                normalise = Math.Min(normalise, (tensorAt - resizedAt) - (resizedAt - decodedAt));
            }

            rows.Add(new StageRow(image.Name, decode, resize, Math.Max(0, normalise)));
        }

        rows.Add(new StageRow("mean per image", rows.Average(row => row.DecodeMs), rows.Average(row => row.ResizeCropMs), rows.Average(row => row.NormaliseMs)));
        return rows;
    }

    public static IReadOnlyList<string> Cells(StageRow row) =>
        [row.Image, Cell.Of(row.DecodeMs, "F1"), Cell.Of(row.ResizeCropMs, "F1"), Cell.Of(row.NormaliseMs, "F2"), Cell.Of(row.DecodeMs + row.ResizeCropMs + row.NormaliseMs, "F1")];
}

/// <summary>One image's preprocessing stages in milliseconds (best of the runs).</summary>
internal sealed record StageRow(string Image, double DecodeMs, double ResizeCropMs, double NormaliseMs);
