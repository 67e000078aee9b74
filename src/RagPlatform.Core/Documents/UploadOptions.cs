using System.ComponentModel.DataAnnotations;

namespace RagPlatform.Core.Documents;

/// <summary>Limits on uploads (appsettings section <c>Uploads</c>).</summary>
public sealed class UploadOptions
{
    public const string Section = "Uploads";

    /// <summary>Largest accepted file, in bytes (default 100 MB).</summary>
    [Range(1, long.MaxValue)]
    public long MaxFileBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>Largest accepted request body, in bytes (default 1 GiB): bounds the disk an upload
    /// of many files may fill before any file is looked at.</summary>
    [Range(1, long.MaxValue)]
    public long MaxRequestBytes { get; set; } = 1024L * 1024 * 1024;

    /// <summary>Most files in one request.</summary>
    [Range(1, 10_000)]
    public int MaxFilesPerRequest { get; set; } = 100;
}
