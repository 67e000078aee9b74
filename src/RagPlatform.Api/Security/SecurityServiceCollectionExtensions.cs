using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace RagPlatform.Api.Security;

/// <summary>API keys, the open-bind check, cross-site refusal, security headers and URL limits.</summary>
internal static class SecurityServiceCollectionExtensions
{
    /// <summary>Kestrel's request line limit: well above Auth:MaxRequestTargetLength, so that a long URL
    /// reaches <see cref="RequestTargetLimit"/> and gets an answer with a body. Beyond this Kestrel
    /// answers 414 itself, without one.</summary>
    public const int KestrelRequestLineBytes = 256 * 1024;

    /// <summary>The Host headers accepted when AllowedHosts is not set: loopback names only, so a page on
    /// a rebound DNS name cannot reach the server (appsettings.json says the same).</summary>
    public static readonly string[] LoopbackHosts = ["localhost", "127.0.0.1", "[::1]"];

    public static IServiceCollection AddApiSecurity(this IServiceCollection services)
    {
        services.AddOptions<HostFilteringOptions>().PostConfigure<IConfiguration>((hosts, configuration) =>
        {
            if (string.IsNullOrWhiteSpace(configuration["AllowedHosts"]))
            {
                hosts.AllowedHosts = LoopbackHosts;
            }
        });
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ApiKeyRing>();
        services.AddSingleton<ServerPaths>();
        services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestLineSize = KestrelRequestLineBytes);
        return services;
    }

    /// <summary>Before everything else: headers on every answer, long URLs refused before routing.</summary>
    public static IApplicationBuilder UseApiSecurityHeaders(this IApplicationBuilder app) =>
        app.UseMiddleware<SecurityHeaders>().UseMiddleware<RequestTargetLimit>();

    /// <summary>After the static files (which stay open): cross-site refusal, then keys, then the
    /// endpoints' own body limits.</summary>
    public static IApplicationBuilder UseApiKeys(this IApplicationBuilder app) =>
        app.UseMiddleware<CrossSiteRequestGuard>().UseMiddleware<ApiKeyAuthentication>().UseMiddleware<RequestBodyLimit>();
}
