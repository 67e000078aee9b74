using System.CommandLine;

namespace RagPlatform.Cli.Commands;

/// <summary>The `--document &lt;id&gt;` option of commands that scope to documents.</summary>
internal static class DocumentIdsOption
{
    /// <summary>An id that is not a GUID is a parse error (exit code 2). Without the check,
    /// System.CommandLine accepts the token and throws only when the command reads the value.</summary>
    public static Option<Guid[]> Create(string description)
    {
        var option = new Option<Guid[]>("--document") { Description = description, AllowMultipleArgumentsPerToken = true };
        option.Validators.Add(result =>
        {
            foreach (var token in result.Tokens.Where(t => !Guid.TryParse(t.Value, out _)))
            {
                result.AddError($"'{token.Value}' is not a document id (a GUID such as {Guid.Empty}); `rag list` shows them.");
            }
        });
        return option;
    }
}
