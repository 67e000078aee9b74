using Microsoft.Extensions.Logging;
using RagPlatform.Core.Documents;
using RagPlatform.Infrastructure.Ocr;
using RagPlatform.Infrastructure.Tests.Clip;

namespace RagPlatform.Infrastructure.Tests.Ocr;

/// <summary>Without usable models the platform indexes images without their text: the recogniser
/// says so, says why and how to fix it, logs it once, and refuses to read.</summary>
public sealed class OcrModelAvailabilityTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ocr-models-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_missing_model_folder_is_unavailable_with_the_path_and_the_fetch_script()
    {
        var logger = new RecordingLogger<PaddleOcrRecognizer>();
        using var recognizer = Create(new OcrOptions(), logger);

        Assert.False(recognizer.IsAvailable);
        Assert.False(recognizer.IsAvailable);
        Assert.Contains(_folder, recognizer.UnavailableReason, StringComparison.Ordinal);
        Assert.Contains("does not exist", recognizer.UnavailableReason, StringComparison.Ordinal);
        Assert.Contains("scripts/fetch-ocr-models.sh", recognizer.UnavailableReason, StringComparison.Ordinal);
        Assert.Single(logger.Entries, entry => entry.Level == LogLevel.Warning);
        var image = new EncodedImage(OcrSamples.Screenshot().Encode(), "image/png", 720, 420);
        await Assert.ThrowsAsync<InvalidOperationException>(() => recognizer.RecognizeAsync(image, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void A_folder_without_the_recogniser_names_the_missing_file()
    {
        LinkModels(except: OcrModelFolder.RecognitionModel);
        using var recognizer = Create(new OcrOptions());

        Assert.False(recognizer.IsAvailable);
        Assert.Contains("lacks ch_PP-OCRv4_rec_infer.onnx", recognizer.UnavailableReason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_angle_classifier_file_is_needed_only_when_the_classifier_is_on()
    {
        LinkModels(except: OcrModelFolder.AngleModel);
        using var without = Create(new OcrOptions());
        using var with = Create(new OcrOptions { UseAngleClassifier = true });

        Assert.True(without.IsAvailable, without.UnavailableReason);
        Assert.False(with.IsAvailable);
        Assert.Contains(OcrModelFolder.AngleModel, with.UnavailableReason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_Latin_recogniser_is_needed_only_when_chosen_and_its_absence_names_the_fetch_flag()
    {
        LinkModels(except: OcrModelFolder.LatinRecognitionModel);
        using var multilingual = Create(new OcrOptions());
        using var latin = Create(new OcrOptions { Recognizer = OcrRecognizerModel.Latin });

        Assert.True(multilingual.IsAvailable, multilingual.UnavailableReason);
        Assert.False(latin.IsAvailable);
        Assert.Contains(OcrModelFolder.LatinRecognitionModel, latin.UnavailableReason, StringComparison.Ordinal);
        Assert.Contains("--latin", latin.UnavailableReason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(OcrPrecision.Fp32)]
    [InlineData(OcrPrecision.Int8)]
    public void A_truncated_model_is_unavailable_with_its_name_not_a_crash(OcrPrecision precision)
    {
        LinkModels(except: OcrModelFolder.DetectionModel);
        var bytes = File.ReadAllBytes(Path.Combine(OcrModels.Directory, OcrModelFolder.DetectionModel));
        File.WriteAllBytes(Path.Combine(_folder, OcrModelFolder.DetectionModel), bytes[..(bytes.Length / 3)]);
        using var recognizer = Create(new OcrOptions { Precision = precision });

        Assert.False(recognizer.IsAvailable);
        Assert.Contains(OcrModelFolder.DetectionModel, recognizer.UnavailableReason, StringComparison.Ordinal);
        Assert.Contains("scripts/fetch-ocr-models.sh", recognizer.UnavailableReason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_character_list_of_another_alphabet_is_unavailable_naming_both_files()
    {
        LinkModels(except: OcrModelFolder.CharacterList);
        File.WriteAllLines(Path.Combine(_folder, OcrModelFolder.CharacterList), ["a", "b", "c"]);
        using var recognizer = Create(new OcrOptions());

        Assert.False(recognizer.IsAvailable);
        Assert.Contains(OcrModelFolder.RecognitionModel, recognizer.UnavailableReason, StringComparison.Ordinal);
        Assert.Contains(OcrModelFolder.CharacterList, recognizer.UnavailableReason, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private PaddleOcrRecognizer Create(OcrOptions options, RecordingLogger<PaddleOcrRecognizer>? logger = null) =>
        new(new OcrModelFolder(_folder), options, logger ?? new RecordingLogger<PaddleOcrRecognizer>());

    /// <summary>The real model folder's files, linked (not copied: 16 MB), all but one.</summary>
    private void LinkModels(string except)
    {
        Directory.CreateDirectory(_folder);
        foreach (var file in new[]
        {
            OcrModelFolder.DetectionModel, OcrModelFolder.RecognitionModel, OcrModelFolder.AngleModel, OcrModelFolder.CharacterList,
            OcrModelFolder.LatinRecognitionModel, OcrModelFolder.LatinCharacterList,
        })
        {
            if (file != except)
            {
                File.CreateSymbolicLink(Path.Combine(_folder, file), Path.Combine(OcrModels.Directory, file));
            }
        }
    }
}
