namespace RagPlatform.Core.Access;

/// <summary>What a key may do; each scope includes the ones before it (admin ⊇ write ⊇ read).</summary>
public enum ApiKeyScope
{
    /// <summary>Lists, downloads, searches and asks.</summary>
    Read = 0,

    /// <summary>Also uploads, re-indexes and deletes.</summary>
    Write = 1,

    /// <summary>Everything.</summary>
    Admin = 2,
}
