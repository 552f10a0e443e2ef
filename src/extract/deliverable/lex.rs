//! Syllable tokens and a longest-match lexicon for deliverables and actions
//! (SPEC.md §4, §2 `action`): head nouns, verbs and function words, from the
//! tables in `src/data/`.
//!
//! Vietnamese writes one syllable per space-separated token, so a word such
//! as "chương trình" is two tokens; lexing left to right with the longest
//! phrase first keeps "trình" inside "chương trình" from reading as a verb.

use std::collections::HashMap;
use std::sync::LazyLock;

/// What kind of product a head noun names (`src/data/deliverable_heads.tsv`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum HeadClass {
    Doc,
    System,
    Object,
    Target,
}

/// How a verb relates to a product (`src/data/actions.tsv`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum VerbClass {
    Product,
    Effort,
    Basis,
    Report,
    Assign,
    Weak,
    Target,
}

#[derive(Clone, Debug)]
pub(crate) struct Head {
    pub ty: &'static str,
    pub class: HeadClass,
    /// A product only when the clause names no other.
    pub weak: bool,
    /// Also heads agency names: never a product at the start of a clause.
    pub body: bool,
}

#[derive(Clone, Debug)]
pub(crate) struct Verb {
    pub id: &'static str,
    /// The rule id `action/<id>`.
    pub rule: &'static str,
    /// The canonical phrase (first row of the id).
    pub phrase: &'static str,
    pub class: VerbClass,
    pub yields: Yield,
}

/// How a verb gives way to a later one as the action of a clause.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Yield {
    Never,
    /// To a verb right after it in the same chain.
    Chain,
    /// To any later verb of the clause.
    Any,
}

pub(crate) const FILLER: u16 = 1;
pub(crate) const MODAL: u16 = 1 << 1;
pub(crate) const ADDRESSEE: u16 = 1 << 2;
pub(crate) const NOMINAL: u16 = 1 << 3;
pub(crate) const PREFIX: u16 = 1 << 4;
pub(crate) const PURPOSE: u16 = 1 << 5;
pub(crate) const STOP: u16 = 1 << 6;
pub(crate) const COMMA_STOP: u16 = 1 << 7;
pub(crate) const REACH: u16 = 1 << 8;
pub(crate) const CONNECT: u16 = 1 << 9;
pub(crate) const BLOCK: u16 = 1 << 10;

/// Everything the tables say about one phrase.
#[derive(Clone, Debug, Default)]
pub(crate) struct Entry {
    pub head: Option<Head>,
    pub verb: Option<Verb>,
    pub roles: u16,
}

/// Kind of a token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TokKind {
    Word,
    Num,
    Percent,
    Punct(char),
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokKind,
}

/// One lexeme: a lexicon phrase or a single token.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Lexeme {
    pub start: usize,
    pub end: usize,
    pub kind: TokKind,
    pub entry: Option<&'static Entry>,
    /// Overlaps a range the caller assigned to another field.
    pub excluded: bool,
}

impl Lexeme {
    pub fn roles(&self) -> u16 {
        self.entry.map_or(0, |e| e.roles)
    }
    pub fn has(&self, role: u16) -> bool {
        self.roles() & role != 0
    }
    pub fn head(&self) -> Option<&'static Head> {
        self.entry.and_then(|e| e.head.as_ref())
    }
    pub fn verb(&self) -> Option<&'static Verb> {
        self.entry.and_then(|e| e.verb.as_ref())
    }
    pub fn is_punct(&self, c: char) -> bool {
        self.kind == TokKind::Punct(c)
    }
    pub fn is_quote(&self) -> bool {
        matches!(self.kind, TokKind::Punct(c) if is_quote_char(c))
    }
}

pub(crate) fn is_quote_char(c: char) -> bool {
    matches!(c, '“' | '”' | '"' | '«' | '»')
}

