using System.Globalization;
using System.Runtime.InteropServices;

namespace RagPlatform.Benchmarks.Harness;

/// <summary>What the numbers were measured on. The load average is recorded before and after a
/// suite because this machine is shared (other builds running make numbers noisy).</summary>
internal sealed record MachineSnapshot(
    string Cpu,
    int LogicalCores,
    double TotalMemoryGiB,
    string OperatingSystem,
    string Runtime,
    string OnnxRuntimeVersion,
    string LoadAverage)
{
    public static MachineSnapshot Take() => new(
        ReadCpuModel(),
        Environment.ProcessorCount,
        Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024), 1),
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        Microsoft.ML.OnnxRuntime.OrtEnv.Instance().GetVersionString(),
        ReadLoadAverage());

    /// <summary>The 1, 5 and 15 minute load averages (Linux), or "n/a".</summary>
    public static string ReadLoadAverage()
    {
        const string path = "/proc/loadavg";
        if (!File.Exists(path))
        {
            return "n/a";
        }

        var fields = File.ReadAllText(path).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return string.Join(' ', fields.Take(3));
    }

    private static string ReadCpuModel()
    {
        const string path = "/proc/cpuinfo";
        var model = File.Exists(path)
            ? File.ReadLines(path).FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal))
            : null;
        return model is null
            ? RuntimeInformation.ProcessArchitecture.ToString()
            : model[(model.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Cpu}, {LogicalCores} logical cores, {TotalMemoryGiB} GiB, {OperatingSystem}, {Runtime}, ONNX Runtime {OnnxRuntimeVersion}, load {LoadAverage}");
}
