using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace RagPlatform.Infrastructure.Extraction.Isolation;

/// <summary>How an extractor process is started: <c>RagPlatform.Extractor.dll</c> from beside the
/// host's own binaries (it ships with the API and the ingest host, and the tests), run by the same
/// dotnet as the host with the host's dependency manifest and frameworks, under prlimit (util-linux) for its memory
/// and stack limits where prlimit exists.</summary>
/// <remarks>The host's manifest, not the extractor's own: a published host leaves out package
/// assemblies its shared framework already has, and the extractor's manifest would ask for them.</remarks>
internal static class ExtractorLaunch
{
    public const string ExtractorFileName = "RagPlatform.Extractor.dll";

    private const long Mebibyte = 1024 * 1024;

    private static readonly Lazy<string?> Prlimit = new(() => FindOnPath("prlimit"));

    /// <summary>False where the memory and stack limits rest on the runtime's own settings alone
    /// (no prlimit: the managed heap limit holds, native allocations are unbounded).</summary>
    public static bool HasProcessLimits => Prlimit.Value is not null;

    private static string ExtractorPath => Path.Combine(AppContext.BaseDirectory, ExtractorFileName);

    /// <summary>Why no extractor process can be started here, or null when one can.</summary>
    public static string? MissingReason() => File.Exists(ExtractorPath)
        ? null
        : $"the extractor ({ExtractorFileName}) is not beside the platform's binaries in {AppContext.BaseDirectory}: build or publish the host with it, or set Extraction:Isolation to InProcess.";

    /// <exception cref="InvalidOperationException">The extractor is not beside the host's binaries.</exception>
    public static ProcessStartInfo StartInfo(ExtractionOptions settings)
    {
        if (MissingReason() is { } missing)
        {
            throw new InvalidOperationException("The platform cannot isolate extraction: " + missing);
        }

        var info = new ProcessStartInfo
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };

        var memory = settings.MaxMemoryMegabytes * Mebibyte;
        var stack = settings.StackMegabytes * Mebibyte;
        if (Prlimit.Value is { } prlimit)
        {
            info.FileName = prlimit;
            info.ArgumentList.Add(Invariant($"--data={memory}"));
            info.ArgumentList.Add(Invariant($"--stack={stack}"));
            // A crash must not leave core files behind.
            info.ArgumentList.Add("--core=0");
            info.ArgumentList.Add(DotnetHost());
        }
        else
        {
            info.FileName = DotnetHost();
        }

        if (HostDependencyManifest() is { } manifest)
        {
            info.ArgumentList.Add("exec");
            if (ExtractorRuntimeConfig.Path is { } runtimeConfig)
            {
                info.ArgumentList.Add("--runtimeconfig");
                info.ArgumentList.Add(runtimeConfig);
            }

            info.ArgumentList.Add("--depsfile");
            info.ArgumentList.Add(manifest);
        }

        info.ArgumentList.Add(ExtractorPath);

        // Three quarters of the memory for the managed heap, the rest for native libraries; a hard
        // limit makes an oversized allocation fail in the process instead of growing it.
        info.Environment.Remove("DOTNET_GCHeapHardLimitPercent");
        info.Environment["DOTNET_GCHeapHardLimit"] = Hex(memory / 4 * 3);
        info.Environment["DOTNET_DefaultStackSize"] = Hex(stack);
        info.Environment["DOTNET_gcServer"] = "0";
        info.Environment["DOTNET_gcConcurrent"] = "0";

        // Profile-guided tiering instruments hot methods before recompiling them: a process that
        // reads twenty documents and ends pays for the instrumentation and rarely for long enough
        // to gain from it (about 7 ms of CPU per text page in the ingest benchmark).
        info.Environment["DOTNET_TieredPGO"] = "0";

        // Tiering compiles every hot method twice, first quickly, then optimised on a background
        // thread: about a tenth of an extractor's CPU in the ingest benchmark (perf: the tiering
        // thread alone, 1 s of CPU per process over 200 text pages). Optimising once from the start
        // costs more at the first page and saved 3-4 ms of CPU per text page over a process's life.
        info.Environment["DOTNET_TieredCompilation"] = "0";
        return info;
    }

    /// <summary>The dotnet host that runs this process, so the extractor runs on the same runtime:
    /// the shared framework lives in <c>&lt;root&gt;/shared/Microsoft.NETCore.App/&lt;version&gt;/</c>.</summary>
    private static string DotnetHost()
    {
        var name = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var candidates = new[]
        {
            Path.Combine(root, name),
            Environment.GetEnvironmentVariable("DOTNET_HOST_PATH"),
            Path.GetFileName(Environment.ProcessPath) == name ? Environment.ProcessPath : null,
        };
        return candidates.FirstOrDefault(File.Exists) ?? FindOnPath(name) ?? name;
    }

    /// <summary>The running host's deps.json (the first of the runtime's dependency files), when it
    /// describes the folder the extractor lives in.</summary>
    internal static string? HostDependencyManifest()
    {
        var manifest = (AppContext.GetData("APP_CONTEXT_DEPS_FILES") as string)?
            .Split(';', StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault();
        return manifest is not null && File.Exists(manifest)
            && string.Equals(Path.GetDirectoryName(Path.GetFullPath(manifest)), Path.GetFullPath(AppContext.BaseDirectory).TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal)
            ? manifest
            : null;
    }

    private static string? FindOnPath(string name) =>
        OperatingSystem.IsLinux() || name.StartsWith("dotnet", StringComparison.Ordinal)
            ? (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
                .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Select(folder => Path.Combine(folder, name))
                .FirstOrDefault(File.Exists)
            : null;

    private static string Hex(long value) => value.ToString("x", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
