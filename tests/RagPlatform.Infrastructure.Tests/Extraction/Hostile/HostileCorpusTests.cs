namespace RagPlatform.Infrastructure.Tests.Extraction.Hostile;

/// <summary>The corpus on disk is what <see cref="HostilePdfs"/> makes, and its README says what each
/// file is. Set RAG_WRITE_HOSTILE_CORPUS=1 to write the corpus again from the generators.</summary>
public sealed class HostileCorpusTests
{
    // Deflated with .NET's zlib, whose output may change between runtime versions.
    private static readonly HashSet<string> Compressed = ["deep-content-arrays.pdf", "inflation-bomb.pdf"];

    [Fact]
    public async Task Every_hostile_file_is_in_the_corpus_with_a_line_in_its_readme()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        if (Environment.GetEnvironmentVariable("RAG_WRITE_HOSTILE_CORPUS") == "1")
        {
            foreach (var (name, make) in HostilePdfs.All)
            {
                await File.WriteAllBytesAsync(HostileCorpus.PathOf(name), make(), cancellationToken);
            }
        }

        var readme = await File.ReadAllTextAsync(HostileCorpus.PathOf("README.md"), cancellationToken);
        var onDisk = Directory.GetFiles(HostileCorpus.Folder, "*.pdf").Select(Path.GetFileName).Order();

        Assert.Equal(HostilePdfs.All.Keys.Order(), onDisk);
        Assert.All(HostilePdfs.All.Keys, name => Assert.Contains($"`{name}`", readme, StringComparison.Ordinal));
    }

    [Fact]
    public void The_uncompressed_corpus_files_are_byte_for_byte_what_the_generators_make()
    {
        foreach (var (name, make) in HostilePdfs.All.Where(file => !Compressed.Contains(file.Key)))
        {
            Assert.True(make().SequenceEqual(File.ReadAllBytes(HostileCorpus.PathOf(name))), $"{name} differs from its generator.");
        }
    }
}
