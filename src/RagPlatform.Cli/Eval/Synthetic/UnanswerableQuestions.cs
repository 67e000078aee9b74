namespace RagPlatform.Cli.Eval.Synthetic;

/// <summary>Questions no document of the synthetic set answers: a good answer says the documents do
/// not hold it. Each names the subject that must appear nowhere in the corpus (checked on saving).</summary>
internal static class UnanswerableQuestions
{
    public static void Write(DatasetWriter w)
    {
        w.UnanswerableQuestion("mercury-boiling-point", "What is the boiling point of mercury?", "mercury", "unanswerable");
        w.UnanswerableQuestion("chess-tournament", "Who won the chess tournament?", "chess", "unanswerable");
        w.UnanswerableQuestion("volcano-eruptions", "When did the volcano last erupt?", "volcano", "unanswerable");
        w.UnanswerableQuestion("opera-dress-code", "What is the dress code for the opera gala?", "opera", "unanswerable");
    }
}
