using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

using RagPlatform.Infrastructure.Ocr.Folding;
using RagPlatform.Infrastructure.Ocr.Quantization;
using RagPlatform.Infrastructure.Onnx;

namespace RagPlatform.Infrastructure.Ocr;

/// <summary>One of the PP-OCR networks: an ONNX Runtime session with a single float image input
/// [N, 3, H, W] and a single float output, created once and shared (runs are thread-safe).</summary>
internal sealed class OcrOnnxModel : IDisposable
{
    private readonly InferenceSession _session;
    private readonly string _input;
    private readonly string[] _outputs;

    private OcrOnnxModel(InferenceSession session, string fileName, string input, string[] outputs)
    {
        _session = session;
        FileName = fileName;
        _input = input;
        _outputs = outputs;
    }

    public string FileName { get; }

    /// <summary>Blocks folded into their convolutions at load; 0 when not asked or none matched.</summary>
    public int FoldedBlocks { get; private init; }

    /// <summary>Convolutions quantised to int8 at load; 0 when not asked or none could be.</summary>
    public int QuantizedConvs { get; private init; }

    /// <summary>The int8 network came from <see cref="OcrInt8ModelCache"/>, without calibrating.</summary>
    public bool QuantizedFromCache { get; private init; }

    /// <summary>The output is the recogniser's logits, its last Softmax dropped (<see cref="RecognizerLogits"/>).</summary>
    public bool GivesLogits { get; private set; }

    /// <summary>The recogniser's classes when its CTC head is the library's fused operator (<see cref="FusedCtcHead"/>,
    /// read with <see cref="RunCtc{T}"/>); 0 when its output is the logits or probabilities.</summary>
    public int FusedCtcHeadClasses { get; private init; }

    /// <summary>The int8 network runs its hard-swish as table lookups (<see cref="OcrInt8Rewrite.LookupHardSwish"/>).</summary>
    public bool LookupHardSwish { get; private set; }

    /// <param name="foldBlocks">Rewrites PP-LCNetV3's blocks in memory first (<see cref="HardSwishBlockFolding"/>);
    /// <see cref="FoldedBlocks"/> says how many matched.</param>
    /// <param name="int8">When given, the convolutions are quantised to int8 (after folding) with
    /// activation ranges measured on its inputs (<see cref="OcrInt8Quantizer"/>).</param>
    /// <param name="int8Cache">Where the quantised network is looked up first and kept after
    /// quantising (<see cref="OcrInt8ModelCache"/>); none when null.</param>
    /// <param name="logits">Drops the recogniser's last Softmax when it has one (<see cref="GivesLogits"/>),
    /// after the int8 cache (whose entries keep it).</param>
    /// <param name="fusedCtcHead">With <paramref name="logits"/>: replaces the int8 CTC head by the library's fused operator
    /// when it has one (<see cref="FusedCtcHeadClasses"/>), after the int8 cache too; the options must register the library.</param>
    /// <exception cref="InvalidDataException">The file is not such a network; the message says why.</exception>
    public static OcrOnnxModel Open(string path, SessionOptions options, bool foldBlocks = false, OcrInt8Calibration? int8 = null, OcrInt8ModelCache? int8Cache = null,
        bool logits = false, bool fusedCtcHead = false)
    {
        var fileName = Path.GetFileName(path);
        var entry = int8 is not null ? int8Cache?.EntryPath(path, foldBlocks, int8.Rewrite) : null;
        if (entry is not null && int8Cache!.TryRead(entry) is { } cached)
        {
            try
            {
                var withoutSoftmax = logits ? RecognizerLogits.WithoutSoftmax(cached.Model) : null;
                var (head, classes) = Head(withoutSoftmax, fusedCtcHead);
                var cachedSession = OnnxSessionLoader.Load(fileName, head ?? cached.Model, options);
                var fromCache = Checked(cachedSession, fileName, cached.FoldedBlocks, cached.QuantizedConvs, fromCache: true, classes);
                fromCache.GivesLogits = withoutSoftmax is not null;
                fromCache.LookupHardSwish = int8!.Rewrite.LookupHardSwish && cached.QuantizedConvs > 0;
                return fromCache;
            }
            catch (InvalidDataException exception) when (exception.InnerException is OnnxRuntimeException)
            {
                int8Cache.Discard(entry, exception.Message);
            }
        }

        var (folded, quantized) = (0, 0);
        var model = foldBlocks ? TryFold(path, out folded) : null;
        if (int8 is not null)
        {
            model = TryQuantize(model ?? File.ReadAllBytes(path), int8, options.IntraOpNumThreads, out quantized) ?? model;
        }

        var logitsModel = logits ? RecognizerLogits.WithoutSoftmax(model ?? File.ReadAllBytes(path)) : null;
        var (headModel, headClasses) = Head(logitsModel, fusedCtcHead);
        var session = (headModel ?? model) is { } bytes ? OnnxSessionLoader.Load(fileName, bytes, options) : OnnxSessionLoader.Load(path, options);
        var opened = Checked(session, fileName, folded, quantized, fromCache: false, headClasses);
        opened.GivesLogits = logitsModel is not null;
        opened.LookupHardSwish = int8?.Rewrite.LookupHardSwish == true && quantized > 0;
        if (entry is not null && quantized > 0)
        {
            int8Cache!.Write(entry, new OcrInt8CachedModel(model!, folded, quantized));
        }

        return opened;
    }

