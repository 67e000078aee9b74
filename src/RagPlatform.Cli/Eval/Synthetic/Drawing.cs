namespace RagPlatform.Cli.Eval.Synthetic;

/// <summary>An encoded image and the lines of text drawn upright in it, in drawing order: exactly the
/// strings passed to <see cref="Raster.Text"/>, so transcripts never repeat a painter's literals.</summary>
internal sealed record Drawing(byte[] Bytes, IReadOnlyList<string> Lines);
