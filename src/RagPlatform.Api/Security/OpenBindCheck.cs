using Microsoft.Extensions.Options;

namespace RagPlatform.Api.Security;

/// <summary>Refuses to start a server that another machine could reach while it asks for no key.</summary>
internal static class OpenBindCheck
{
    /// <summary>False (after one line on <paramref name="error"/>) when the server would listen on a
    /// non-loopback address with no key configured.</summary>
    public static async Task<bool> TryCheckAsync(IServiceProvider services, IConfiguration configuration, TextWriter error, CancellationToken cancellationToken)
    {
        var options = services.GetRequiredService<IOptions<AuthOptions>>().Value;
        var exposed = BindAddresses.NotLoopback(configuration);
        if (exposed.Count == 0 || options.AllowKeylessOnAnyAddress)
        {
            return true;
        }

        var ring = services.GetRequiredService<ApiKeyRing>();
        if ((await ring.GetAsync(cancellationToken)).Protects)
        {
            return true;
        }

        await error.WriteLineAsync(
            $"Refusing to listen on {string.Join(", ", exposed)} without an API key: anyone who reaches that address could read and delete every document. " +
            $"Create a key first (rag keys create --name admin --scope admin --data <the Storage:DataDirectory folder>; it is stored in {ApiKeyFileName(ring)}), or listen on localhost only (Urls=http://localhost:5080).");
        return false;
    }

    private static string ApiKeyFileName(ApiKeyRing ring) => Path.GetFullPath(ring.FilePath);
}
