namespace RagPlatform.Infrastructure.Tests.Extraction;

/// <summary>Bytes written to a file of their own for the length of a test.</summary>
internal sealed class TempPdf : IDisposable
{
    public TempPdf(byte[] content)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"ragplatform-pdf-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(Path, content);
    }

    public string Path { get; }

    public void Dispose() => File.Delete(Path);
}
