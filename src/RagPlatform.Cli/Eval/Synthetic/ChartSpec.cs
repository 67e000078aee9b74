namespace RagPlatform.Cli.Eval.Synthetic;

/// <summary>What a chart shows. Every string here ends up as pixels only: none of it is in any PDF
/// text layer, so only OCR (or the image encoder) can find the chart by these words.</summary>
internal sealed record ChartSpec(string Title, string XLabel, string YLabel, string[] Categories, ChartSeries[] Series);
