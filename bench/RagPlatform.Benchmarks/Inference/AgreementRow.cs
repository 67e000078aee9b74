namespace RagPlatform.Benchmarks.Inference;

/// <summary>How close the int8 tower's embeddings are to the float tower's on the same inputs:
/// cosine per input, when each input runs alone (batch 1, a query) and in batches of 8 (ingestion).
/// Dynamic quantization scales activations per tensor, i.e. over the whole batch, so an int8
/// embedding also depends a little on its batch neighbours: <paramref name="Int8BatchConsistencyMin"/>
/// is the lowest cosine between an input's int8 embedding alone and in a batch (float: ≈ 1).</summary>
internal sealed record AgreementRow(
    string Tower,
    int Inputs,
    double Batch1CosineMin,
    double Batch1CosineMean,
    double Batch8CosineMin,
    double Batch8CosineMean,
    double Int8BatchConsistencyMin,
    double Fp32BatchConsistencyMin);
