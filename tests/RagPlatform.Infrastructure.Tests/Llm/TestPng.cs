namespace RagPlatform.Infrastructure.Tests.Llm;

/// <summary>A real 1×1 PNG, as a page render or figure would be sent to a vision model.</summary>
internal static class TestPng
{
    public static byte[] Bytes { get; } = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
}
