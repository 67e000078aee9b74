using System.Diagnostics;
using System.Globalization;

namespace RagPlatform.Benchmarks.Ingest;

/// <summary>The reference engine: Debian's tesseract (apt-get install tesseract-ocr
/// tesseract-ocr-eng), English, default page segmentation. Images are written to files and split
/// among <c>processes</c> tesseract processes, each reading its share from a list file in one run
/// (the language model loads once per process, not once per image) with OMP_THREAD_LIMIT=1, so that
/// each process uses one core, as one platform reader with one ONNX thread does.</summary>
internal static class TesseractReader
{
    /// <summary>The first line of <c>tesseract --version</c>, or null when it is not installed.</summary>
    public static async Task<string?> VersionAsync(CancellationToken cancellationToken)
    {
        try
        {
            var (output, _) = await RunAsync(["--version"], cancellationToken).ConfigureAwait(false);
            return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <returns>The text read from each image, in the order given, the wall time of all processes and
    /// their CPU time (user + system, from bash's <c>times</c>).</returns>
    public static async Task<(string[] Texts, TimeSpan Elapsed, TimeSpan Cpu)> ReadAsync(IReadOnlyList<OcrBenchImage> images, int processes, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("ocr-bench-tesseract-");
        try
        {
            var paths = new string[images.Count];
            for (var i = 0; i < images.Count; i++)
            {
                paths[i] = Path.Combine(directory.FullName, images[i].Name + ".png");
                await File.WriteAllBytesAsync(paths[i], images[i].Png, cancellationToken).ConfigureAwait(false);
            }

            var shares = Enumerable.Range(0, processes).Select(p => Enumerable.Range(0, images.Count).Where(i => i % processes == p).ToArray()).Where(s => s.Length > 0).ToArray();
            var lists = new string[shares.Length];
            for (var p = 0; p < shares.Length; p++)
            {
                lists[p] = Path.Combine(directory.FullName, $"list-{p}.txt");
                await File.WriteAllLinesAsync(lists[p], shares[p].Select(i => paths[i]), cancellationToken).ConfigureAwait(false);
            }

            var clock = Stopwatch.StartNew();
            var outputs = await Task.WhenAll(lists.Select(list => RunAsync([list, "stdout", "-l", "eng"], cancellationToken, timed: true))).ConfigureAwait(false);
            var elapsed = clock.Elapsed;
            var cpu = outputs.Aggregate(TimeSpan.Zero, (sum, output) => sum + ChildCpu(output.Errors));

            var texts = new string[images.Count];
            for (var p = 0; p < shares.Length; p++)
            {
                // Tesseract ends each image's text with a form feed.
                var pages = outputs[p].Output.Split('\f');
                if (pages.Length < shares[p].Length)
                {
                    throw new InvalidOperationException($"tesseract gave {pages.Length} pages for {shares[p].Length} images: {outputs[p].Errors}");
                }

                for (var j = 0; j < shares[p].Length; j++)
                {
                    texts[shares[p][j]] = pages[j];
                }
            }

            return (texts, elapsed, cpu);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>The children's user and system time from the last line bash's <c>times</c> printed
    /// ("0m1.234s 0m0.056s").</summary>
    private static TimeSpan ChildCpu(string errors)
    {
        var last = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return last.Aggregate(TimeSpan.Zero, (sum, part) =>
        {
            var minutes = part.Split('m');
            return sum + TimeSpan.FromMinutes(int.Parse(minutes[0], CultureInfo.InvariantCulture))
                + TimeSpan.FromSeconds(double.Parse(minutes[1].TrimEnd('s'), CultureInfo.InvariantCulture));
        });
    }

    /// <param name="timed">Runs tesseract under bash, which then prints its CPU time (<c>times</c>) to standard error.</param>
    private static async Task<(string Output, string Errors)> RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken, bool timed = false)
    {
        var start = timed
            ? new ProcessStartInfo("bash", ["-c", "tesseract \"$@\" || exit $?; times >&2", "bash", .. arguments]) { RedirectStandardOutput = true, RedirectStandardError = true }
            : new ProcessStartInfo("tesseract", arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["OMP_THREAD_LIMIT"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("tesseract cannot be started.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"tesseract failed ({process.ExitCode}): {await errors.ConfigureAwait(false)}");
        }

        return (await output.ConfigureAwait(false), await errors.ConfigureAwait(false));
    }
}
