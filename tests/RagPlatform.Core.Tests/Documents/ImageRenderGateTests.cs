using Microsoft.Extensions.Options;
using RagPlatform.Core.Documents;

namespace RagPlatform.Core.Tests.Documents;

public sealed class ImageRenderGateTests
{
    [Fact]
    public async Task A_caller_whose_request_is_cancelled_stops_waiting_for_a_slot_and_never_renders()
    {
        using var gate = new ImageRenderGate(Options.Create(new ImagesOptions { MaxConcurrentRenders = 1 }));
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = gate.RunAsync(_ => release.Task, CancellationToken.None);
        using var leaving = new CancellationTokenSource();
        var rendered = false;
        var second = gate.RunAsync(_ => { rendered = true; return Task.FromResult(2); }, leaving.Token);
        Assert.Equal(1, gate.Running);
        Assert.Equal(1, gate.Waiting);

        await leaving.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second);
        Assert.Equal(0, gate.Waiting);
        Assert.False(rendered);

        release.SetResult(1);
        Assert.Equal(1, await first);
        Assert.Equal(3, await gate.RunAsync(_ => Task.FromResult(3), CancellationToken.None));
        Assert.Equal(1, gate.PeakRunning);
    }
}
