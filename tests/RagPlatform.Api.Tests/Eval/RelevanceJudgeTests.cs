using RagPlatform.Cli.Api;
using RagPlatform.Cli.Eval;

namespace RagPlatform.Api.Tests.Eval;

/// <summary>Which relevant units a hit matches: every field given must match.</summary>
public sealed class RelevanceJudgeTests
{
    private static readonly Guid Report = Guid.NewGuid();
    private static readonly Guid Screenshot = Guid.NewGuid();

    private readonly RelevanceJudge judge = new(new Dictionary<Guid, IReadOnlyCollection<string>>
    {
        [Report] = ["report.pdf"],
        // Uploaded earlier under another name: the server calls it "old-name.png".
        [Screenshot] = ["shots/dialog.png"],
    });

    private static HitView Hit(Guid document, int page, string modality, string serverName = "whatever") =>
        new(Guid.NewGuid(), document, serverName, modality, page, null, null, "/api/items/x/image", new ScoreView(0.5, null, null, null, null));

    [Theory]
    [InlineData(2, "image", true)]
    [InlineData(2, "text", false)]
    [InlineData(3, "image", false)]
    public void A_unit_with_page_and_modality_needs_both(int page, string modality, bool matches)
    {
        var unit = new RelevantUnit("report.pdf", 2, "image");

        Assert.Equal(matches, judge.Matches(Hit(Report, page, modality), [unit]).Count == 1);
    }

    [Fact]
    public void A_document_unit_matches_any_item_of_the_document()
    {
        var unit = new RelevantUnit("report.pdf", null, null);

        Assert.Single(judge.Matches(Hit(Report, 7, "page"), [unit]));
        Assert.Empty(judge.Matches(Hit(Screenshot, 1, "image"), [unit]));
    }

    [Fact]
    public void A_document_known_to_the_server_by_another_name_is_judged_by_its_dataset_name()
    {
        var hit = Hit(Screenshot, 1, "image", serverName: "old-name.png");

        Assert.Single(judge.Matches(hit, [new RelevantUnit("shots/dialog.png", null, null)]));
        Assert.Equal("shots/dialog.png", judge.NameOf(hit));
    }

    [Fact]
    public void A_hit_from_outside_the_dataset_is_never_relevant()
    {
        var stranger = Hit(Guid.NewGuid(), 1, "text", serverName: "report.pdf");

        Assert.Empty(judge.Matches(stranger, [new RelevantUnit("report.pdf", null, null)]));
    }

    [Fact]
    public void The_judgement_of_a_hit_list_uses_the_units_each_hit_matches()
    {
        RelevantUnit[] units = [new("report.pdf", 1, "text"), new("shots/dialog.png", null, null)];
        HitView[] hits = [Hit(Report, 2, "text"), Hit(Screenshot, 1, "image"), Hit(Report, 1, "text")];

        var judgement = judge.Judge(hits, units);

        Assert.Equal(0.5, judgement.ReciprocalRankAt(10));
        Assert.Equal(1, judgement.RecallAt(3));
        Assert.Equal(0.5, judgement.RecallAt(2));
    }
}
