using RagPlatform.Hosting;

// The standalone ingestion worker: claims jobs from the shared queue and runs the pipeline. In
// embedded mode the API runs the same workers in-process, so this host is for running extra
// workers (several processes, or other machines once the server backends are configured).
var builder = Host.CreateApplicationBuilder(args);

builder.Services.AddRagPlatform(builder.Configuration);
builder.Services.AddIngestionWorkers();

var host = builder.Build();

// A bad setting ends the start with one line naming the key, not with a stack trace.
if (!InvalidSettings.TryCheck(host.Services, Console.Error))
{
    return 2;
}

host.Run();
return 0;
