using Google.Protobuf;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;

namespace RagPlatform.QdrantWire;

/// <summary>Binding of one unary method by service and method name, with the messages' own parsers.</summary>
internal static class WireMethods
{
    public static void AddUnary<TService, TRequest, TResponse>(
        this ServiceMethodProviderContext<TService> context,
        string service,
        string name,
        Func<TService, TRequest, ServerCallContext, Task<TResponse>> handler)
        where TService : class
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        var method = new Method<TRequest, TResponse>(MethodType.Unary, service, name, WireMarshaller<TRequest>.Instance, WireMarshaller<TResponse>.Instance);
        context.AddUnaryMethod(method, [], (instance, request, call) => handler(instance, request, call));
    }
}
