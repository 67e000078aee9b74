using Grpc.AspNetCore.Server.Model;

namespace RagPlatform.QdrantWire;

/// <summary>Hands ASP.NET Core gRPC the methods <typeparamref name="TService"/> binds.</summary>
internal sealed class WireMethodProvider<TService> : IServiceMethodProvider<TService>
    where TService : class, IWireService<TService>
{
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<TService> context) => TService.Bind(context);
}
