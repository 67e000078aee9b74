using System.CommandLine;
using System.Globalization;
using RagPlatform.Cli.Api;
using RagPlatform.Core.Documents;
using Spectre.Console;

namespace RagPlatform.Cli.Commands;

/// <summary>`rag collections list|delete`: the collections of the server.</summary>
internal sealed class CollectionsCommands(Func<RagApiClient> client, IAnsiConsole console)
{
    public Command Build()
    {
        var list = new Command("list", "Collections with their document counts");
        list.SetAction((_, ct) => ListAsync(ct));

        var name = new Argument<string>("name") { Description = "The collection to delete" };
        var force = new Option<bool>("--force") { Description = $"Needed to delete the '{CollectionName.Default}' collection" };
        var delete = new Command("delete", "Delete a collection: every document in it (files, vectors, index entries) and its conversations. Asks nothing.") { name, force };
        delete.SetAction((parse, ct) => DeleteAsync(parse.GetValue(name)!, parse.GetValue(force), ct));

        return new Command("collections", "Named collections of documents") { list, delete };
    }

    private async Task<int> ListAsync(CancellationToken cancellationToken)
    {
        var collections = await client().ListCollectionsAsync(cancellationToken);
        var table = new Table().AddColumns("Collection", "Documents");
        foreach (var collection in collections)
        {
            table.AddRow(Markup.Escape(collection.Name), collection.DocumentCount.ToString("N0", CultureInfo.InvariantCulture));
        }

        console.Write(table);
        return ExitCodes.Success;
    }

    private async Task<int> DeleteAsync(string name, bool force, CancellationToken cancellationToken)
    {
        if (!CollectionName.IsValid(name))
        {
            console.MarkupLineInterpolated($"[red]'{name}' is not a valid collection name: use {CollectionName.Rule}.[/]");
            return ExitCodes.UsageError;
        }

        // The default collection is where everything goes without a name: emptying it by a slip
        // of the keyboard would hurt most.
        if (name == CollectionName.Default && !force)
        {
            console.MarkupLine($"[red]Deleting the '{CollectionName.Default}' collection deletes every document uploaded without a collection; add --force to do it.[/]");
            return ExitCodes.UsageError;
        }

        var deleted = await client().DeleteCollectionAsync(name, cancellationToken);
        console.MarkupLineInterpolated($"Deleted collection {deleted.Name}: {deleted.DeletedDocuments} documents, {deleted.DeletedConversations} conversations.");
        return ExitCodes.Success;
    }
}
