using System.Data.Common;

namespace RagPlatform.Core.Documents;

/// <summary>Whether the last storage write failed for lack of space (health reports it as degraded
/// until a write succeeds again), and how such a failure is recognised.</summary>
public sealed class StorageSpace
{
    // ENOSPC on Linux and macOS; ERROR_HANDLE_DISK_FULL and ERROR_DISK_FULL on Windows.
    private const int NoSpaceErrno = 28;
    private const int WindowsHandleDiskFull = unchecked((int)0x80070027);
    private const int WindowsDiskFull = unchecked((int)0x80070070);

    // SQLITE_FULL: the database could not grow its file or journal. Its exception carries the code in
    // a property of its own (ErrorCode is a generic E_FAIL), read by name: Core references no
    // database package.
    private const int SqliteFull = 13;
    private const string SqliteErrorCodeProperty = "SqliteErrorCode";

    private volatile bool _short;

    /// <summary>True from a write that failed for lack of space until one that succeeded.</summary>
    public bool IsShort => _short;

    /// <summary>True when the exception, or one inside it, means the storage ran out of space.</summary>
    public static bool IsOutOfSpace(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            var full = current switch
            {
                IOException io => io.HResult is NoSpaceErrno or WindowsHandleDiskFull or WindowsDiskFull,
                DbException db => db.GetType().GetProperty(SqliteErrorCodeProperty)?.GetValue(db) is SqliteFull,
                _ => false,
            };
            if (full)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Records the outcome of a storage write: out of space when the exception says so.
    /// Returns whether it was a lack of space.</summary>
    public bool Observe(Exception exception)
    {
        if (!IsOutOfSpace(exception))
        {
            return false;
        }

        _short = true;
        return true;
    }

    /// <summary>A storage write succeeded: there is space again.</summary>
    public void ObserveSuccess() => _short = false;
}
