using Microsoft.Extensions.AI;

namespace RagPlatform.Core.Answering;

/// <summary>Sums the token counts a model reports over its calls (an agentic answer makes several).</summary>
internal sealed class UsageTotals
{
    private long? input;
    private long? output;

    public void Add(IEnumerable<UsageContent> usages)
    {
        foreach (var usage in usages)
        {
            if (usage.Details.InputTokenCount is { } i)
            {
                input = (input ?? 0) + i;
            }

            if (usage.Details.OutputTokenCount is { } o)
            {
                output = (output ?? 0) + o;
            }
        }
    }

    public AnswerUsage? ToUsage() => input is null && output is null ? null : new AnswerUsage(input, output);
}
