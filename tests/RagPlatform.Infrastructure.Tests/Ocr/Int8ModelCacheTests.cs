using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using RagPlatform.Infrastructure.Ocr;
using RagPlatform.Infrastructure.Ocr.Quantization;
using RagPlatform.Infrastructure.Tests.Clip;

namespace RagPlatform.Infrastructure.Tests.Ocr;

/// <summary>The int8 networks kept on disk between loads (<see cref="OcrInt8ModelCache"/>): a second
/// load takes them from there without calibrating, and a damaged or unwritable cache costs only the
/// calibration.</summary>
public sealed class Int8ModelCacheTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ocr-int8-cache-" + Guid.NewGuid().ToString("N"));

    private readonly RecordingLogger<OcrInt8ModelCache> _logger = new();

    private static string Detector => Path.Combine(OcrModels.Directory, OcrModelFolder.DetectionModel);

    [Fact]
    public void A_second_load_takes_both_int8_networks_from_the_cache_without_calibrating()
    {
        var cache = new OcrInt8ModelCache(_folder, _logger);

        using var first = Load(cache);
        using var second = Load(cache);

        Assert.False(first.Detector.QuantizedFromCache);
        Assert.False(first.Recognizer.QuantizedFromCache);
        Assert.True(second.Detector.QuantizedFromCache);
        Assert.True(second.Recognizer.QuantizedFromCache);
        Assert.Equal((first.Detector.QuantizedConvs, first.Recognizer.QuantizedConvs), (second.Detector.QuantizedConvs, second.Recognizer.QuantizedConvs));
        Assert.Equal(first.FoldedBlocks, second.FoldedBlocks);
        Assert.Equal(2, Directory.GetFiles(_folder, "*.int8-*.onnx").Length);
        Assert.Equal(2, _logger.Entries.Count(entry => entry.Message.Contains("loaded from the cache", StringComparison.Ordinal)));
        Assert.Equal(RunOnLine(first.Recognizer), RunOnLine(second.Recognizer));
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("one byte changed")]
    [InlineData("empty")]
    public void A_damaged_entry_is_quantised_again_and_replaced(string damage)
    {
        var cache = new OcrInt8ModelCache(_folder, _logger);
        using (Open(cache))
        {
        }

        var entry = Assert.Single(Directory.GetFiles(_folder));
        var bytes = File.ReadAllBytes(entry);
        File.WriteAllBytes(entry, damage switch
        {
            "truncated" => bytes[..(bytes.Length / 2)],
            "one byte changed" => [.. bytes[..^100], (byte)(bytes[^100] ^ 0x55), .. bytes[^99..]],
            _ => [],
        });

        using var rebuilt = Open(cache);
        using var again = Open(cache);

        Assert.False(rebuilt.QuantizedFromCache);
        Assert.True(rebuilt.QuantizedConvs > 0);
        Assert.Contains(_logger.Entries, entry => entry.Level == LogLevel.Warning && entry.Message.Contains("discarded", StringComparison.Ordinal));
        Assert.True(again.QuantizedFromCache);
        Assert.Equal(bytes, File.ReadAllBytes(entry));
    }

    [Fact]
    public void An_entry_with_a_good_checksum_that_onnx_runtime_refuses_is_quantised_again()
    {
        var cache = new OcrInt8ModelCache(_folder, _logger);
        var entry = cache.EntryPath(Detector, foldBlocks: true, OcrInt8Calibration.Detector().Rewrite);
        cache.Write(entry, new OcrInt8CachedModel([1, 2, 3, 4], FoldedBlocks: 1, QuantizedConvs: 1));

        using var rebuilt = Open(cache);
        using var again = Open(cache);

        Assert.False(rebuilt.QuantizedFromCache);
        Assert.Contains(_logger.Entries, logged => logged.Level == LogLevel.Warning && logged.Message.Contains("discarded", StringComparison.Ordinal));
        Assert.True(again.QuantizedFromCache);
        Assert.Equal(rebuilt.QuantizedConvs, again.QuantizedConvs);
    }

    [Fact]
    public void A_cache_folder_that_cannot_be_created_costs_only_the_calibration()
    {
        File.WriteAllText(_folder, "a file where the cache folder should be");
        var cache = new OcrInt8ModelCache(_folder, _logger);

        using var model = Open(cache);

        Assert.False(model.QuantizedFromCache);
        Assert.True(model.QuantizedConvs > 0);
        Assert.Contains(_logger.Entries, entry => entry.Level == LogLevel.Warning && entry.Message.Contains("cannot be written", StringComparison.Ordinal));
    }

    [Fact]
    public void Entries_differ_by_network_file_and_by_the_settings_of_the_rewrite()
    {
        var cache = new OcrInt8ModelCache(_folder, _logger);
        var recognizer = Path.Combine(OcrModels.Directory, OcrModelFolder.RecognitionModel);

        string[] entries =
        [
            cache.EntryPath(Detector, foldBlocks: true, new OcrInt8Rewrite(5)),
            cache.EntryPath(Detector, foldBlocks: false, new OcrInt8Rewrite(5)),
            cache.EntryPath(Detector, foldBlocks: true, new OcrInt8Rewrite(0)),
            cache.EntryPath(Detector, foldBlocks: true, new OcrInt8Rewrite(5, IntegerHardSwish: false)),
            cache.EntryPath(Detector, foldBlocks: true, new OcrInt8Rewrite(5, IntegerMatMuls: false)),
            cache.EntryPath(Detector, foldBlocks: true, new OcrInt8Rewrite(5, FoldNormalization: true)),
            cache.EntryPath(Detector, foldBlocks: true, new OcrInt8Rewrite(5, IntegerPooling: true)),
            cache.EntryPath(Detector, foldBlocks: true, new OcrInt8Rewrite(5, FoldNormalization: true, HeadBlocks: true)),
            cache.EntryPath(Detector, foldBlocks: true, new OcrInt8Rewrite(5, LookupHardSwish: true)),
            cache.EntryPath(recognizer, foldBlocks: true, new OcrInt8Rewrite(5)),
        ];

        Assert.Equal(entries.Length, entries.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(entries[0], cache.EntryPath(Detector, foldBlocks: true, new OcrInt8Rewrite(5)));
        Assert.All(entries, entry => Assert.StartsWith(Path.GetFullPath(_folder), entry, StringComparison.Ordinal));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
        else
        {
            File.Delete(_folder);
        }
    }

    private static PaddleOcrModel Load(OcrInt8ModelCache cache) =>
        PaddleOcrModel.Load(new OcrModelFolder(OcrModels.Directory), withAngleClassifier: false, intraOpThreads: 1, precision: OcrPrecision.Int8, int8Cache: cache);

    /// <summary>The detector alone (its calibration is the shorter one).</summary>
    private static OcrOnnxModel Open(OcrInt8ModelCache cache)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1 };
        return OcrOnnxModel.Open(Detector, options, foldBlocks: true, OcrInt8Calibration.Detector(), cache);
    }

    private static float[] RunOnLine(OcrOnnxModel recognizer)
    {
        var width = TextLineRecognizer.MinBatchWidth;
        var line = new float[3 * TextLineRecognizer.LineHeight * width];
        for (var i = 0; i < line.Length; i++)
        {
            line[i] = (i % 97) / 48f - 1;
        }

        return recognizer.Run(line, 1, TextLineRecognizer.LineHeight, width, TestContext.Current.CancellationToken).Values;
    }
}
