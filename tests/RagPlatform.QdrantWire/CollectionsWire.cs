using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Qdrant.Client.Grpc;

namespace RagPlatform.QdrantWire;

/// <summary>The <c>qdrant.Collections</c> methods the adapter and its tests call: create, get,
/// delete, list and exists for collections; update and list for aliases.</summary>
internal sealed class CollectionsWire(WireStore store) : IWireService<CollectionsWire>
{
    private const string Service = "qdrant.Collections";

    public static void Bind(ServiceMethodProviderContext<CollectionsWire> context)
    {
        context.AddUnary<CollectionsWire, CreateCollection, CollectionOperationResponse>(Service, "Create", (s, r, c) => s.Create(r));
        context.AddUnary<CollectionsWire, GetCollectionInfoRequest, GetCollectionInfoResponse>(Service, "Get", (s, r, c) => s.Get(r));
        context.AddUnary<CollectionsWire, DeleteCollection, CollectionOperationResponse>(Service, "Delete", (s, r, c) => s.Delete(r));
        context.AddUnary<CollectionsWire, ListCollectionsRequest, ListCollectionsResponse>(Service, "List", (s, r, c) => s.List());
        context.AddUnary<CollectionsWire, CollectionExistsRequest, CollectionExistsResponse>(Service, "CollectionExists", (s, r, c) => s.Exists(r));
        context.AddUnary<CollectionsWire, ChangeAliases, CollectionOperationResponse>(Service, "UpdateAliases", (s, r, c) => s.UpdateAliases(r));
        context.AddUnary<CollectionsWire, ListAliasesRequest, ListAliasesResponse>(Service, "ListAliases", (s, r, c) => s.ListAliases(null));
        context.AddUnary<CollectionsWire, ListCollectionAliasesRequest, ListAliasesResponse>(Service, "ListCollectionAliases", (s, r, c) => s.ListAliases(r.CollectionName));
    }

    private Task<CollectionOperationResponse> Create(CreateCollection request)
    {
        if (request.VectorsConfig?.ConfigCase != VectorsConfig.ConfigOneofCase.Params)
        {
            throw WireFailures.Unsupported("collections without exactly one unnamed dense vector");
        }

        lock (store.Gate)
        {
            store.Add(new WireCollection(request.CollectionName, request.VectorsConfig.Params));
        }

        return Done(true);
    }

    private Task<GetCollectionInfoResponse> Get(GetCollectionInfoRequest request)
    {
        lock (store.Gate)
        {
            return Task.FromResult(new GetCollectionInfoResponse { Result = store.Resolve(request.CollectionName).Info() });
        }
    }

    private Task<CollectionOperationResponse> Delete(DeleteCollection request)
    {
        lock (store.Gate)
        {
            return Done(store.Remove(request.CollectionName));
        }
    }

    private Task<ListCollectionsResponse> List()
    {
        var response = new ListCollectionsResponse();
        lock (store.Gate)
        {
            response.Collections.AddRange(store.Collections.Keys.Order(StringComparer.Ordinal).Select(name => new CollectionDescription { Name = name }));
        }

        return Task.FromResult(response);
    }

    private Task<CollectionExistsResponse> Exists(CollectionExistsRequest request)
    {
        lock (store.Gate)
        {
            return Task.FromResult(new CollectionExistsResponse { Result = new CollectionExists { Exists = store.Collections.ContainsKey(request.CollectionName) } });
        }
    }

    /// <summary>Applies the actions in order to a copy and keeps it only when all succeed, so a
    /// delete-then-create switches an alias atomically.</summary>
    private Task<CollectionOperationResponse> UpdateAliases(ChangeAliases request)
    {
        lock (store.Gate)
        {
            var aliases = new Dictionary<string, string>(store.Aliases, StringComparer.Ordinal);
            foreach (var action in request.Actions)
            {
                Apply(action, aliases);
            }

            store.Aliases.Clear();
            foreach (var (alias, collection) in aliases)
            {
                store.Aliases[alias] = collection;
            }
        }

        return Done(true);
    }

    private void Apply(AliasOperations action, Dictionary<string, string> aliases)
    {
        switch (action.ActionCase)
        {
            case AliasOperations.ActionOneofCase.CreateAlias:
                var create = action.CreateAlias;
                if (!store.Collections.ContainsKey(create.CollectionName))
                {
                    throw WireFailures.NotFound(create.CollectionName);
                }

                if (aliases.ContainsKey(create.AliasName) || store.Collections.ContainsKey(create.AliasName))
                {
                    throw WireFailures.BadInput($"Alias `{create.AliasName}` already exists!");
                }

                aliases[create.AliasName] = create.CollectionName;
                break;
            case AliasOperations.ActionOneofCase.DeleteAlias:
                if (!aliases.Remove(action.DeleteAlias.AliasName))
                {
                    throw new RpcException(new Status(StatusCode.NotFound, $"Not found: Alias `{action.DeleteAlias.AliasName}` doesn't exist!"));
                }

                break;
            case AliasOperations.ActionOneofCase.RenameAlias:
                var rename = action.RenameAlias;
                if (!aliases.Remove(rename.OldAliasName, out var target))
                {
                    throw new RpcException(new Status(StatusCode.NotFound, $"Not found: Alias `{rename.OldAliasName}` doesn't exist!"));
                }

                aliases[rename.NewAliasName] = target;
                break;
            default:
                throw WireFailures.BadInput("Alias operation is empty");
        }
    }

    private Task<ListAliasesResponse> ListAliases(string? collection)
    {
        var response = new ListAliasesResponse();
        lock (store.Gate)
        {
            response.Aliases.AddRange(store.Aliases
                .Where(a => collection is null || a.Value == collection)
                .OrderBy(a => a.Key, StringComparer.Ordinal)
                .Select(a => new AliasDescription { AliasName = a.Key, CollectionName = a.Value }));
        }

        return Task.FromResult(response);
    }

    private static Task<CollectionOperationResponse> Done(bool result) => Task.FromResult(new CollectionOperationResponse { Result = result });
}
