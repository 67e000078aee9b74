using System.Diagnostics;
using System.Text;

namespace RagPlatform.Cli.Eval;

/// <summary>The text of each page of a PDF as poppler's `pdftotext` reads it: the reference reader
/// the page baseline is built on, independent of the platform's own extraction.</summary>
internal static class PdfPageTexts
{
    public const string Tool = "pdftotext";

    /// <summary>One string per page, in page order. `pdftotext` ends every page with a form feed.</summary>
    /// <exception cref="InvalidOperationException">pdftotext is missing or fails on the file.</exception>
    public static async Task<IReadOnlyList<string>> ReadAsync(string pdfPath, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-q", "-enc", "UTF-8", pdfPath, "-" })
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{Tool} did not start.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"{Tool} is not installed (Debian: poppler-utils): {ex.Message}", ex);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{Tool} failed on {pdfPath} (exit {process.ExitCode}): {(await error).Trim()}");
            }

            var pages = (await output).Split('\f');
            // The text after the last form feed is empty: it is no page.
            return pages.Length > 1 && pages[^1].Length == 0 ? pages[..^1] : pages;
        }
    }
}
