using System.Diagnostics;

namespace RagPlatform.Api.Tests.Hosting;

/// <summary>The API process itself with a bad setting: one clean line naming the key in both
/// spellings and a non-zero exit, no unhandled exception and no stack trace.</summary>
public sealed class BadSettingStartTests
{
    [Fact]
    public async Task A_bad_setting_ends_the_api_process_with_one_line_naming_the_key_and_exit_code_2()
    {
        var folder = AppContext.BaseDirectory;
        var start = new ProcessStartInfo("dotnet", [Path.Combine(folder, "RagPlatform.Api.dll")])
        {
            WorkingDirectory = folder,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.Environment["Search__DenseWeight"] = "-1";
        start.Environment["Storage__DataDirectory"] = Path.Combine(Path.GetTempPath(), "ragplatform-tests", Guid.NewGuid().ToString("N"));
        start.Environment["Urls"] = "http://127.0.0.1:0";

        using var process = Process.Start(start)!;
        var errorTask = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        var outputTask = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);
        var error = await errorTask;

        Assert.Equal(2, process.ExitCode);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("Invalid setting Search:DenseWeight (environment variable Search__DenseWeight):", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error + await outputTask, StringComparison.Ordinal);
    }
}
