using System.Diagnostics;

namespace RagPlatform.Api.Tests.Hostile;

/// <summary>The same real PDF rewritten by qpdf (Debian package qpdf, scripts/packages-test.txt) into
/// the structures other producers write: object streams, QDF, uncompressed, linearized, encrypted
/// (AES-256 with an empty user password, RC4-40, and with a user password), and those cut and
/// bit-flipped. Where qpdf is missing there are none (the rest of the corpus still runs).</summary>
internal static class QpdfVariants
{
    private static readonly Lazy<string?> Executable = new(() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "qpdf"))
            .FirstOrDefault(File.Exists));

    public static bool Available => Executable.Value is not null;

    // --deterministic-id and --static-id (with --static-aes-iv) make the output the same every run.
    private static readonly (string Name, string[] Arguments)[] Rewrites =
    [
        ("object-streams", ["--deterministic-id", "--object-streams=generate"]),
        ("qdf", ["--deterministic-id", "--qdf", "--object-streams=disable"]),
        ("uncompressed", ["--deterministic-id", "--stream-data=uncompress"]),
        ("linearized", ["--deterministic-id", "--linearize"]),
        ("aes256-empty-password", ["--static-id", "--static-aes-iv", "--encrypt", "", "owner", "256", "--"]),
        ("rc4-40", ["--static-id", "--allow-weak-crypto", "--encrypt", "", "owner", "40", "--"]),
        ("aes256-user-password", ["--static-id", "--static-aes-iv", "--encrypt", "secret", "owner", "256", "--"]),
    ];

    /// <summary>The first pages of <paramref name="pdf"/> (pages "1-2", qpdf's syntax) rewritten with
    /// object streams: a real producer's structure at a size that reads quickly.</summary>
    public static byte[]? Excerpt(byte[] pdf, string pages) =>
        Run(pdf, ["--deterministic-id", "--object-streams=generate", "--pages", ".", pages, "--"]);

    public static IEnumerable<MalformedFile> Make(Random random, string label, byte[] pdf)
    {
        foreach (var (name, arguments) in Rewrites)
        {
            if (Run(pdf, arguments) is not { } rewritten)
            {
                continue;
            }

            yield return new("pdf/qpdf", $"{label}-qpdf-{name}.pdf", rewritten);
            foreach (var cut in Damage.CutOffsets(random, rewritten.Length, 7).Where(c => c > 64 && c < rewritten.Length - 1).Take(2))
            {
                yield return new("pdf/qpdf-damaged", $"{label}-qpdf-{name}-cut-at-{cut}.pdf", Damage.Truncate(rewritten, cut));
            }

            yield return new("pdf/qpdf-damaged", $"{label}-qpdf-{name}-flipped.pdf", Damage.Flip(random, rewritten, 10));
        }
    }

    private static byte[]? Run(byte[] pdf, string[] arguments)
    {
        if (Executable.Value is not { } qpdf)
        {
            return null;
        }

        var folder = Directory.CreateTempSubdirectory("ragplatform-qpdf-");
        try
        {
            var input = Path.Combine(folder.FullName, "in.pdf");
            var output = Path.Combine(folder.FullName, "out.pdf");
            File.WriteAllBytes(input, pdf);
            // qpdf [options] input [--pages . range --] output
            var pages = Array.IndexOf(arguments, "--pages") is var at and >= 0 ? at : arguments.Length;
            var start = new ProcessStartInfo(qpdf, [.. arguments[..pages], input, .. arguments[pages..], output])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            };
            using var process = Process.Start(start)!;
            var errors = process.StandardError.ReadToEnd();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            // 3: written with warnings (the damaged inputs of a later step): still a file to use.
            Assert.True(process.ExitCode is 0 or 3, $"qpdf {string.Join(' ', arguments)} failed: {errors}");
            return File.ReadAllBytes(output);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
