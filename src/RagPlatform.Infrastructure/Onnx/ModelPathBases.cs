using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace RagPlatform.Infrastructure.Onnx;

/// <summary>Where a relative model folder setting ("models/clip", "models/ocr") is looked for, in
/// order: the host's content root, the working directory, the application folder.</summary>
internal static class ModelPathBases
{
    public static IReadOnlyList<string> For(IServiceProvider provider)
    {
        var bases = new List<string>();
        if (provider.GetService<IHostEnvironment>() is { } environment)
        {
            bases.Add(environment.ContentRootPath);
        }

        bases.Add(Directory.GetCurrentDirectory());
        bases.Add(AppContext.BaseDirectory);
        return bases;
    }
}
