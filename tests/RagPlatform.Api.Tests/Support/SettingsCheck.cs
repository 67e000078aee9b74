using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using RagPlatform.Hosting;

namespace RagPlatform.Api.Tests.Support;

/// <summary>Runs the platform's start-up check of its settings on the real registrations, without
/// starting a server: deterministic, where a failed WebApplicationFactory start races its own
/// disposal and can surface as an ObjectDisposedException instead of the validation error.</summary>
internal static class SettingsCheck
{
    /// <returns>The one-line report per problem the hosts print, or null when the settings are valid.</returns>
    public static string? ProblemsWith(IReadOnlyDictionary<string, string> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)));
        builder.Services.AddRagPlatform(builder.Configuration);
        using var host = builder.Build();
        using var problems = new StringWriter();
        return InvalidSettings.TryCheck(host.Services, problems) ? null : problems.ToString();
    }
}
