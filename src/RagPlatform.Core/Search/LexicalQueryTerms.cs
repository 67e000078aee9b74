using System.Text;

namespace RagPlatform.Core.Search;

/// <summary>The terms of a user's lexical query, any of which may match, in the order written: each
/// index engine turns them into its own syntax. Words follow <see cref="LexicalRunes"/>; a "quoted
/// phrase" asks for its words adjacent and in order (an unclosed quote runs to the end).</summary>
/// <param name="Terms">At least one term, none twice (words compared ignoring case), at most
/// <see cref="MaxTerms"/>.</param>
public sealed record LexicalQueryTerms(IReadOnlyList<LexicalQueryTerm> Terms)
{
    /// <summary>More terms than this add nothing to ranking and only cost time.</summary>
    public const int MaxTerms = 64;

    /// <summary>The query holds a quoted phrase.</summary>
    public bool HasPhrase => Terms.Any(term => term.IsPhrase);

    /// <summary>The terms of <paramref name="userText"/>; null when it has no words at all.</summary>
    public static LexicalQueryTerms? Parse(string userText)
    {
        ArgumentNullException.ThrowIfNull(userText);
        var parser = new Parser();
        foreach (var rune in LexicalRunes.Normalize(userText).EnumerateRunes())
        {
            parser.Read(rune);
        }

        parser.ClosePhrase();
        return parser.Terms.Count == 0 ? null : new LexicalQueryTerms(parser.Terms);
    }

    /// <summary>The terms an <see cref="ILexicalIndex"/> search looks up, after checking its arguments as
    /// the port asks; null when the search finds nothing whatever is indexed (no words, or a limit of 0).</summary>
    public static LexicalQueryTerms? ForSearch(string query, int limit, SearchFilter filter)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return limit == 0 ? null : Parse(query);
    }

    /// <summary>The state of one parse: the word or CJK run being read, and the phrase it belongs to.</summary>
    private sealed class Parser
    {
        private readonly HashSet<string> _seen = new(StringComparer.OrdinalIgnoreCase);
        private readonly StringBuilder _word = new();
        private readonly List<string> _cjkRun = [];
        private readonly List<string> _phrase = [];
        private bool _inPhrase;

        public List<LexicalQueryTerm> Terms { get; } = [];

        public void Read(Rune rune)
        {
            if (LexicalRunes.IsQuote(rune))
            {
                if (_inPhrase)
                {
                    ClosePhrase();
                }
                else
                {
                    Flush();
                    _inPhrase = true;
                }
            }
            else if (LexicalRunes.IsCjk(rune))
            {
                if (_word.Length > 0)
                {
                    Flush();
                }

                _cjkRun.Add(rune.ToString());
            }
            else if (LexicalRunes.IsWordRune(rune))
            {
                if (_cjkRun.Count > 0)
                {
                    Flush();
                }

                _word.Append(rune.ToString());
            }
            else
            {
                Flush();
            }
        }

        public void ClosePhrase()
        {
            Flush();
            _inPhrase = false;
            if (_phrase.Count > 0)
            {
                Add(string.Join(' ', _phrase), isWord: false);
                _phrase.Clear();
            }
        }

        private void Flush()
        {
            if (_word.Length > 0)
            {
                Add(_word.ToString(), isWord: true);
                _word.Clear();
            }

            if (_cjkRun.Count > 0)
            {
                // Characters of a CJK run stay adjacent: a phrase of single-character words.
                Add(string.Join(' ', _cjkRun), isWord: true);
                _cjkRun.Clear();
            }
        }

        private void Add(string term, bool isWord)
        {
            if (_inPhrase && isWord)
            {
                _phrase.Add(term);
            }
            else if (Terms.Count < MaxTerms && _seen.Add(isWord ? term : $"\"{term}\""))
            {
                // A phrase is keyed quoted: "solar" as a phrase and solar as a word are two terms.
                Terms.Add(new LexicalQueryTerm(term, IsPhrase: !isWord));
            }
        }
    }
}
