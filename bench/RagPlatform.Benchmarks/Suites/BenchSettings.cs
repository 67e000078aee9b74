using System.Globalization;
using RagPlatform.Benchmarks.Onnx.Clip;

namespace RagPlatform.Benchmarks.Suites;

/// <summary>Options every suite shares.</summary>
/// <param name="IntraOpThreads">ONNX Runtime threads per operator; null = its default (physical cores).</param>
internal sealed record BenchSettings(string ModelsDirectory, string ResultsDirectory, ulong Seed, bool Tiny, int? IntraOpThreads)
{
    public ClipArchitecture Architecture => Tiny ? ClipArchitecture.Tiny : ClipArchitecture.VitB32;

    public Dictionary<string, string> Describe() => new(StringComparer.Ordinal)
    {
        ["architecture"] = Architecture.Name,
        ["seed"] = Seed.ToString(CultureInfo.InvariantCulture),
        ["modelsDirectory"] = ModelsDirectory,
        ["intraOpThreads"] = IntraOpThreads?.ToString(CultureInfo.InvariantCulture) ?? "default",
    };
}
