using Microsoft.Extensions.Options;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Search;
using RagPlatform.Infrastructure.Tests.Storage;
using RagPlatform.Storage.Sqlite;

namespace RagPlatform.Infrastructure.Tests.Vectors;

/// <summary>The calibration of a collection comes from its own vectors and their count, on the
/// embedded index (which reads each document's collection from the metadata database).</summary>
public sealed class CollectionDenseScoreCalibratorTests : IDisposable
{
    private readonly TemporaryStorage _storage = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_collection_is_calibrated_from_its_own_vectors_and_keeps_it_while_another_grows()
    {
        var index = _storage.OpenVectorIndex();
        var random = new RandomVectors(seed: 29, dimensions: 16);
        var inA = await NewDocumentAsync("a");
        var inB = await NewDocumentAsync("b");
        // a's passages all say nearly the same thing (text→text cosines near 1); b's are unrelated.
        var direction = random.Next();
        await index.UpsertAsync([.. Enumerable.Range(0, 40).Select(_ => Text(inA, "a", Near(direction, random.Next())))], Token);
        await index.UpsertAsync([.. Enumerable.Range(0, 60).Select(_ => Text(inB, "b", random.Next()))], Token);
        using var calibrator = new CollectionDenseScoreCalibrator(index, Options.Create(new SearchOptions()));

        var ofA = await calibrator.GetAsync("a", Token);
        var ofB = await calibrator.GetAsync("b", Token);

        Assert.Equal((40, 60), (ofA.SampledFrom, ofB.SampledFrom));
        Assert.True(ofA.Distribution(Modality.Text, Modality.Text).Mean > 0.9, $"a's text→text mean is {ofA.Distribution(Modality.Text, Modality.Text).Mean}");
        Assert.True(Math.Abs(ofB.Distribution(Modality.Text, Modality.Text).Mean) < 0.2, $"b's text→text mean is {ofB.Distribution(Modality.Text, Modality.Text).Mean}");

        // b doubles: only b is sampled again; every collection together counts all 160.
        await index.UpsertAsync([.. Enumerable.Range(0, 60).Select(_ => Text(inB, "b", random.Next()))], Token);

        Assert.Same(ofA, await calibrator.GetAsync("a", Token));
        Assert.Equal(120, (await calibrator.GetAsync("b", Token)).SampledFrom);
        Assert.Equal(160, (await calibrator.GetAsync(null, Token)).SampledFrom);
    }

    public void Dispose() => _storage.Dispose();

    private static VectorRecord Text(Guid documentId, string collection, float[] vector) =>
        new(Guid.NewGuid(), documentId, Modality.Text, vector) { Collection = collection };

    /// <summary>The direction nudged by a twentieth of the noise, of unit length again.</summary>
    private static float[] Near(float[] direction, float[] noise)
    {
        var vector = direction.Zip(noise, (d, n) => d + (0.05f * n)).ToArray();
        var length = MathF.Sqrt(vector.Sum(x => x * x));
        return [.. vector.Select(x => x / length)];
    }

    private async Task<Guid> NewDocumentAsync(string collection) =>
        (await new SqliteDocumentStore(_storage.OpenDatabase()).AddAsync(Samples.Document(collection: collection), Token)).Id;
}