pub(crate) fn is_open_quote(c: char) -> bool {
    matches!(c, '“' | '"' | '«')
}

/// FxHash: the lexicon is looked up once per word, and SipHash's
/// resistance to crafted keys buys nothing for an embedded table.
#[derive(Default, Clone, Copy)]
struct Fx(u64);

impl std::hash::Hasher for Fx {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
}

type FxBuild = std::hash::BuildHasherDefault<Fx>;

struct Lexicon {
    /// First syllable → (syllables, entry), longest first.
    by_first: HashMap<String, Vec<(Vec<String>, &'static Entry)>, FxBuild>,
}

static HEADS_TSV: &str = include_str!("../../data/deliverable_heads.tsv");
static ACTIONS_TSV: &str = include_str!("../../data/actions.tsv");
static WORDS_TSV: &str = include_str!("../../data/deliverable_words.tsv");

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

/// Splits a phrase of a table into lower-cased token texts.
pub(crate) fn phrase_tokens(phrase: &str) -> Vec<String> {
    let lower = lower_same_len(phrase);
    tokenize(&lower).iter().map(|t| lower[t.start..t.end].to_string()).collect()
}

fn rows(tsv: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    tsv.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').collect())
}

fn role_bit(name: &str) -> Option<u16> {
    Some(match name {
        "filler" => FILLER,
        "modal" => MODAL,
        "addressee" => ADDRESSEE,
        "nominal" => NOMINAL,
        "prefix" => PREFIX,
        "purpose" => PURPOSE,
        "stop" => STOP,
        "comma-stop" => COMMA_STOP,
        "reach" => REACH,
        "connect" => CONNECT,
        "block" => BLOCK,
        _ => return None,
    })
}

fn verb_class(name: &str) -> Option<VerbClass> {
    Some(match name {
        "product" => VerbClass::Product,
        "effort" => VerbClass::Effort,
        "basis" => VerbClass::Basis,
        "report" => VerbClass::Report,
        "assign" => VerbClass::Assign,
        "weak" => VerbClass::Weak,
        "target" => VerbClass::Target,
        _ => return None,
    })
}

fn head_class(name: &str) -> Option<HeadClass> {
    Some(match name {
        "doc" => HeadClass::Doc,
        "system" => HeadClass::System,
        "object" => HeadClass::Object,
        "target" => HeadClass::Target,
        _ => return None,
    })
}

/// Builds the lexicon; panics only on malformed embedded tables (a test loads it).
fn build() -> Lexicon {
    let mut entries: HashMap<Vec<String>, Entry> = HashMap::new();
    for r in rows(HEADS_TSV) {
        assert!(r.len() >= 3, "deliverable_heads.tsv: bad row {r:?}");
        let (class, weak, body) = match r[2] {
            "weak-object" => (HeadClass::Object, true, false),
            "body-object" => (HeadClass::Object, false, true),
            "body-system" => (HeadClass::System, false, true),
            c => (head_class(c).unwrap_or_else(|| panic!("deliverable_heads.tsv: class {c:?}")), false, false),
        };
        let e = entries.entry(phrase_tokens(r[0])).or_default();
        e.head = Some(Head { ty: r[1], class, weak, body });
    }
    let mut first_phrase: HashMap<&str, &'static str> = HashMap::new();
    for r in rows(ACTIONS_TSV) {
        assert!(r.len() >= 4, "actions.tsv: bad row {r:?}");
        let class = verb_class(r[2]).unwrap_or_else(|| panic!("actions.tsv: class {:?}", r[2]));
        let yields = match r[3] {
            "-" => Yield::Never,
            "chain" => Yield::Chain,
            "any" => Yield::Any,
            y => panic!("actions.tsv: yield {y:?}"),
        };
        let phrase = *first_phrase.entry(r[0]).or_insert(r[1]);
        let e = entries.entry(phrase_tokens(r[1])).or_default();
        e.verb = Some(Verb { id: r[0], rule: leak(format!("action/{}", r[0])), phrase, class, yields });
    }
    for r in rows(WORDS_TSV) {
        assert!(r.len() >= 2, "deliverable_words.tsv: bad row {r:?}");
        let bit = role_bit(r[1]).unwrap_or_else(|| panic!("deliverable_words.tsv: role {:?}", r[1]));
        entries.entry(phrase_tokens(r[0])).or_default().roles |= bit;
    }
    let mut by_first: HashMap<String, Vec<(Vec<String>, &'static Entry)>, FxBuild> = HashMap::default();
    for (toks, e) in entries {
        let Some(first) = toks.first().cloned() else { continue };
        let e: &'static Entry = Box::leak(Box::new(e));
        by_first.entry(first).or_default().push((toks, e));
    }
    for v in by_first.values_mut() {
        v.sort_by(|a, b| b.0.len().cmp(&a.0.len()));
    }
    Lexicon { by_first }
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(build);

/// Forces the tables to load (tests).
#[cfg(test)]
pub(crate) fn load() -> usize {
    LEXICON.by_first.len()
}

/// Lower-cases char by char, keeping a char whose lower case has another
/// UTF-8 length, so byte offsets stay valid in both strings.
pub(crate) fn lower_same_len(s: &str) -> String {
    crate::normalize::case::lower_same_len(s)
}

/// Words (letters and digits, with `/ - . , & _` inside them and a trailing
/// `%` after a digit) and single punctuation marks.
pub(crate) fn tokenize(s: &str) -> Vec<Token> {
    let bytes = s.as_bytes();
    let at = |i: usize| match bytes.get(i) {
        Some(&b) if b < 0x80 => Some(b as char),
        Some(_) => s.get(i..).and_then(|r| r.chars().next()),
        None => None,
    };
    // Latin letters with diacritics (U+00C0..U+1FFF but × ÷) are all
    // letters; the table lookup of `is_alphanumeric` is kept for the rest.
    let alnum = |c: char| match c as u32 {
        0..=0x7f => c.is_ascii_alphanumeric(),
        0xd7 | 0xf7 => false,
        0xc0..=0x1fff => true,
        _ => c.is_alphanumeric(),
    };
    let mut toks = Vec::with_capacity(s.len() / 4);
    let mut i = 0;
    while let Some(c) = at(i) {
        if c == ' ' || c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        if !alnum(c) {
            toks.push(Token { start: i, end: i + c.len_utf8(), kind: TokKind::Punct(c) });
            i += c.len_utf8();
            continue;
        }
        let start = i;
        let mut prev = c;
        i += c.len_utf8();
        while let Some(cj) = at(i) {
            if alnum(cj) {
                prev = cj;
                i += cj.len_utf8();
                continue;
            }
            let joins = matches!(cj, '/' | '-' | '.' | ',' | '&' | '_');
            match at(i + 1) {
                Some(next) if joins && alnum(next) => {
                    let digits = prev.is_ascii_digit() && next.is_ascii_digit();
                    if (cj == ',' || cj == '.') && !digits {
                        break;
                    }
                    prev = next;
                    i += 1 + next.len_utf8();
                }
                _ => break,
            }
        }
        let mut kind = if c.is_ascii_digit() { TokKind::Num } else { TokKind::Word };
        if kind == TokKind::Num && at(i) == Some('%') {
            i += 1;
            kind = TokKind::Percent;
        }
        toks.push(Token { start, end: i, kind });
    }
    toks
}

thread_local! {
    /// The last clause lexed and its lexemes (none excluded).
    static LAST: std::cell::RefCell<(String, Vec<Lexeme>)> = const { std::cell::RefCell::new((String::new(), Vec::new())) };
}

/// Lexes `clause`: longest lexicon phrase at each word, else the token
/// itself; lexemes overlapping a range of `exclude` are marked.
///
/// The walk asks for the action and then the deliverable of the same
/// clause: the lexemes of the last clause are kept (per thread) so that it
/// is lexed once.
pub(crate) fn lex(clause: &str, exclude: &[(usize, usize)]) -> Vec<Lexeme> {
    let cached = LAST.with(|last| {
        let last = last.borrow();
        (last.0 == clause).then(|| last.1.clone())
    });
    let mut out = match cached {
        Some(v) => v,
        None => {
            let v = lex_uncached(clause);
            LAST.with(|last| {
                let mut last = last.borrow_mut();
                last.0.clear();
                last.0.push_str(clause);
                last.1.clone_from(&v);
            });
            v
        }
    };
    if !exclude.is_empty() {
        for l in &mut out {
            l.excluded = exclude.iter().any(|&(a, b)| a < l.end && l.start < b);
        }
    }
    out
}

fn lex_uncached(clause: &str) -> Vec<Lexeme> {
    let lower = lower_same_len(clause);
    let toks = tokenize(&lower);
    let lexicon = &*LEXICON;
    let mut out = Vec::with_capacity(toks.len());
    let mut i = 0;
    while i < toks.len() {
        let t = toks[i];
        let mut matched: Option<(usize, &'static Entry)> = None;
        if t.kind == TokKind::Word {
            if let Some(cands) = lexicon.by_first.get(&lower[t.start..t.end]) {
                for (phrase, e) in cands {
                    let n = phrase.len();
                    if i + n <= toks.len()
                        && phrase.iter().zip(&toks[i..i + n]).all(|(p, tk)| lower[tk.start..tk.end] == **p)
                    {
                        matched = Some((n, e));
                        break;
                    }
                }
            }
        }
        let (n, mut entry) = match matched {
            Some((n, e)) => (n, Some(e)),
            None => (1, None),
        };
        // "Bộ Xây dựng", "Sở Xây dựng": a capitalised verb after a body's
        // head word is part of its name.
        if entry.is_some_and(|e| e.verb.is_some())
            && i > 0
            && matches!(&lower[toks[i - 1].start..toks[i - 1].end], "bộ" | "sở" | "phòng" | "viện")
            && clause[t.start..].chars().next().is_some_and(char::is_uppercase)
        {
            entry = None;
        }
        let start = t.start;
        let end = toks[i + n - 1].end;
        out.push(Lexeme { start, end, kind: t.kind, entry, excluded: false });
        i += n;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_load() {
        assert!(load() > 100);
    }

    #[test]
    fn tokens_keep_numbers_and_codes_whole() {
        let s = "Nghị định 82/2024/NĐ-CP, đạt 90%; 500.000 thuê bao, KH&CN.";
        let t: Vec<&str> = tokenize(s).iter().map(|t| &s[t.start..t.end]).collect();
        assert_eq!(
            t,
            ["Nghị", "định", "82/2024/NĐ-CP", ",", "đạt", "90%", ";", "500.000", "thuê", "bao", ",", "KH&CN", "."]
        );
    }

    #[test]
    fn longest_match_keeps_words_whole() {
        let lx = lex("xây dựng chương trình", &[]);
        assert_eq!(lx.len(), 2);
        assert!(lx[0].verb().is_some());
        assert_eq!(lx[1].head().map(|h| h.ty), Some("chương trình"));
    }

    #[test]
    fn table_phrases_are_nfc_and_new_style() {
        use unicode_normalization::UnicodeNormalization;
        for tsv in [HEADS_TSV, ACTIONS_TSV, WORDS_TSV] {
            for field in tsv.lines().filter(|l| !l.starts_with('#')).flat_map(|l| l.split('\t')) {
                assert_eq!(field.nfc().collect::<String>(), field, "not NFC: {field}");
                assert_eq!(crate::normalize::normalize_str(field), field, "not normalised: {field}");
            }
        }
    }
}

