namespace RagPlatform.Cli.Eval;

/// <summary>The dataset folder or its queries file is not usable; the message names the file, the
/// line and what to fix.</summary>
internal sealed class EvalDatasetException : Exception
{
    public EvalDatasetException()
    {
    }

    public EvalDatasetException(string message)
        : base(message)
    {
    }

    public EvalDatasetException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
