using Grpc.Core;

namespace RagPlatform.QdrantWire;

/// <summary>The errors the server answers with, worded and coded like Qdrant's own.</summary>
internal static class WireFailures
{
    public static RpcException NotFound(string collection) =>
        new(new Status(StatusCode.NotFound, $"Not found: Collection `{collection}` doesn't exist!"));

    public static RpcException BadInput(string description) =>
        new(new Status(StatusCode.InvalidArgument, $"Wrong input: {description}"));

    public static RpcException Unsupported(string what) =>
        new(new Status(StatusCode.Unimplemented, $"The Qdrant wire server does not implement {what}."));
}
