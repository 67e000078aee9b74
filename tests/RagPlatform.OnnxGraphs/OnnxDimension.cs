namespace RagPlatform.OnnxGraphs;

/// <summary>A dimension of a graph input or output: a fixed size, or a named symbol such as
/// "batch" that the runtime resolves per call.</summary>
public readonly record struct OnnxDimension(long Value, string? Symbol)
{
    public static OnnxDimension Fixed(long value) => new(value, null);

    public static OnnxDimension Named(string symbol) => new(0, symbol);

    public static implicit operator OnnxDimension(long value) => Fixed(value);

    public override string ToString() => Symbol ?? Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
