namespace RagPlatform.Infrastructure.Ocr;

/// <summary>Reads the fused CTC head's outputs (<see cref="FusedCtcHead"/>) where ONNX Runtime left them (valid only during the call).</summary>
/// <param name="best">Each step's best class, [lines, steps] row-major.</param>
/// <param name="sums">For the steps that emit a character, Σ exp(logit − best logit); 0 for the others.</param>
/// <param name="shape">[lines, steps].</param>
internal delegate T OcrCtcReader<out T>(ReadOnlySpan<int> best, ReadOnlySpan<float> sums, int[] shape);
