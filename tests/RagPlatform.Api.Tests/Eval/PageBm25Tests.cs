using RagPlatform.Cli.Eval;

namespace RagPlatform.Api.Tests.Eval;

/// <summary>The page baseline is textbook BM25: checked against scores worked out by hand.</summary>
public sealed class PageBm25Tests
{
    [Fact]
    public void Tokens_are_lower_cased_runs_of_letters_and_digits_without_stemming()
    {
        Assert.Equal(["read", "fwf", "writes", "x2", "café"], PageBm25.Tokenize("read.fwf() Writes x2, CAFÉ!"));
    }

    [Fact]
    public void Pages_are_ranked_by_bm25_with_ties_in_the_order_they_were_added()
    {
        var index = new PageBm25();
        index.Add(new PageKey("a.pdf", 1), "harbour fees harbour");   // length 3, tf(harbour) = 2
        index.Add(new PageKey("a.pdf", 2), "fees are due");           // length 3
        index.Add(new PageKey("b.pdf", 1), "harbour master");          // length 2, tf(harbour) = 1
        index.Add(new PageKey("b.pdf", 2), "nothing relevant");       // no query word: never returned

        // N = 4, avgdl = 2.5. idf(harbour) = ln(1 + (4 − 2 + 0.5) / (2 + 0.5)) = ln 2, as is idf(fees).
        // a p.1: harbour 2·2.2 / (2 + 1.2·(0.25 + 0.75·3/2.5)) = 4.4 / 3.38, fees 2.2 / 2.38.
        // b p.1: harbour 2.2 / (1 + 1.2·(0.25 + 0.75·2/2.5)) = 2.2 / 2.02. a p.2: fees 2.2 / 2.38.
        var ranked = index.Search("Harbour fees harbour", depth: 10);

        Assert.Equal([new PageKey("a.pdf", 1), new PageKey("b.pdf", 1), new PageKey("a.pdf", 2)], ranked);
        Assert.Equal([new PageKey("a.pdf", 1)], index.Search("harbour fees", depth: 1));
        Assert.Empty(index.Search("unknown words", depth: 10));
    }
}
