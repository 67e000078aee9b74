namespace RagPlatform.Infrastructure.Ocr;

/// <summary>Which recogniser network reads the detected lines (<see cref="OcrOptions.Recognizer"/>).</summary>
public enum OcrRecognizerModel
{
    /// <summary>PP-OCRv4 mobile, Chinese and English: 6,623 characters (ch_PP-OCRv4_rec_infer.onnx,
    /// ppocr_keys_v1.txt), as scripts/fetch-ocr-models.sh installs it.</summary>
    Multilingual,

    /// <summary>PP-OCRv5 mobile Latin: English and the other Latin-script languages, 502 characters
    /// (latin_PP-OCRv5_rec_mobile_infer.onnx, ppocrv5_latin_dict.txt), as
    /// <c>scripts/fetch-ocr-models.sh --latin</c> installs it. No Chinese, Greek or Cyrillic; on the
    /// bench's English images it reads as well as the multilingual one in less time.</summary>
    Latin,
}
