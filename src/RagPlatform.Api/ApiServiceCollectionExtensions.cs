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
        // Every problem has a human detail — routing's own 404 (an id that is not a GUID) and binding's
        // 400 (thrown, then worded by KnownExceptionHandler) included — and none tells where the
        // server keeps its files.
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            ProblemDetailDefaults.Fill(c);
            c.ProblemDetails.Detail = c.HttpContext.RequestServices.GetRequiredService<Security.ServerPaths>().Redact(c.ProblemDetails.Detail);
        });
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<StorageFullExceptionHandler>();
        services.AddExceptionHandler<KnownExceptionHandler>();
        services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "RagPlatform API";
            document.Info.Description = ApiReference.Introduction;
            return Task.CompletedTask;
        }));
        services.AddPlatformHealthChecks();
        services.AddSingleton<ImageResponder>();

        // Request limits follow the Uploads section, so one setting governs Kestrel, the multipart
        // reader and the per-file check alike. The reader's limit is per part: a file that passes
        // MaxFileBytes is refused as soon as it does, not after the whole body is spooled to disk.
        services.AddOptions<FormOptions>().Configure<IOptions<UploadOptions>>((form, uploads) =>
        {
            form.MultipartBodyLengthLimit = Math.Min(uploads.Value.MaxFileBytes, uploads.Value.MaxRequestBytes);
            form.ValueCountLimit = 10_000;
        });
        services.AddOptions<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>().Configure<IOptions<UploadOptions>>((kestrel, uploads) =>
            kestrel.Limits.MaxRequestBodySize = uploads.Value.MaxRequestBytes);
        return services;
    }
}
