using RagPlatform.Api;
using RagPlatform.Api.Chat;
using RagPlatform.Api.Documents;
using RagPlatform.Api.Items;
using RagPlatform.Api.Search;
using RagPlatform.Api.Status;
using RagPlatform.Infrastructure.Hosting;

// The content root is the working directory (appsettings.json, ./data and ./models resolve from
// where the platform is started); the web page ships beside the binaries.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
});

builder.Services.AddEmbeddedPlatform();
builder.Services.AddIngestionWorkers();
builder.Services.AddApiServices();

var app = builder.Build();

// A bad setting ends the start with one line naming the key, not with a stack trace.
if (!InvalidSettings.TryCheck(app.Services, Console.Error))
{
    return 2;
}

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseDefaultFiles();
app.UseStaticFiles();

app.MapOpenApi();
app.MapApiReference();
app.MapHealthChecks("/health", HealthResponse.Options);

app.MapDocumentsApi();
app.MapSearchApi();
app.MapItemsApi();
app.MapStatusApi();
app.MapChatApi();
app.MapConversationsApi();

app.Run();
return 0;

/// <summary>Entry point, public for WebApplicationFactory in the functional tests.</summary>
public partial class Program;
