//! Lists of cue words found as whole words in lower-case text: what the
//! regex `(?:^|EDGE)(w1|w2|…)(?:$|EDGE)` finds, with an Aho-Corasick
//! automaton instead, for the lists whose matches are read (where, which
//! word, one after another). A regex of a few dozen Vietnamese phrases costs
//! about half a millisecond to build; the automaton, microseconds. Where only
//! "is a word there?" is asked of a long text, a regex is quicker to run (its
//! literal prefilter skips text; the automaton visits every byte to report
//! every overlapping word), so those lists stay patterns.

use aho_corasick::{AhoCorasick, AhoCorasickKind, Input, MatchKind};

/// Characters that may stand beside a cue word, as a regex class: white
/// space and punctuation (letters and digits glue). The patterns run on
/// lower-cased text, so they need no (slow to build) Unicode letter classes.
pub const EDGE: &str = r#"[\s,.;:!?()\[\]“”"'/-]"#;

/// [`EDGE`] as a test (the two agree on every character; a test checks it).
pub fn is_edge(c: char) -> bool {
    c.is_whitespace() || matches!(c, ',' | '.' | ';' | ':' | '!' | '?' | '(' | ')' | '[' | ']' | '“' | '”' | '"' | '\'' | '/' | '-')
}

/// A list of words or phrases.
pub struct WordSet {
    ac: AhoCorasick,
    /// Bytes of the longest word.
    longest: usize,
}

/// One word found, as the regex reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WordMatch {
    /// The match with its edge characters (the regex match).
    pub start: usize,
    pub end: usize,
    /// The word alone (the regex's group 1).
    pub word: (usize, usize),
    /// Index of the word in the list.
    pub index: usize,
}

impl WordSet {
    /// `words` in order of preference (the regex alternation's order).
    pub fn new(words: &[&str]) -> WordSet {
        // Every occurrence of every word is needed (a shorter word may stand
        // where a longer one does not): standard, overlapping matching.
        // A DFA: a few dozen words make a small one, and it is the quickest to run.
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(words)
            .expect("cue word lists build");
        let longest = words.iter().map(|w| w.len()).max().unwrap_or(0);
        WordSet { ac, longest }
    }

    /// Where the search for matches starting before byte `limit` may stop:
    /// a match starts at most one edge character (4 bytes) before its word.
    fn search_end(&self, lower: &str, limit: usize) -> usize {
        limit.saturating_add(4 + self.longest).min(lower.len())
    }

    /// Occurrences standing as words whose match starts before byte
    /// `limit`, in no particular order.
    fn occurrences<'a>(&'a self, lower: &'a str, limit: usize) -> impl Iterator<Item = WordMatch> + 'a {
        let end = self.search_end(lower, limit);
        self.ac
            .find_overlapping_iter(Input::new(lower).range(..end))
            .filter_map(move |m| {
                let (s, e) = (m.start(), m.end());
                let before = lower[..s].chars().next_back();
                let after = lower[e..].chars().next();
                if !before.is_none_or(is_edge) || !after.is_none_or(is_edge) {
                    return None;
                }
                let start = s - before.map_or(0, char::len_utf8);
                let end = e + after.map_or(0, char::len_utf8);
                Some(WordMatch { start, end, word: (s, e), index: m.pattern().as_usize() })
            })
            .filter(move |m| m.start < limit)
    }

    /// Some word of the list stands in `lower`.
    #[cfg(test)]
    pub fn is_match(&self, lower: &str) -> bool {
        self.occurrences(lower, lower.len() + 1).next().is_some()
    }

    /// The matches one after another, as the regex's `find_iter` gives
    /// them: the leftmost, the first-listed word there, and the next search
    /// after it (a match takes its edge characters with it).
    pub fn find_iter(&self, lower: &str) -> Vec<WordMatch> {
        let mut all: Vec<WordMatch> = self.occurrences(lower, lower.len() + 1).collect();
        all.sort_unstable_by_key(|m| (m.start, m.index));
        let mut out = Vec::new();
        let mut pos = 0;
        for m in all {
            if m.start >= pos {
                pos = m.end;
                out.push(m);
            }
        }
        out
    }

