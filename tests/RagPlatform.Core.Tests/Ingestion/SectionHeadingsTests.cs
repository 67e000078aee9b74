using RagPlatform.Core.Documents;
using RagPlatform.Core.Ingestion;

namespace RagPlatform.Core.Tests.Ingestion;

public sealed class SectionHeadingsTests
{
    /// <summary>Body lines 0.012 of the page tall; a line's words side by side, one line under the other.</summary>
    private static List<ExtractedWord> Page(params (string Text, double Height)[] lines)
    {
        var words = new List<ExtractedWord>();
        var y = 0.1;
        foreach (var (text, height) in lines)
        {
            var x = 0.1;
            foreach (var word in text.Split(' '))
            {
                words.Add(new ExtractedWord(word, new Region(x, y, 0.01 * word.Length, height), 0));
                x += (0.01 * word.Length) + 0.01;
            }

            y += height * 1.6;
        }

        return words;
    }

    private static string HeadingWords(List<ExtractedWord> words) =>
        string.Join(' ', words.Where((_, i) => SectionHeadings.Find(words)[i]).Select(w => w.Text));

    [Fact]
    public void A_line_in_larger_type_above_body_text_is_a_heading()
    {
        var words = Page(
            ("10 Writing your own functions", 0.02),
            ("As we have seen informally along the way", 0.012),
            ("the R language allows the user to create", 0.012),
            ("objects of mode function which are stored", 0.012));

        Assert.Equal("10 Writing your own functions", HeadingWords(words));
    }

    [Fact]
    public void A_heading_word_without_ascenders_counts_by_its_line()
    {
        // "own" alone is no taller than body text: its line's tallest word makes the line a heading.
        var words = Page(("Writing", 0.02), ("body text line one", 0.012), ("body text line two", 0.012), ("body text line three", 0.012));
        words.Insert(1, new ExtractedWord("own", new Region(0.2, 0.104, 0.03, 0.012), 0));

        Assert.Equal("Writing own", HeadingWords(words));
    }

    [Fact]
    public void A_page_set_in_one_size_has_no_headings()
    {
        var words = Page(("Chapter text", 0.012), ("more of the same text", 0.012), ("and the end of it", 0.012));

        Assert.Equal(string.Empty, HeadingWords(words));
    }

    [Fact]
    public void A_long_line_in_large_type_is_a_paragraph_not_a_heading()
    {
        var words = Page(
            ("a pull quote set large that runs on for many more words than any heading ever would do here", 0.02),
            ("body text line one", 0.012),
            ("body text line two", 0.012),
            ("body text line three", 0.012));

        Assert.Equal(string.Empty, HeadingWords(words));
    }

    [Fact]
    public void Too_few_lines_leave_nothing_to_compare_with()
    {
        var words = Page(("Title", 0.03), ("subtitle", 0.012), ("by an author", 0.012));

        Assert.Equal(string.Empty, HeadingWords(words));
    }
}
