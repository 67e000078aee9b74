using System.Net;

namespace RagPlatform.Api.Security;

/// <summary>The addresses the server is configured to listen on (Urls / ASPNETCORE_URLS / --urls,
/// ASPNETCORE_HTTP_PORTS and HTTPS_PORTS, Kestrel:Endpoints), and which of them another machine could reach.</summary>
internal static class BindAddresses
{
    /// <summary>The configured addresses; ASP.NET Core's default (http://localhost:5000) when none is.</summary>
    public static IReadOnlyList<string> Configured(IConfiguration configuration)
    {
        var urls = new List<string>();
        urls.AddRange(Split(configuration["urls"]));
        urls.AddRange(Split(configuration["http_ports"]).Select(p => $"http://*:{p}"));
        urls.AddRange(Split(configuration["https_ports"]).Select(p => $"https://*:{p}"));
        urls.AddRange(configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"]).OfType<string>());
        return urls.Count > 0 ? urls : ["http://localhost:5000"];
    }

    public static IReadOnlyList<string> NotLoopback(IConfiguration configuration) =>
        Configured(configuration).Where(url => !IsLoopback(url)).ToList();

    /// <summary>True for localhost, 127.0.0.0/8 and ::1; false for wildcards (*, +, 0.0.0.0, [::]),
    /// other names (Kestrel binds those to every interface) and any other address.</summary>
    public static bool IsLoopback(string url)
    {
        var host = HostOf(url);
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address);
    }

    private static string HostOf(string url)
    {
        var rest = url.Contains("://", StringComparison.Ordinal) ? url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..] : url;
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        rest = slash >= 0 ? rest[..slash] : rest;
        if (rest.StartsWith('['))
        {
            var close = rest.IndexOf(']', StringComparison.Ordinal);
            return close > 0 ? rest[..(close + 1)] : rest;
        }

        var colon = rest.LastIndexOf(':');
        return colon >= 0 ? rest[..colon] : rest;
    }

    private static string[] Split(string? value) =>
        (value ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
