namespace RagPlatform.Core.Answering;

/// <summary>How an answer is made. A request asks for Grounded or Agentic; without a language model
/// every answer is Extractive.</summary>
public enum AnswerMode
{
    /// <summary>One retrieval, then the model answers from the sources.</summary>
    Grounded,

    /// <summary>The model may search again and fetch page images through tools, in bounded steps.</summary>
    Agentic,

    /// <summary>No language model: the best supporting passages, quoted with their citations.</summary>
    Extractive,
}
