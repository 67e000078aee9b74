using SkiaSharp;

namespace RagPlatform.Cli.Eval.Synthetic;

/// <summary>One series of a chart: its legend name, a value per category and its colour.</summary>
internal sealed record ChartSeries(string Name, double[] Values, SKColor Colour);
