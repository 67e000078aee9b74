using System.ComponentModel.DataAnnotations;

namespace RagPlatform.Storage.Files;

/// <summary>The "Storage" section: which engines hold metadata and vectors, and the data folder
/// where the embedded engines and the blobs keep their files.</summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string SectionName = "Storage";

    /// <summary>The metadata, lexical index and job queue engine.</summary>
    public MetadataBackend Metadata { get; set; } = MetadataBackend.Sqlite;

    /// <summary>The vector engine.</summary>
    public VectorBackend Vectors { get; set; } = VectorBackend.Embedded;

    /// <summary>Folder holding ragplatform.db and blobs/. A relative path is resolved against the
    /// process's current directory.</summary>
    [Required(AllowEmptyStrings = false)]
    public string DataDirectory { get; set; } = "data";

    /// <summary>How long a statement waits for another connection's write lock before failing, in
    /// milliseconds. Writers (API and ingestion worker) take turns on one database file.</summary>
    [Range(0, 600_000)]
    public int BusyTimeoutMilliseconds { get; set; } = 30_000;

    /// <summary>From this many vectors on, a vector search scans segments on all cores; below it the
    /// cost of fanning out exceeds the scan itself.</summary>
    [Range(0, int.MaxValue)]
    public int ParallelScanThreshold { get; set; } = 32_768;

    /// <summary>How the embedded vector index scans: <see cref="VectorScanMode.Quantized"/> (int8
    /// codes in memory, about dimensions + 50 bytes a row; the best candidates are re-scored exactly
    /// with fp32 vectors read back from the vector log) or <see cref="VectorScanMode.Exact"/> (fp32
    /// vectors held in memory instead of codes, the scan's input: about 4 × dimensions + 45 bytes a
    /// row).</summary>
    [EnumDataType(typeof(VectorScanMode))]
    public VectorScanMode VectorScan { get; set; } = VectorScanMode.Quantized;

    /// <summary>Space kept in a file of the data folder and freed when a delete finds the disk full,
    /// so that space can always be freed through the API (SQLite needs room to delete). 0 keeps none.</summary>
    [Range(0, 1024)]
    public int ReservedSpaceMegabytes { get; set; } = 16;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // The embedded index reads each vector's document and collection from the SQLite file's
        // documents table: without SQLite metadata that table stays empty.
        if (Vectors == VectorBackend.Embedded && Metadata != MetadataBackend.Sqlite)
        {
            yield return new ValidationResult(
                $"Vectors=Embedded keeps vectors beside SQLite metadata; with Metadata={Metadata} choose Vectors=Qdrant or Vectors=PgVector.",
                [nameof(Vectors)]);
        }
    }
}
