using RagPlatform.Core.Documents;
using RagPlatform.Core.Ingestion;

namespace RagPlatform.Core.Tests.Ingestion;

public sealed class NavigationPageDetectorTests
{
    [Fact]
    public void Titles_with_rising_page_numbers_and_leaders_are_a_table_of_contents()
    {
        var page = Page(
            "Contents",
            "1 Introduction .......... 1",
            "2 Installing the system .......... 5",
            "2.1 Choosing packages .......... 7",
            "3 Writing your own functions .......... 12",
            "4 Graphics .......... 20",
            "Index .......... 31");

        Assert.Equal(PageKind.TableOfContents, NavigationPageDetector.Detect(page));
    }

    [Fact]
    public void Terms_followed_by_page_lists_are_an_index()
    {
        var page = Page(
            "Index",
            "apt-get, 12, 45",
            "functions, 12–14, 30",
            "graphics, 20",
            "packages, installing, 7, 103",
            "writing functions, 12",
            "zip archives, 88");

        Assert.Equal(PageKind.Index, NavigationPageDetector.Detect(page));
    }

    [Fact]
    public void Prose_and_tables_of_figures_in_any_order_are_content()
    {
        var prose = Page(
            "Writing your own functions",
            "A function is defined with the keyword function and",
            "a list of arguments. The body of the function follows",
            "in braces and its last value is returned to the caller",
            "as the result. Functions can be nested and may take",
            "default values for their arguments, as shown in 2023");
        var table = Page(
            "Region revenue 2021 2022",
            "North 120 340",
            "South 560 110",
            "East 90 870",
            "West 400 20",
            "Central 310 45");

        Assert.Equal(PageKind.Content, NavigationPageDetector.Detect(prose));
        Assert.Equal(PageKind.Content, NavigationPageDetector.Detect(table));
    }

    /// <summary>Each line's words left to right on a line of its own, 3% of the page high.</summary>
    private static List<ExtractedWord> Page(params string[] lines) =>
        lines.SelectMany((line, row) => line.Split(' ').Select((word, column) =>
            new ExtractedWord(word, new Region(0.05 + (column * 0.08), 0.05 + (row * 0.04), 0.07, 0.03), row))).ToList();
}
