using RagPlatform.Core.Access;

namespace RagPlatform.Api.Security;

/// <summary>The key file as last read.</summary>
/// <param name="Unreadable">The file exists but could not be read: every key is refused (fail closed)
/// until it is fixed.</param>
internal sealed record KeyRingSnapshot(IReadOnlyList<ApiKey> Keys, bool Unreadable, DateTime WrittenAt, long Length, bool Exists)
{
    public static KeyRingSnapshot None { get; } = new([], false, DateTime.MinValue, -1, false);

    /// <summary>Keys are asked for once the file lists any key, even a revoked one: revoking the last key
    /// must not open the server.</summary>
    public bool Protects => Unreadable || Keys.Count > 0;

    public bool HasActiveKey => Keys.Any(k => k.IsActive);
}
