using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using RagPlatform.Infrastructure.Ocr.Quantization;

namespace RagPlatform.Infrastructure.Ocr;

/// <summary>The platform's ONNX Runtime operator library (src/native, built by scripts/build-native.sh): a uint8
/// table lookup that runs the int8 networks' hard-swish in one vectorised pass (u8lookup.c,
/// <see cref="OcrInt8Rewrite.LookupHardSwish"/>), and the recogniser's CTC head fused with the decoder's best-class
/// search (ctchead.c, <see cref="FusedCtcHead"/>). Optional: without it the networks run hard-swish as ONNX Runtime's
/// QLinearAdd and QLinearMul and the head as its MatMulIntegerToFloat, as before.</summary>
internal sealed class OcrOperatorLibrary
{
    /// <summary>The library's file name, beside the application's assemblies by default.</summary>
    public const string FileName = "libragplatform_ocr.so";

    private const string EntryPoint = "RegisterCustomOps";

    private const string CtcHeadVectorisedExport = "RagPlatformCtcHeadVectorised";

    private OcrOperatorLibrary(string path, bool vectorisedCtcHead)
    {
        Path = path;
        VectorisedCtcHead = vectorisedCtcHead;
    }

    public string Path { get; }

    /// <summary>The library's fused CTC head (<see cref="FusedCtcHead"/>) runs its vectorised loops on this CPU (AVX-512 VNNI);
    /// its portable ones are slower than ONNX Runtime's unfused head, which the recogniser then keeps.</summary>
    public bool VectorisedCtcHead { get; }

    /// <summary>The library at <paramref name="configuredPath"/> (relative to the application's folder), or
    /// <see cref="FileName"/> beside the application when empty, when it loads and has ONNX Runtime's entry point.</summary>
    /// <param name="reason">Why there is none: the path and what is wrong with it.</param>
    public static OcrOperatorLibrary? Find(string? configuredPath, out string? reason)
    {
        var path = System.IO.Path.GetFullPath(string.IsNullOrWhiteSpace(configuredPath) ? FileName : configuredPath, AppContext.BaseDirectory);
        if (!OperatingSystem.IsLinux())
        {
            reason = $"{path}: the library is built for Linux only";
            return null;
        }

        if (!File.Exists(path))
        {
            reason = $"{path} does not exist (scripts/build-native.sh builds it; it needs gcc)";
            return null;
        }

        if (!NativeLibrary.TryLoad(path, out var handle))
        {
            reason = $"{path} cannot be loaded as a native library";
            return null;
        }

        try
        {
            reason = NativeLibrary.TryGetExport(handle, EntryPoint, out _) ? null : $"{path} has no {EntryPoint} entry point";
            return reason is null ? new OcrOperatorLibrary(path, VectorisedCtcHeadIn(handle)) : null;
        }
        finally
        {
            // ONNX Runtime loads it again for each session's options, and keeps it while they need it.
            NativeLibrary.Free(handle);
        }
    }

    private static unsafe bool VectorisedCtcHeadIn(IntPtr handle) =>
        NativeLibrary.TryGetExport(handle, CtcHeadVectorisedExport, out var export) && ((delegate* unmanaged<int>)export)() != 0;

    /// <summary>Registers the library's operators with <paramref name="options"/>.</summary>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime refused the library.</exception>
    public void Register(SessionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.RegisterCustomOpLibrary(Path);
    }
}