    /// <summary>The logits model with its CTC head fused when asked and possible, and the classes (0 when not fused).</summary>
    private static (byte[]? Model, int Classes) Head(byte[]? logitsModel, bool fusedCtcHead) =>
        fusedCtcHead && logitsModel is not null && FusedCtcHead.Rewrite(logitsModel) is { } fused ? fused : (logitsModel, 0);

    /// <summary>Takes the session when it is a PP-OCR network's; disposes of it and throws otherwise.</summary>
    /// <param name="fusedClasses">The recogniser's classes when its head is fused (two outputs, best classes and sums); 0 otherwise.</param>
    private static OcrOnnxModel Checked(InferenceSession session, string fileName, int folded, int quantized, bool fromCache, int fusedClasses = 0)
    {
        try
        {
            var inputs = session.InputMetadata;
            if (inputs.Count != 1 || inputs.Values.Single() is not { ElementDataType: TensorElementType.Float, Dimensions.Length: 4 })
            {
                throw new InvalidDataException(
                    $"{fileName} is not a PP-OCR network: it should take one float image [N, 3, H, W], it declares {Describe(inputs)}.");
            }

            var outputs = session.OutputMetadata;
            string[] names = fusedClasses > 0
                ? [.. outputs.Where(output => output.Key.EndsWith(FusedCtcHead.BestOutputSuffix, StringComparison.Ordinal) && output.Value.ElementDataType == TensorElementType.Int32)
                    .Concat(outputs.Where(output => output.Key.EndsWith(FusedCtcHead.SumsOutputSuffix, StringComparison.Ordinal) && output.Value.ElementDataType == TensorElementType.Float))
                    .Select(output => output.Key)]
                : [.. outputs.Where(output => output.Value.ElementDataType == TensorElementType.Float).Select(output => output.Key)];
            if (outputs.Count != names.Length || names.Length != (fusedClasses > 0 ? 2 : 1))
            {
                throw new InvalidDataException(
                    $"{fileName} is not a PP-OCR network: it should give one float tensor, it declares {Describe(outputs)}.");
            }

            return new OcrOnnxModel(session, fileName, inputs.Keys.Single(), names)
            {
                FoldedBlocks = folded,
                QuantizedConvs = quantized,
                QuantizedFromCache = fromCache,
                FusedCtcHeadClasses = fusedClasses,
            };
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <returns>The folded model, or null when nothing matched or the bytes are not protobuf (ONNX
    /// Runtime then says what is wrong with the file, naming it).</returns>
    private static byte[]? TryFold(string path, out int folded)
    {
        try
        {
            (var model, folded) = HardSwishBlockFolding.Apply(File.ReadAllBytes(path));
            return folded > 0 ? model : null;
        }
        catch (InvalidDataException)
        {
            folded = 0;
            return null;
        }
    }

    /// <returns>The quantised model, or null when nothing could be quantised or the bytes are not
    /// protobuf (ONNX Runtime then says what is wrong with the file, naming it).</returns>
    private static byte[]? TryQuantize(byte[] model, OcrInt8Calibration int8, int intraOpThreads, out int quantized)
    {
        try
        {
            (var rewritten, quantized) = OcrInt8Quantizer.Quantize(model, int8.Inputs, intraOpThreads, int8.Rewrite);
            return quantized > 0 ? rewritten : null;
        }
        catch (Exception exception) when (exception is InvalidDataException or OnnxRuntimeException)
        {
            quantized = 0;
            return null;
        }
    }

    /// <summary>Runs a batch. <paramref name="input"/> is row-major [N, 3, H, W].</summary>
    /// <returns>The output, row-major, and its shape.</returns>
    public (float[] Values, int[] Shape) Run(float[] input, int batch, int height, int width, CancellationToken cancellationToken) =>
        Run(input, batch, height, width, (values, shape) => (values.ToArray(), shape), cancellationToken);

    /// <summary>Runs a batch and reads its output in place: no copy of it (the recogniser's is 6,625
    /// floats per step of 8 columns, about 100 MB per 150-dpi page).</summary>
    /// <returns>What <paramref name="read"/> returns.</returns>
    public T Run<T>(float[] input, int batch, int height, int width, OcrOutputReader<T> read, CancellationToken cancellationToken) =>
        Run(input.AsMemory(), batch, height, width, read, cancellationToken);

    /// <summary>As <see cref="Run{T}(float[], int, int, int, OcrOutputReader{T}, CancellationToken)"/>
    /// on the first [N, 3, H, W] values of <paramref name="input"/> (a pooled buffer may be longer).</summary>
    public T Run<T>(Memory<float> input, int batch, int height, int width, OcrOutputReader<T> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        using var outputs = RunSession(input, batch, height, width, cancellationToken);
        return read(outputs[0].GetTensorDataAsSpan<float>(), ShapeOf(outputs[0]));
    }

    /// <summary>Runs a batch through a recogniser whose CTC head is fused (<see cref="FusedCtcHeadClasses"/>) and reads
    /// its two outputs in place.</summary>
    /// <returns>What <paramref name="read"/> returns.</returns>
    public T RunCtc<T>(Memory<float> input, int batch, int height, int width, OcrCtcReader<T> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        using var outputs = RunSession(input, batch, height, width, cancellationToken);
        return read(outputs[0].GetTensorDataAsSpan<int>(), outputs[1].GetTensorDataAsSpan<float>(), ShapeOf(outputs[0]));
    }

    /// <summary>One run on the first [N, 3, H, W] values of <paramref name="input"/>; its outputs, in <c>_outputs</c>'
    /// order, stay valid until disposed.</summary>
    private IDisposableReadOnlyCollection<OrtValue> RunSession(Memory<float> input, int batch, int height, int width, CancellationToken cancellationToken)
    {
        using var value = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, input[..(batch * 3 * height * width)], [batch, 3, height, width]);
        return _session.RunCancellable(new Dictionary<string, OrtValue> { [_input] = value }, _outputs, cancellationToken);
    }

    private static int[] ShapeOf(OrtValue output) => [.. output.GetTensorTypeAndShape().Shape.Select(dimension => checked((int)dimension))];

    /// <summary>Ends ONNX Runtime's profiling (when the session options enabled it).</summary>
    /// <returns>The profile file's path.</returns>
    public string EndProfiling() => _session.EndProfiling();

    public void Dispose() => _session.Dispose();

    private static string Describe(IReadOnlyDictionary<string, NodeMetadata> metadata) =>
        string.Join(", ", metadata.Select(entry => $"{entry.Key} {entry.Value.ElementDataType}[{string.Join(", ", entry.Value.Dimensions)}]"));
}
