using RagPlatform.Api;
using RagPlatform.Api.Chat;
using RagPlatform.Api.Collections;
using RagPlatform.Api.Documents;
using RagPlatform.Api.Items;
using RagPlatform.Api.Search;
using RagPlatform.Api.Security;
using RagPlatform.Api.Status;
using RagPlatform.Hosting;

// The content root is the working directory (appsettings.json, ./data and ./models resolve from
// where the platform is started); the web page ships beside the binaries.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
});

builder.Services.AddRagPlatform(builder.Configuration);
builder.Services.AddIngestionWorkers();
builder.Services.AddApiServices();
builder.Services.AddApiSecurity();

// `keys create|list|revoke`: key management for a container that has the API but not the CLI.
if (KeysCommand.IsInvoked(args))
{
    var data = Path.GetFullPath(builder.Configuration["Storage:DataDirectory"] ?? "data", builder.Environment.ContentRootPath);
    return await KeysCommand.RunAsync(args, data, Console.Out, Console.Error, CancellationToken.None);
}

var app = builder.Build();

// A bad setting ends the start with one line naming the key, not with a stack trace.
if (!InvalidSettings.TryCheck(app.Services, Console.Error))
{
    return 2;
}

// Reachable from other machines and no key asked for: refuse, saying how to make a key.
if (!await OpenBindCheck.TryCheckAsync(app.Services, app.Configuration, Console.Error, CancellationToken.None))
{
    return 2;
}

app.UseApiSecurityHeaders();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseDefaultFiles();
app.UseStaticFiles();
app.UseApiKeys();

app.MapOpenApi();
app.MapApiReference();
app.MapHealthChecks("/health", HealthResponse.Options);

app.MapDocumentsApi();
app.MapSearchApi();
app.MapItemsApi();
app.MapStatusApi();
app.MapChatApi();
app.MapConversationsApi();
app.MapCollectionsApi();

await app.RunAsync();
return 0;

/// <summary>Entry point, public for WebApplicationFactory in the functional tests.</summary>
public partial class Program;
