namespace RagPlatform.Infrastructure.Ocr;

/// <summary>Reads a network's output where ONNX Runtime left it (valid only during the call).</summary>
/// <param name="values">The output, row-major.</param>
/// <param name="shape">Its shape.</param>
internal delegate T OcrOutputReader<out T>(ReadOnlySpan<float> values, int[] shape);
