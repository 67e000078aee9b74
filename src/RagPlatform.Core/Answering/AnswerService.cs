using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Search;

namespace RagPlatform.Core.Answering;

/// <summary>Answers a question from the documents: question (+ the conversation so far) → standalone
/// query → hybrid search → numbered sources and images → the chat model → a checked answer, stored as
/// a turn of its conversation. Without a chat model the answer is extractive.</summary>
public sealed class AnswerService(
    SearchService search,
    AnswerContextBuilder contexts,
    AnswerChecker checker,
    ExtractiveAnswer extractive,
    IConversationStore conversations,
    Func<SearchFilter, ContextBudget, AgentToolbox> toolboxes,
    IOptions<AnsweringOptions> options,
    IOptions<SearchOptions> searchOptions,
    TimeProvider time,
    IChatClient? chat = null,
    IAnswerAgent? agent = null)
{
    private const int MaxTitleLength = 80;

    public bool HasModel => chat is not null;

    /// <summary>Streams the answer: <see cref="AnswerStarted"/>, tool calls and text deltas, then
    /// <see cref="AnswerCompleted"/>.</summary>
    /// <exception cref="InvalidQueryException">Empty or too long question.</exception>
    /// <exception cref="ConversationNotFoundException">Unknown conversation id.</exception>
    /// <exception cref="ChatModelFailedException">The model did not answer.</exception>
    public async IAsyncEnumerable<AnswerUpdate> AnswerAsync(AnswerRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = options.Value;
        var question = Validate(request.Question);
        var collection = request.Filter.Collection ?? CollectionName.Default;
        // A conversation of another collection is as unknown as a missing one: follow-ups never
        // cross collections, and the answer says nothing about what exists elsewhere.
        var conversation = request.ConversationId is { } id
            ? await conversations.GetAsync(id, cancellationToken) is { } found && found.Collection == collection
                ? found
                : throw new ConversationNotFoundException(id)
            : null;
        IReadOnlyList<ConversationTurn> history = conversation is null
            ? []
            : [.. (await conversations.GetTurnsAsync(conversation.Id, cancellationToken)).TakeLast(settings.MaxHistoryTurns)];
        var conversationId = conversation?.Id ?? Guid.NewGuid();
        var turnId = Guid.NewGuid();

        var query = await ModelCallAsync(() => QueryRewriter.RewriteAsync(chat, question, history, cancellationToken), cancellationToken);
        yield return new AnswerStarted(conversationId, turnId, query);

        var budget = new ContextBudget(settings);
        if (chat is null)
        {
            budget.Images = 0; // nobody would look at them
        }

        // An agent keeps one image of the budget for the page it may ask to see.
        var agentic = chat is not null && request.Mode == AnswerMode.Agentic && agent is not null;
        var reserved = agentic && budget.Images > 1 ? 1 : 0;
        budget.Images -= reserved;
        var hits = (await search.SearchAsync(new SearchRequest(query, null, request.Filter, settings.MaxSources * 2), cancellationToken)).Hits;
        var context = await contexts.BuildAsync(hits, budget, new HashSet<Guid>(), cancellationToken);
        budget.Images += reserved;

        Answer answer;
        if (chat is null)
        {
            var (text, claims, cited, notFound) = await extractive.BuildAsync(query, context.Sources, cancellationToken);
            yield return new AnswerTextDelta(text);
            answer = new Answer(question, query, AnswerMode.Extractive, null, text, notFound, ExtractiveAnswer.Notice,
                context.Sources, [], cited, [], claims, [], [], null);
        }
        else
        {
            var toolbox = toolboxes(request.Filter, budget);
            toolbox.Seed(context);
            var messages = new List<ChatMessage> { new(ChatRole.System, agentic ? AnswerPrompts.Agent : AnswerPrompts.System) };
            messages.AddRange(AnswerPrompts.History(history));

            messages.Add(AnswerPrompts.Question(question, context));
            var updates = agentic
                ? agent!.RunAsync(chat, messages, toolbox, settings.AgentMaxSteps, cancellationToken)
                : chat.GetStreamingResponseAsync(messages, new ChatOptions { Temperature = 0 }, cancellationToken);

            var written = new StringBuilder();
            var usage = new UsageTotals();
            string? model = null;
            await foreach (var update in GuardAsync(updates, cancellationToken))
            {
                foreach (var call in toolbox.TakeNewCalls())
                {
                    yield return new AnswerToolCalled(call);
                }

                model ??= update.ModelId;
                usage.Add(update.Contents.OfType<UsageContent>());
                if (!string.IsNullOrEmpty(update.Text))
                {
                    written.Append(update.Text);
                    yield return new AnswerTextDelta(update.Text);
                }
            }

            foreach (var call in toolbox.TakeNewCalls())
            {
                yield return new AnswerToolCalled(call);
            }

            var sources = toolbox.Sources;
            var (citations, claims, unsupported, notFound) = await checker.CheckAsync(written.ToString(), sources, cancellationToken);
            answer = new Answer(question, query, agentic ? AnswerMode.Agentic : AnswerMode.Grounded,
                model ?? chat.GetService<ChatClientMetadata>()?.DefaultModelId, citations.Text, notFound, null,
                sources, [.. toolbox.Images.Select(i => i.Sent)], citations.Cited, citations.Removed, claims, unsupported, toolbox.Calls, usage.ToUsage());
        }

        var now = time.GetUtcNow();
        if (conversation is null)
        {
            await conversations.CreateAsync(new Conversation(conversationId, Title(question), now, now, 0, collection), cancellationToken);
        }

        await conversations.AddTurnAsync(new ConversationTurn(turnId, conversationId, question, answer, now), cancellationToken);
        yield return new AnswerCompleted(conversationId, turnId, answer);
    }

    /// <summary>The whole answer at once.</summary>
    public async Task<AnswerCompleted> AnswerOnceAsync(AnswerRequest request, CancellationToken cancellationToken)
    {
        await foreach (var update in AnswerAsync(request, cancellationToken))
        {
            if (update is AnswerCompleted completed)
            {
                return completed;
            }
        }

        throw new InvalidOperationException("The answer ended without completing.");
    }

    private string Validate(string? question)
    {
        var trimmed = question?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw new InvalidQueryException("The question is empty.");
        }

        var limit = searchOptions.Value.MaxQueryLength;
        return trimmed.Length > limit
            ? throw new InvalidQueryException($"The question is {trimmed.Length} characters long; the limit is {limit}.")
            : trimmed;
    }

    private static string Title(string question) =>
        question.Length <= MaxTitleLength ? question : string.Concat(question.AsSpan(0, MaxTitleLength - 1), "…");

    private static async Task<T> ModelCallAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call();
        }
        catch (Exception ex) when (IsModelFailure(ex, cancellationToken))
        {
            throw Failed(ex);
        }
    }

    /// <summary>The updates, with a model's failure turned into <see cref="ChatModelFailedException"/>
    /// (C# allows no yield inside a try with a catch, hence the hand-driven enumerator).</summary>
    private static async IAsyncEnumerable<ChatResponseUpdate> GuardAsync(IAsyncEnumerable<ChatResponseUpdate> updates, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var enumerator = updates.GetAsyncEnumerator(cancellationToken);
        await using (enumerator.ConfigureAwait(false))
        {
            while (true)
            {
                try
                {
                    if (!await enumerator.MoveNextAsync())
                    {
                        yield break;
                    }
                }
                catch (Exception ex) when (IsModelFailure(ex, cancellationToken))
                {
                    throw Failed(ex);
                }

                yield return enumerator.Current;
            }
        }
    }

    /// <summary>Anything the model's client throws, except the caller's own cancellation and the
    /// errors of our own search and stores, which keep their types.</summary>
    private static bool IsModelFailure(Exception ex, CancellationToken cancellationToken) =>
        !(ex is OperationCanceledException && cancellationToken.IsCancellationRequested)
        && ex is not InvalidQueryException and not SearchUnavailableException and not ChatModelFailedException;

    private static ChatModelFailedException Failed(Exception ex) =>
        ex is ChatModelFailedException failed
            ? failed
            : new ChatModelFailedException($"The language model did not answer: {ex.Message}", ex);
}
