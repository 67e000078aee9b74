using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;
using RagPlatform.Infrastructure.Ocr.Quantization;

namespace RagPlatform.Infrastructure.Ocr;

/// <summary>The loaded networks of a model folder and the recogniser's character list, checked to
/// run and to agree (the recogniser's classes are the list plus blank and space).</summary>
internal sealed class PaddleOcrModel : IDisposable
{
    private PaddleOcrModel(OcrOnnxModel detector, OcrOnnxModel recognizer, OcrOnnxModel? angleClassifier, CtcGreedyDecoder decoder, TimeSpan loadTime)
    {
        Detector = detector;
        Recognizer = recognizer;
        AngleClassifier = angleClassifier;
        Decoder = decoder;
        LoadTime = loadTime;
    }

    public OcrOnnxModel Detector { get; }

    public OcrOnnxModel Recognizer { get; }

    public OcrOnnxModel? AngleClassifier { get; }

    public CtcGreedyDecoder Decoder { get; }

    public TimeSpan LoadTime { get; }

    /// <summary>Blocks folded into their convolutions at load, in all networks together.</summary>
    public int FoldedBlocks => Detector.FoldedBlocks + Recognizer.FoldedBlocks + (AngleClassifier?.FoldedBlocks ?? 0);

    /// <exception cref="InvalidDataException">A file is unusable; the message names it.</exception>
    /// <param name="foldBlocks">See <see cref="OcrOptions.FoldNetworkBlocks"/>.</param>
    /// <param name="precision">See <see cref="OcrOptions.Precision"/>.</param>
    /// <param name="int8MatMuls">See <see cref="OcrOptions.Int8MatMuls"/>.</param>
    /// <param name="detectorFloatConvs">See <see cref="OcrOptions.DetectorFloatConvs"/>.</param>
    /// <param name="detectorHeadBlocks">See <see cref="OcrOptions.DetectorHeadBlocks"/>.</param>
    /// <param name="int8Cache">Where int8 networks quantised before are kept (<see cref="OcrInt8ModelCache"/>);
    /// when null they are calibrated at every load.</param>
    public static PaddleOcrModel Load(OcrModelFolder folder, bool withAngleClassifier, int intraOpThreads, bool foldBlocks = true,
        OcrRecognizerModel recognizerModel = OcrRecognizerModel.Multilingual, OcrPrecision precision = OcrPrecision.Fp32, OcrInt8ModelCache? int8Cache = null, bool int8MatMuls = true,
        int detectorFloatConvs = OcrInt8Quantizer.DetectorFloatConvsFolded, bool detectorHeadBlocks = false)
    {
        var clock = Stopwatch.StartNew();
        var (recognizerFile, characterList) = OcrModelFolder.RecognizerFiles(recognizerModel);
        var decoder = CtcGreedyDecoder.Load(folder.Locate(characterList));
        using var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = intraOpThreads,
        };

        // With more than one thread per run, ONNX Runtime's idle threads spin between the many small
        // operators of a run: measured on the int8 recogniser with IntraOpThreads 0 (two threads on a 2-core
        // EPYC), 111-126 CPU ms per [8, 3, 48, 320] batch spinning against 68-72 without (one thread: 69-71),
        // and less wall time on a loaded machine too.
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        var opened = new List<OcrOnnxModel>();
        try
        {
            var int8 = precision == OcrPrecision.Int8;
            var detector = Open(OcrModelFolder.DetectionModel, int8 ? OcrInt8Calibration.Detector(detectorFloatConvs, int8MatMuls, detectorHeadBlocks) : null);
            var recognizer = Open(recognizerFile, int8 ? OcrInt8Calibration.Recognizer(int8MatMuls) : null, logits: true);
            var classifier = withAngleClassifier ? Open(OcrModelFolder.AngleModel, null) : null;
            Probe(recognizer, decoder, characterList);
            return new PaddleOcrModel(detector, recognizer, classifier, decoder, clock.Elapsed);
        }
        catch
        {
            opened.ForEach(model => model.Dispose());
            throw;
        }

        OcrOnnxModel Open(string fileName, OcrInt8Calibration? int8Calibration, bool logits = false)
        {
            var model = OcrOnnxModel.Open(folder.Locate(fileName), options, foldBlocks, int8Calibration, int8Cache, logits);
            opened.Add(model);
            return model;
        }
    }

    public void Dispose()
    {
        Detector.Dispose();
        Recognizer.Dispose();
        AngleClassifier?.Dispose();
    }

    // One run on a blank line: a recogniser of another alphabet (another character list) is found
    // at start-up, not on the first document.
    private static void Probe(OcrOnnxModel recognizer, CtcGreedyDecoder decoder, string characterList)
    {
        const int width = TextLineRecognizer.MinBatchWidth;
        int[] shape;
        try
        {
            (_, shape) = recognizer.Run(new float[3 * TextLineRecognizer.LineHeight * width], 1, TextLineRecognizer.LineHeight, width, CancellationToken.None);
        }
        catch (OnnxRuntimeException exception)
        {
            throw new InvalidDataException($"{recognizer.FileName} does not run on a 48-pixel line ({exception.Message.Trim()}).", exception);
        }

        if (shape is not [1, _, var classes] || classes != decoder.ClassCount)
        {
            throw new InvalidDataException(
                $"{recognizer.FileName} gives [{string.Join(", ", shape)}] per line, but {characterList} needs {decoder.ClassCount} classes " +
                $"({decoder.ClassCount - 2} characters, blank and space): the two files do not belong together.");
        }
    }
}
