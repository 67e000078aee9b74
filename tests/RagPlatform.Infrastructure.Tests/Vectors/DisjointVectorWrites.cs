using RagPlatform.Core.Documents;
using RagPlatform.Core.Search;
using RagPlatform.Vectors.Embedded;

namespace RagPlatform.Infrastructure.Tests.Vectors;

/// <summary>Seeded random writes (new rows, rows replaced with new vectors, documents deleted) for writers
/// that run concurrently yet never touch each other's rows: writer w owns the documents of
/// <see cref="VectorSnapshotFolder.Documents"/> whose index is w modulo <paramref name="writers"/>, and a row
/// stays in its writer's documents. So whatever the interleaving, the rows left are <see cref="Expected"/>.
/// Plans are drawn one after another on the test's thread (the vector source is not thread-safe).</summary>
internal sealed class DisjointVectorWrites(VectorSnapshotFolder files, int writers, int seed)
{
    private readonly Random _random = new(seed);
    private readonly Dictionary<Guid, VectorRecord> _expected = [];
    private int _nextItem = 1_000_000;

    /// <summary>The rows every write planned so far leaves, once all have run.</summary>
    public IReadOnlyCollection<VectorRecord> Expected => _expected.Values;

    /// <summary>Starts from rows already written (any document of <see cref="VectorSnapshotFolder.Documents"/>).</summary>
    public void Take(IEnumerable<VectorRecord> rows)
    {
        foreach (var row in rows)
        {
            _expected[row.ItemId] = row;
        }
    }

    /// <summary><paramref name="count"/> writes of <paramref name="writer"/>, to run in order; each appends
    /// at least one log record.</summary>
    public List<Func<EmbeddedVectorIndex, CancellationToken, Task>> Plan(int writer, int count) =>
        [.. Enumerable.Range(0, count).Select(_ => PlanOne(writer))];

    private Func<EmbeddedVectorIndex, CancellationToken, Task> PlanOne(int writer)
    {
        var owned = _expected.Values.Where(row => OwnerOf(row.DocumentId) == writer).ToList();
        var kind = _random.Next(10);
        if (kind >= 7 && kind < 9)
        {
            var document = DocumentOf(writer);
            foreach (var row in owned.Where(row => row.DocumentId == document))
            {
                _expected.Remove(row.ItemId);
            }

            return (index, cancellationToken) => index.DeleteDocumentAsync(document, cancellationToken);
        }

        var batch = new List<VectorRecord>();
        var fresh = kind < 4 || owned.Count == 0 ? _random.Next(40, 160) : kind == 9 ? _random.Next(10, 40) : 0;
        for (var i = 0; i < fresh; i++)
        {
            batch.Add(new VectorRecord(new Guid(_nextItem++, 0, 0, [1, 2, 3, 4, 5, 6, 7, 8]), DocumentOf(writer), (Modality)_random.Next(3), Vector()));
        }

        var replaced = kind >= 4 && owned.Count > 0 ? _random.Next(20, 80) : 0;
        for (var i = 0; i < replaced; i++)
        {
            // Some move to another of the writer's documents; an id may come twice (the later wins).
            var row = owned[_random.Next(owned.Count)];
            batch.Add(row with { Vector = Vector(), DocumentId = _random.Next(3) == 0 ? DocumentOf(writer) : row.DocumentId });
        }

        if (kind == 9 && batch.Count > 0)
        {
            batch.Add(batch[0] with { Vector = Vector() }); // the same batch replaces a row it just wrote
        }

        foreach (var row in batch)
        {
            _expected[row.ItemId] = row;
        }

        return (index, cancellationToken) => index.UpsertAsync(batch, cancellationToken);
    }

    private int OwnerOf(Guid document) => Array.IndexOf(files.Documents, document) % writers;

    private Guid DocumentOf(int writer) =>
        files.Documents[writer + (writers * _random.Next(files.Documents.Length / writers))];

    private float[] Vector() => files.Data.Near(files.Centres[_random.Next(files.Centres.Count)], 0.5f);
}
