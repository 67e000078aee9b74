using System.Net.Http.Json;
using RagPlatform.Api.Chat;
using RagPlatform.Api.Tests.Support;
using RagPlatform.LlmWire;

namespace RagPlatform.Api.Tests.Chat;

/// <summary>The same grounded answer through OllamaSharp and Ollama's native /api/chat protocol,
/// where images travel as a base64 list beside the message text.</summary>
public sealed class OllamaAnswerTests(ModelBackedPlatform.Ollama platform) : IClassFixture<ModelBackedPlatform.Ollama>
{
    [Fact]
    public async Task A_grounded_answer_sends_the_figures_as_ollama_images_and_checks_the_citations()
    {
        var before = platform.Server.Requests.Count;
        platform.Server.Enqueue(WireReply.Answer("Revenue grew ", "in every region [1]."));

        using var response = await platform.Client.Http.PostAsJsonAsync(
            "/api/chat", new { question = "How did quarterly revenue develop?", stream = false }, TestContext.Current.CancellationToken);
        var answer = (await response.Content.ReadFromJsonAsync<AnswerDto>(PlatformClient.Json, TestContext.Current.CancellationToken))!;

        var request = await platform.Server.WaitForRequestAsync(before + 1, TestContext.Current.CancellationToken);
        Assert.Equal("/api/chat", request.Path);
        Assert.Equal(answer.Images.Select(i => i.Bytes), request.Images.Select(i => (long)i.Bytes.Length));
        Assert.NotEmpty(request.Images);
        Assert.Equal("Revenue grew in every region [1].", answer.Text);
        Assert.Equal(2, Assert.Single(answer.Citations).Page);
    }
}
