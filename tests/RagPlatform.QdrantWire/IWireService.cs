using Grpc.AspNetCore.Server.Model;

namespace RagPlatform.QdrantWire;

/// <summary>A gRPC service of the wire server that names its own methods: the client package ships
/// no server base classes, so each service binds its handlers by full method name.</summary>
internal interface IWireService<TSelf>
    where TSelf : class, IWireService<TSelf>
{
    static abstract void Bind(ServiceMethodProviderContext<TSelf> context);
}
