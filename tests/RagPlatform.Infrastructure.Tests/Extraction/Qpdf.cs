using System.Diagnostics;

namespace RagPlatform.Infrastructure.Tests.Extraction;

/// <summary>qpdf (Debian package qpdf), which writes encrypted PDFs. Tests that need it skip, saying
/// so, on machines without it; CI installs it.</summary>
internal static class Qpdf
{
    private static readonly Lazy<string?> Executable = new(() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "qpdf"))
            .FirstOrDefault(File.Exists));

    /// <summary>Encrypts with AES-256, the default of current PDF writers.</summary>
    public static async Task<byte[]> EncryptAsync(byte[] pdf, string userPassword, string ownerPassword)
    {
        var qpdf = Executable.Value;
        Assert.SkipWhen(qpdf is null, "qpdf is not installed (apt-get install qpdf); it makes the encrypted PDFs of this test.");

        var input = Path.GetTempFileName();
        var output = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(input, pdf, TestContext.Current.CancellationToken);
            var start = new ProcessStartInfo(qpdf!, ["--encrypt", userPassword, ownerPassword, "256", "--", input, output])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            };
            using var process = Process.Start(start)!;
            var errors = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            Assert.True(process.ExitCode == 0, $"qpdf failed: {errors}");
            return await File.ReadAllBytesAsync(output, TestContext.Current.CancellationToken);
        }
        finally
        {
            File.Delete(input);
            File.Delete(output);
        }
    }
}
