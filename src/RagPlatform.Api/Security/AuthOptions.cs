using RagPlatform.Core.Access;

namespace RagPlatform.Api.Security;

/// <summary>The Auth section. Keys themselves live in <c>keys.json</c> in the data folder (see
/// <see cref="ApiKeyFile"/>), made with `rag keys create`.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>Ask for a key even while no key exists (every /api request is then refused). Once the key
    /// file lists a key, keys are required whatever this says.</summary>
    public bool RequireKeys { get; set; }

    /// <summary>Let the API listen on a non-loopback address without any key. Only for a container whose
    /// port is published on the host's loopback alone (docker-compose.yml); never on a reachable address.</summary>
    public bool AllowKeylessOnAnyAddress { get; set; }

    /// <summary>Longest accepted path and query string, in characters; longer ones get a 414 problem.
    /// (Kestrel's own request-line limit is raised above this so that the answer can have a body.)</summary>
    [System.ComponentModel.DataAnnotations.Range(1024, 65536)]
    public int MaxRequestTargetLength { get; set; } = 16384;
}
