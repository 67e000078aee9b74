using Google.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace RagPlatform.QdrantWire;

/// <summary>Records each call, then checks the <c>api-key</c> header when the server has a key,
/// refusing a missing or wrong one with Unauthenticated in Qdrant's words.</summary>
internal sealed class WireGate(WireJournal journal, WireAccess access) : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request,
        ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var key = context.RequestHeaders.GetValue("api-key");
        journal.Record(new WireCall(context.Method, (IMessage)request, key));
        if (access.ApiKey is not null && key is null)
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated, "Must provide an API key or an Authorization bearer token"));
        }

        if (access.ApiKey is not null && !string.Equals(key, access.ApiKey, StringComparison.Ordinal))
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated, "Invalid API key or JWT"));
        }

        return continuation(request, context);
    }
}
