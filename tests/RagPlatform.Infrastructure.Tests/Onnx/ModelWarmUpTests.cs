using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RagPlatform.Infrastructure.Onnx;

namespace RagPlatform.Infrastructure.Tests.Onnx;

public sealed class ModelWarmUpTests
{
    private sealed class LazyModel
    {
        public int Loads { get; private set; }

        public bool IsAvailable => ++Loads > 0;
    }

    private sealed class OtherModel
    {
        public bool Touched { get; private set; }

        public bool IsAvailable => Touched = true;
    }

    [Fact]
    public async Task Each_registered_model_is_loaded_once_when_the_host_starts_and_not_before()
    {
        var services = new ServiceCollection();
        services.AddSingleton<LazyModel>().AddSingleton<OtherModel>();
        services.AddModelWarmUp<LazyModel>(model => model.IsAvailable);
        services.AddModelWarmUp<OtherModel>(model => model.IsAvailable);
        using var provider = services.BuildServiceProvider();

        var hosted = provider.GetServices<IHostedService>().ToList();
        Assert.Equal(0, provider.GetRequiredService<LazyModel>().Loads);
        foreach (var service in hosted)
        {
            await service.StartAsync(TestContext.Current.CancellationToken);
        }

        Assert.Equal(2, hosted.Count);
        Assert.Equal(1, provider.GetRequiredService<LazyModel>().Loads);
        Assert.True(provider.GetRequiredService<OtherModel>().Touched);
    }
}