    /// The first match of [`WordSet::find_iter`].
    #[cfg(test)]
    pub fn find(&self, lower: &str) -> Option<WordMatch> {
        self.find_starting_before(lower, lower.len() + 1)
    }

    /// [`WordSet::find`] if that match starts before byte `before`; only
    /// the start of the text is searched.
    pub fn find_starting_before(&self, lower: &str, before: usize) -> Option<WordMatch> {
        // Most heads hold no word of the list at all: the plain search (with
        // the automaton's literal prefilter) says so more cheaply than the
        // overlapping one, which must visit every byte.
        self.ac.find(Input::new(lower).range(..self.search_end(lower, before)))?;
        self.occurrences(lower, before).min_by_key(|m| (m.start, m.index))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use regex::Regex;

    const WORDS: [&str; 8] = ["đã", "đang", "cần", "cần thiết", "yêu cầu", "giao cho", "giao", "được giao"];

    fn regex() -> Regex {
        Regex::new(&format!("(?:^|{EDGE})({})(?:$|{EDGE})", WORDS.join("|"))).unwrap()
    }

    #[test]
    fn the_edge_test_is_the_edge_class() {
        let class = Regex::new(&format!("^{EDGE}$")).unwrap();
        for c in (0..=0x2FFFFu32).filter_map(char::from_u32) {
            assert_eq!(is_edge(c), class.is_match(c.encode_utf8(&mut [0; 4])), "{:X}", c as u32);
        }
    }

    fn same_as_regex(text: &str, re: &Regex, set: &WordSet) {
        let want: Vec<(usize, usize, usize, usize)> = re
            .captures_iter(text)
            .map(|c| {
                let (m, w) = (c.get(0).unwrap(), c.get(1).unwrap());
                (m.start(), m.end(), w.start(), w.end())
            })
            .collect();
        let got: Vec<(usize, usize, usize, usize)> = set.find_iter(text).iter().map(|m| (m.start, m.end, m.word.0, m.word.1)).collect();
        assert_eq!(got, want, "{text:?}");
        assert_eq!(set.is_match(text), re.is_match(text), "{text:?}");
        assert_eq!(set.find(text).map(|m| (m.start, m.end)), re.find(text).map(|m| (m.start(), m.end())), "{text:?}");
        for before in 0..=text.len() + 1 {
            let want = re.find(text).filter(|m| m.start() < before).map(|m| (m.start(), m.end()));
            assert_eq!(set.find_starting_before(text, before).map(|m| (m.start, m.end)), want, "{text:?} before {before}");
        }
    }

    #[test]
    fn finds_what_the_regex_finds() {
        let (re, set) = (regex(), WordSet::new(&WORDS));
        for t in [
            "",
            "đã",
            "bộ y tế đã, đang giao cho sở",
            "cần thiết phải giao",
            "cần thiết",
            "được giao cho",
            "đãđang cần-thiết",
            "(yêu cầu) “cần” 'đã'",
            "giao giao giao",
            "a đã đã b",
            "x\u{a0}cần\u{2003}y",
            "cầnđã cần",
        ] {
            same_as_regex(t, &re, &set);
        }
    }

    proptest! {
        #[test]
        fn finds_what_the_regex_finds_on_any_mix(parts in proptest::collection::vec(prop_oneof![
            Just("đã"), Just("đang"), Just("cần"), Just("thiết"), Just("yêu cầu"), Just("giao"), Just("cho"),
            Just("được"), Just(" "), Just(", "), Just("-"), Just("x"), Just("ạ"), Just("1"), Just("\n"), Just("“"),
        ], 0..14)) {
            let text: String = parts.concat();
            same_as_regex(&text, &regex(), &WordSet::new(&WORDS));
        }
    }
}
