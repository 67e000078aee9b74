using RagPlatform.Api.Tests.Support;
using RagPlatform.Core.Documents;

namespace RagPlatform.Api.Tests.Consistency;

/// <summary>Moments of a document's ingestion at which the consistency tests strike (delete,
/// replace): 0 right after the upload; 1 once processing; 2 after the first page; 3 half-way; 4
/// after it finished. A document faster than the moment is struck where it is.</summary>
internal static class IngestionMoments
{
    public const int Count = 5;

    /// <param name="pages">The document's page count, for "half-way".</param>
    public static async Task WaitForAsync(PlatformClient client, Guid id, int moment, int pages)
    {
        if (moment == 0)
        {
            return;
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var document = (await client.GetAsync(id)).Document;
            var reached = moment switch
            {
                1 => document.Status != DocumentStatus.Queued,
                2 => document.Progress.PagesDone >= 1,
                3 => document.Progress.PagesDone >= pages / 2,
                _ => false,
            };
            if (reached || document.Status is DocumentStatus.Ready or DocumentStatus.Failed)
            {
                return;
            }

            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
