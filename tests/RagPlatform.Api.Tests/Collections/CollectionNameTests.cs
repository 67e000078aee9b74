using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using RagPlatform.Api.Tests.Support;

namespace RagPlatform.Api.Tests.Collections;

/// <summary>Collection names are [a-z0-9][a-z0-9_-]{0,63}: anything else is a 400 problem that says
/// the rule, and nothing is stored.</summary>
public sealed class CollectionNameTests : IAsyncLifetime
{
    private readonly PlatformFactory factory = new(withModel: false, workers: 0);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => factory.DisposeAsync();

    public static TheoryData<string> BadNames =>
    [
        "Team", "-team", "_team", "team docs", "team/docs", "tëam", new string('a', 65), "a\u200Bb",
    ];

    [Theory]
    [MemberData(nameof(BadNames))]
    public async Task A_bad_name_is_a_400_with_the_rule_on_every_kind_of_endpoint(string name)
    {
        var api = new CollectionRequests(factory.CreateClient());
        var escaped = Uri.EscapeDataString(name);

        using var list = await api.Http.GetAsync($"/api/documents?collection={escaped}", TestContext.Current.CancellationToken);
        using var upload = await api.PostAsync(SamplePdfs.WithText("Quay."), "quay.pdf", name, asFormField: true);
        using var search = await api.Http.GetAsync($"/api/search?q=quay&collection={escaped}", TestContext.Current.CancellationToken);
        using var ask = await api.AskAsync("Quay?", name);
        using var delete = await api.Http.DeleteAsync($"/api/collections/{escaped}", TestContext.Current.CancellationToken);

        foreach (var response in new[] { list, upload, search, ask, delete })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>(TestContext.Current.CancellationToken);
            Assert.Equal("Invalid collection name", problem!.Title);
            Assert.Contains("lower-case letters", problem.Detail, StringComparison.Ordinal);
        }

        Assert.Empty(await api.ListAsync("default"));
    }

    [Theory]
    [InlineData("a")]
    [InlineData("0")]
    [InlineData("team-docs_2025")]
    public async Task A_good_name_is_accepted(string name)
    {
        var api = new CollectionRequests(factory.CreateClient());

        Assert.Equal(name, (await api.UploadAsync(SamplePdfs.WithText("Quay."), "quay.pdf", name)).Document.Collection);
    }
}
