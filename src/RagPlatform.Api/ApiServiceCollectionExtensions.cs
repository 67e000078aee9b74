using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using RagPlatform.Api.Errors;
using RagPlatform.Api.Status;
using RagPlatform.Core.Documents;

namespace RagPlatform.Api;

/// <summary>What the HTTP host adds on top of the platform: JSON, errors, OpenAPI, limits, health.</summary>
internal static class ApiServiceCollectionExtensions
{
    public static IServiceCollection AddApiServices(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase)));
        // No problem detail tells where the server keeps its files.
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
            c.ProblemDetails.Detail = c.HttpContext.RequestServices.GetRequiredService<Security.ServerPaths>().Redact(c.ProblemDetails.Detail));
        services.AddExceptionHandler<KnownExceptionHandler>();
        services.AddOpenApi();
        services.AddPlatformHealthChecks();
        services.AddSingleton<ImageResponder>();

        // Request limits follow the Uploads section, so one setting governs Kestrel, the multipart
        // reader and the per-file check alike.
        services.AddOptions<FormOptions>().Configure<IOptions<UploadOptions>>((form, uploads) =>
        {
            form.MultipartBodyLengthLimit = uploads.Value.MaxRequestBytes;
            form.ValueCountLimit = 10_000;
        });
        services.AddOptions<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>().Configure<IOptions<UploadOptions>>((kestrel, uploads) =>
            kestrel.Limits.MaxRequestBodySize = uploads.Value.MaxRequestBytes);
        return services;
    }
}
