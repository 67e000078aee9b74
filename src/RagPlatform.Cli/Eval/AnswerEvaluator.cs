using RagPlatform.Cli.Api;
using Spectre.Console;

namespace RagPlatform.Cli.Eval;

/// <summary>Asks every question of answers.jsonl in each answering mode (POST /api/chat, stream=false,
/// a new conversation each time, scoped to the dataset's documents) and scores the answers.</summary>
internal sealed class AnswerEvaluator(RagApiClient api, UploadedDataset uploaded, IAnsiConsole console)
{
    public async Task<AnswersReport> EvaluateAsync(IReadOnlyList<EvalQuestion> questions, IReadOnlyList<string> modes, CancellationToken cancellationToken)
    {
        var rows = new List<AnswerQuestionRow>(questions.Count * modes.Count);
        var missingApi = false;
        await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask($"Answering {questions.Count} questions × {modes.Count} modes", maxValue: questions.Count * modes.Count);
                foreach (var (mode, question) in modes.SelectMany(mode => questions.Select(question => (mode, question))))
                {
                    try
                    {
                        rows.Add(await AnswerAsync(question, mode, cancellationToken));
                    }
                    catch (RagApiException ex) when (ex.StatusCode == 404)
                    {
                        // No conversation id is sent, so a 404 can only mean there is no /api/chat.
                        missingApi = true;
                        task.StopTask();
                        return;
                    }

                    task.Increment(1);
                }
            });
        return missingApi
            ? AnswerSummary.Unavailable($"the server at {api.Server} has no answering API (POST /api/chat answers 404); it predates answering")
            : AnswerSummary.Build(rows, modes);
    }

    private async Task<AnswerQuestionRow> AnswerAsync(EvalQuestion question, string mode, CancellationToken cancellationToken)
    {
        var failure = uploaded.Failed.FirstOrDefault(f => question.Relevant.Any(r => r.Document == f.Document));
        if (failure is not null)
        {
            return AnswerScoring.Failed(question, mode, $"{failure.Document} is not searchable: {failure.Reason}");
        }

        try
        {
            var request = new ChatRequestBody(question.Question, null, uploaded.NamesById.Keys.ToList(), mode, Stream: false);
            return AnswerScoring.Score(question, mode, await api.AskAsync(request, cancellationToken), uploaded.NamesById);
        }
        catch (RagApiException ex) when (ex.StatusCode >= 500)
        {
            // The model failed or answered garbage: listed as failed, not scored as a wrong answer.
            return AnswerScoring.Failed(question, mode, ex.Message);
        }
        catch (RagApiException ex) when (ex.StatusCode is >= 400 and < 500 and not 404)
        {
            // The dataset asks something this server refuses (a question over its length limit): stop
            // and say which, rather than score it zero.
            throw new RagApiException(ex.StatusCode, $"Question '{question.Id}' in {mode} mode was refused: {ex.Message}");
        }
    }
}
