namespace RagPlatform.Benchmarks.Server;

/// <summary>The head of the generated vocabulary: real English words, most frequent first, so the
/// stop-word lists, stemmers and posting lists of the lexical engines meet what they meet in
/// documents. The long tail beyond them is made of pronounceable generated words
/// (<see cref="SyntheticText"/>).</summary>
internal static class EnglishWords
{
    /// <summary>Function words: the top ranks of any English text (most are stop words).</summary>
    public static IReadOnlyList<string> Function { get; } = Split("""
        the of and to a in is that for it as was with be by on not he this are or his from at which but
        have an they you were her she there been one all we their has would when if more no will can
        into its other than then them these so some only may also any each such must should after before
        """);

    /// <summary>Content words of technical and administrative documents, roughly by frequency.</summary>
    public static IReadOnlyList<string> Content { get; } = Split("""
        system data time report service number value process information result table section page
        user file network server storage level control order change support record policy access group
        management account project document design test cost rate energy water power load quality
        safety operation maintenance equipment pressure temperature supply contract customer payment
        invoice schedule budget review approval request response error failure warning alarm limit
        threshold sensor valve pump motor engine turbine generator cable switch circuit battery voltage
        current frequency signal interface protocol message queue database index query backup archive
        release version update upgrade install configuration setting parameter option default profile
        harbour vessel cargo container terminal berth crane pilot tide anchor manifest freight route
        shipment warehouse inventory stock product material component assembly inspection audit standard
        regulation compliance certificate licence permit authority committee board meeting minutes
        agenda decision proposal strategy objective target measure indicator performance efficiency
        capacity demand forecast analysis model method procedure instruction manual guide training
        staff employee manager director officer department office region district county station
        terminal facility building floor room door window roof wall structure foundation bridge tunnel
        road railway track vehicle truck trailer fleet fuel diesel engine oil filter brake tyre wheel
        emergency incident accident injury hazard risk assessment mitigation response recovery plan
        drill evacuation fire smoke detector extinguisher sprinkler hydrant exit lighting ventilation
        climate weather wind rain snow storm flood drought season summer winter spring autumn morning
        evening night daily weekly monthly quarterly annual yearly period interval duration deadline
        invoice ledger balance revenue expense income profit loss tax charge fee price discount credit
        debit transfer deposit withdrawal loan interest mortgage insurance claim premium coverage
        patient doctor nurse hospital clinic treatment medicine dose symptom diagnosis therapy surgery
        student teacher school course lesson exam grade score class library research study paper
        journal article author editor publisher review citation reference appendix figure chart diagram
        customer client supplier vendor partner contractor consultant agency ministry council court
        law rule clause article paragraph amendment agreement dispute claimant defendant judgment appeal
        north south east west central upper lower inner outer main secondary primary final initial
        """);

    private static string[] Split(string text) =>
        text.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToArray();
}
