using System.Reflection;
using System.Runtime.InteropServices;
using SQLitePCL;

namespace RagPlatform.Storage.Sqlite;

/// <summary>Points Microsoft.Data.Sqlite at the system's libsqlite3 (Debian's libsqlite3-0, built
/// with FTS5).</summary>
/// <remarks>Why not the bundled e_sqlite3: libvips pulls the system libsqlite3 into the process for
/// PDF rendering, and two SQLite builds in one process resolve each other's exported symbols — FTS5
/// of one calling blob functions of the other — which crashes. With one SQLite there is nothing to
/// mix up.</remarks>
internal static class SystemSqlite
{
    private static readonly Lazy<bool> Initialization = new(Initialize);

    /// <summary>Safe to call from anywhere, any number of times; the first call does the work.</summary>
    public static void EnsureInitialized() => _ = Initialization.Value;

    private static bool Initialize()
    {
        NativeLibrary.SetDllImportResolver(typeof(SQLite3Provider_sqlite3).Assembly, ResolveSqlite);
        raw.SetProvider(new SQLite3Provider_sqlite3());
        return true;
    }

    /// <summary>The provider imports "sqlite3"; without the -dev package only the versioned
    /// libsqlite3.so.0 exists, which the default probing never tries.</summary>
    private static IntPtr ResolveSqlite(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != "sqlite3")
        {
            return IntPtr.Zero;
        }

        foreach (var candidate in (string[])["libsqlite3.so.0", "libsqlite3.so", "libsqlite3.0.dylib", "sqlite3"])
        {
            if (NativeLibrary.TryLoad(candidate, assembly, searchPath, out var handle))
            {
                return handle;
            }
        }

        throw new DllNotFoundException("The system SQLite library (libsqlite3.so.0) is missing: install it (Debian: apt-get install libsqlite3-0).");
    }
}
