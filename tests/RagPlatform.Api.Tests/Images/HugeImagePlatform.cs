using RagPlatform.Api.Tests.Support;

namespace RagPlatform.Api.Tests.Images;

/// <summary>One platform with one 9990 × 9990 PNG (about 100 megapixels, a few hundred KB) ingested,
/// shared by the tests of serving it.</summary>
public sealed class HugeImagePlatform : IAsyncLifetime
{
    public const int Side = 9990;

    private PlatformFactory? _factory;

    public PlatformFactory Factory => _factory ?? throw new InvalidOperationException("Not started.");

    public PlatformClient Client { get; private set; } = null!;

    public Guid DocumentId { get; private set; }

    public Guid ImageItemId { get; private set; }

    /// <summary>The document's derived-image folder on disk.</summary>
    public string DerivedFolder => Path.Combine(Factory.DataDirectory, "blobs", "documents", DocumentId.ToString("N"), "derived");

    public async ValueTask InitializeAsync()
    {
        _factory = new PlatformFactory(withModel: false);
        Client = new PlatformClient(_factory.CreateClient());
        var details = await Client.IngestAsync(LargeImages.FlatPng(Side), "huge.png");
        DocumentId = details.Document.Id;
        ImageItemId = details.Items.First(i => i.Modality == Core.Documents.Modality.Image).Id;
    }

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }
}
