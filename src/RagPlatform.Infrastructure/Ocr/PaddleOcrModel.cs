using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;
using RagPlatform.Infrastructure.Ocr.Quantization;

namespace RagPlatform.Infrastructure.Ocr;

/// <summary>The loaded networks of a model folder and the recogniser's character list, checked to
/// run and to agree (the recogniser's classes are the list plus blank and space).</summary>
internal sealed class PaddleOcrModel : IDisposable
{
    private PaddleOcrModel(OcrOnnxModel detector, OcrOnnxModel recognizer, OcrOnnxModel? angleClassifier, CtcGreedyDecoder decoder, TimeSpan loadTime,
        string? lookupFallback)
    {
        LookupFallback = lookupFallback;
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

    /// <summary>The recogniser runs hard-swish as a table lookup (<see cref="OcrOptions.LookupHardSwish"/>).</summary>
    public bool LookupHardSwish => Recognizer.LookupHardSwish;

    /// <summary>The detector runs hard-swish as a table lookup (<see cref="OcrOptions.LookupHardSwish"/>).</summary>
    public bool DetectorLookupHardSwish => Detector.LookupHardSwish;

    /// <summary>Why a network does not run hard-swish as a table lookup although it was asked to; null otherwise.</summary>
    public string? LookupFallback { get; }

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
    /// <param name="lookupLibrary">With int8: the hard-swish lookup library's configured path
    /// (<see cref="OcrOptions.NativeLibraryPath"/>, empty for the default) to run the detector's and the recogniser's hard-swish as
    /// table lookups (<see cref="OcrOptions.LookupHardSwish"/>); null not to. When it cannot be used, a network runs
    /// as without it and <see cref="LookupFallback"/> says why.</param>
    /// <param name="fusedCtcHead">Where the library runs the recogniser (with <paramref name="lookupLibrary"/>) and its CTC head's loops are
    /// vectorised on this CPU: that head as the library's fused operator (<see cref="OcrOptions.FusedCtcHead"/>).</param>
    public static PaddleOcrModel Load(OcrModelFolder folder, bool withAngleClassifier, int intraOpThreads, bool foldBlocks = true,
        OcrRecognizerModel recognizerModel = OcrRecognizerModel.Multilingual, OcrPrecision precision = OcrPrecision.Fp32, OcrInt8ModelCache? int8Cache = null, bool int8MatMuls = true,
        int detectorFloatConvs = OcrInt8Quantizer.DetectorFloatConvsFolded, bool detectorHeadBlocks = false, string? lookupLibrary = null, bool fusedCtcHead = false)
    {
        var clock = Stopwatch.StartNew();
        var (recognizerFile, characterList) = OcrModelFolder.RecognizerFiles(recognizerModel);
        var decoder = CtcGreedyDecoder.Load(folder.Locate(characterList));
        using var options = SessionOptionsFor(intraOpThreads);
        var opened = new List<OcrOnnxModel>();
        try
        {
            var int8 = precision == OcrPrecision.Int8;
            string? lookupFallback = null;
            var library = int8 && lookupLibrary is not null ? OcrOperatorLibrary.Find(lookupLibrary, out lookupFallback) : null;
            var detector = TryOpenWithLookup(OcrModelFolder.DetectionModel, OcrInt8Calibration.Detector(detectorFloatConvs, int8MatMuls, detectorHeadBlocks, lookupHardSwish: true))
                ?? Open(OcrModelFolder.DetectionModel, int8 ? OcrInt8Calibration.Detector(detectorFloatConvs, int8MatMuls, detectorHeadBlocks) : null, options);
            var recognizer = TryOpenWithLookup(recognizerFile, OcrInt8Calibration.Recognizer(int8MatMuls, lookupHardSwish: true), logits: true)
                ?? Open(recognizerFile, int8 ? OcrInt8Calibration.Recognizer(int8MatMuls) : null, options, logits: true);
            var classifier = withAngleClassifier ? Open(OcrModelFolder.AngleModel, null, options) : null;
            return new PaddleOcrModel(detector, recognizer, classifier, decoder, clock.Elapsed, lookupFallback);

            // The network with its hard-swish as table lookups (the recogniser run once); null, and why in
            // lookupFallback, when there is no library, the network does not allow it or ONNX Runtime refuses
            // either: the caller opens it as before (and reports a damaged file by its name).
            OcrOnnxModel? TryOpenWithLookup(string fileName, OcrInt8Calibration calibration, bool logits = false)
            {
                if (library is null)
                {
                    return null;
                }

                var path = folder.Locate(fileName);
                OcrOnnxModel? model = null;
                try
                {
                    if (HasStandardHardSwish(path))
                    {
                        // The library's operator takes the standard HardSwish's name; this network's own float ones would be refused.
                        lookupFallback ??= $"{fileName} has HardSwish operators of its own";
                        return null;
                    }

                    using var lookupOptions = SessionOptionsFor(intraOpThreads);
                    library.Register(lookupOptions);
                    model = OcrOnnxModel.Open(path, lookupOptions, foldBlocks, calibration, int8Cache, logits, logits && fusedCtcHead && library.VectorisedCtcHead);
                    if (logits)
                    {
                        Probe(model, decoder, characterList);
                    }

                    opened.Add(model);
                    return model;
                }
                catch (Exception exception) when (exception is OnnxRuntimeException or InvalidDataException)
                {
                    model?.Dispose();
                    lookupFallback ??= $"{library.Path}: {exception.Message.Trim()}";
                    return null;
                }
            }
        }
        catch
        {
            opened.ForEach(model => model.Dispose());
            throw;
        }

        OcrOnnxModel Open(string fileName, OcrInt8Calibration? int8Calibration, SessionOptions sessionOptions, bool logits = false)
        {
            var model = OcrOnnxModel.Open(folder.Locate(fileName), sessionOptions, foldBlocks, int8Calibration, int8Cache, logits);
            opened.Add(model);
            if (logits)
            {
                // The recogniser (TryOpenWithLookup probes its own, so that a refusal there falls back here).
                Probe(model, decoder, characterList);
            }

            return model;
        }
    }

    private static SessionOptions SessionOptionsFor(int intraOpThreads)
    {
        var options = new SessionOptions
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
        return options;
    }

    /// <summary>The network file has a HardSwish node in the standard domain (PP-OCRv5's export does; PP-OCRv4's writes x · HardSigmoid(x)).</summary>
    private static bool HasStandardHardSwish(string path) =>
        Folding.FoldableGraph.Read(File.ReadAllBytes(path)) is not { } graph || graph.Nodes.Any(node => node.OpType == "HardSwish");

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
        var line = new float[3 * TextLineRecognizer.LineHeight * width];
        int[] shape;
        try
        {
            shape = recognizer.FusedCtcHeadClasses > 0
                ? [.. recognizer.RunCtc(line, 1, TextLineRecognizer.LineHeight, width, (_, _, steps) => steps, CancellationToken.None), recognizer.FusedCtcHeadClasses]
                : recognizer.Run(line, 1, TextLineRecognizer.LineHeight, width, CancellationToken.None).Shape;
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
