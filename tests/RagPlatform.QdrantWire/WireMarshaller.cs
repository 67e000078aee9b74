using Google.Protobuf;
using Grpc.Core;

namespace RagPlatform.QdrantWire;

/// <summary>Protobuf (de)serialisation of one of the client package's generated messages.</summary>
internal static class WireMarshaller<T>
    where T : class, IMessage<T>, new()
{
    private static readonly MessageParser<T> Parser = new(() => new T());

    public static Marshaller<T> Instance { get; } = Marshallers.Create(message => message.ToByteArray(), Parser.ParseFrom);
}
