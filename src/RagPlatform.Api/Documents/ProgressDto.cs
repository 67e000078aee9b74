namespace RagPlatform.Api.Documents;

/// <summary>Pages done of total; <see cref="Percent"/> is 0..100.</summary>
public sealed record ProgressDto(int PagesDone, int PagesTotal, int Percent);
