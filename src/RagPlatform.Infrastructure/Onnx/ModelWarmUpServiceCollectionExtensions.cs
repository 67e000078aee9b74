using Microsoft.Extensions.DependencyInjection;

namespace RagPlatform.Infrastructure.Onnx;

internal static class ModelWarmUpServiceCollectionExtensions
{
    /// <param name="load">Reads the flag that loads the model, e.g. <c>ocr =&gt; ocr.IsAvailable</c>.</param>
    public static IServiceCollection AddModelWarmUp<TModel>(this IServiceCollection services, Func<TModel, bool> load)
        where TModel : notnull =>
        services.AddHostedService(provider => new ModelWarmUp<TModel>(provider.GetRequiredService<TModel>(), load));
}
