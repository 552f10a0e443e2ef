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
    /// The lexicon's number of the token's text.
    id: Syllable,
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

// The lexicon is looked up once per token: FxHash (see crate::fxhash).
use crate::fxhash::FxBuild;

/// The first `n` bytes of a little-endian word, by `n` up to eight.
const KEEP: [u64; 9] = {
    let mut t = [0u64; 9];
    let mut n = 1;
    while n <= 8 {
        t[n] = u64::MAX >> (64 - 8 * n);
        n += 1;
    }
    t
};

/// A token of up to eight bytes as one number, its bytes in order and
/// zero after them. No two tokens share a number: a zero byte is a token of
/// its own. `None` for longer tokens.
#[inline]
fn pack(text: &[u8], start: usize, end: usize) -> Option<u64> {
    // `end < start` wraps to a length past the table: `None` as well.
    let keep = *KEEP.get(end.wrapping_sub(start))?;
    // One load when eight bytes are there to read, then the token's bytes kept.
    let word = match text.get(start..).and_then(<[u8]>::first_chunk::<8>) {
        Some(eight) => u64::from_le_bytes(*eight),
        None => {
            let mut w = [0u8; 8];
            let tail = text.get(start..end)?;
            w[..tail.len()].copy_from_slice(tail);
            u64::from_le_bytes(w)
        }
    };
    Some(word & keep)
}

/// The number of a syllable of the lexicon; tokens not in it get [`NO_SYLLABLE`].
type Syllable = u32;
const NO_SYLLABLE: Syllable = Syllable::MAX;

/// [`pack`]ed tokens → syllable numbers. Every key sits in one of the two
/// slots of its home bucket (a multiplier is searched for at build time
/// that allows it), so a look-up is a multiplication, one bounds check and
/// two compares, with no probe loop: most tokens of a clause are looked
/// up, and a third of them are not in the table. An empty slot holds key 0
/// (no table token packs to it: a zero byte is no letter) and
/// [`NO_SYLLABLE`].
struct PackedTable {
    /// A power of two long.
    buckets: Vec<[(u64, Syllable); 2]>,
    mult: u64,
    /// 64 minus log2 of the length: the top bits of the product pick the slot.
    shift: u32,
}

impl PackedTable {
    fn new(keys: &[(u64, Syllable)]) -> PackedTable {
        let len = (keys.len() * 2).next_power_of_two().max(8);
        let shift = 64 - len.trailing_zeros();
        // Odd multipliers from a fixed sequence: the table is the same on every run.
        let mut mult: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..10_000 {
            let mut t = PackedTable { buckets: vec![[(0, NO_SYLLABLE); 2]; len], mult, shift };
            let placed = keys.iter().all(|&(key, id)| {
                assert!(key != 0, "lexicon: a token packs to 0");
                let home = t.home(key);
                match t.buckets[home].iter_mut().find(|slot| slot.0 == 0) {
                    Some(slot) => {
                        *slot = (key, id);
                        true
                    }
                    None => false,
                }
            });
            if placed {
                return t;
            }
            mult = mult.wrapping_mul(0xd134_2543_de82_ef95).wrapping_add(0x632b_e59b_d9b4_e019) | 1;
        }
        panic!("lexicon: no multiplier places every syllable in its home bucket");
    }

    #[inline]
    fn home(&self, key: u64) -> usize {
        (key.wrapping_mul(self.mult) >> self.shift) as usize
    }

    #[inline]
    fn get(&self, key: u64) -> Syllable {
        match self.buckets.get(self.home(key)) {
            Some(&[(k0, id0), (k1, id1)]) => {
                if k0 == key {
                    id0
                } else if k1 == key {
                    id1
                } else {
                    NO_SYLLABLE
                }
            }
            None => NO_SYLLABLE,
        }
    }
}

/// A phrase as syllable numbers, and what the tables say about it.
struct Phrase {
    /// The syllables after the first.
    rest: Vec<Syllable>,
    /// The second syllable, [`NO_SYLLABLE`] for a phrase of one: most
    /// candidates are told apart by it, without reading `rest`.
    second: Syllable,
    entry: &'static Entry,
}

impl Phrase {
    /// Whether the phrase's syllables after the first are those of `next`
    /// (the tokens after its first), in order.
    #[inline]
    fn follows(&self, next: &[Token]) -> bool {
        match self.rest.split_first() {
            None => true,
            Some((_, more)) => {
                next.first().is_some_and(|t| t.id == self.second)
                    && next.get(1..=more.len()).is_some_and(|ts| ts.iter().zip(more).all(|(t, &a)| t.id == a))
            }
        }
    }
}

struct Lexicon {
    /// Every token text of a table phrase, numbered: a clause's token is
    /// hashed once, and phrases are then compared as numbers. Texts of up
    /// to eight bytes (nearly all) by their [`pack`]ed number.
    short: PackedTable,
    long: HashMap<Vec<u8>, Syllable, FxBuild>,
    /// The byte length of the longest token text: a longer token is no syllable.
    longest: usize,
    /// Indexed by the number of the first syllable: its phrases, longest first.
    by_first: Vec<Vec<Phrase>>,
}

impl Lexicon {
    /// The number of the token `start..end` of `text`.
    #[inline(always)]
    fn syllable(&self, text: &[u8], start: usize, end: usize) -> Syllable {
        match pack(text, start, end) {
            Some(key) => self.short.get(key),
            None => self.long_syllable(text, start, end),
        }
    }

    /// [`Lexicon::syllable`] of a token of more than eight bytes (few are).
    #[inline(never)]
    fn long_syllable(&self, text: &[u8], start: usize, end: usize) -> Syllable {
        match text.get(start..end) {
            Some(t) if t.len() <= self.longest => self.long.get(t).copied().unwrap_or(NO_SYLLABLE),
            _ => NO_SYLLABLE,
        }
    }
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
    let mut numbers: HashMap<String, Syllable, FxBuild> = HashMap::default();
    let mut by_first: Vec<Vec<Phrase>> = Vec::new();
    for (toks, e) in entries {
        let ids: Vec<Syllable> = toks
            .into_iter()
            .map(|t| {
                let next = numbers.len() as Syllable;
                *numbers.entry(t).or_insert(next)
            })
            .collect();
        let Some(&first) = ids.first() else { continue };
        let e: &'static Entry = Box::leak(Box::new(e));
        if by_first.len() <= first as usize {
            by_first.resize_with(first as usize + 1, Vec::new);
        }
        let rest = ids[1..].to_vec();
        let second = rest.first().copied().unwrap_or(NO_SYLLABLE);
        by_first[first as usize].push(Phrase { rest, second, entry: e });
    }
    for v in &mut by_first {
        v.sort_by(|a, b| b.rest.len().cmp(&a.rest.len()));
    }
    let mut short = Vec::new();
    let mut long = HashMap::default();
    let longest = numbers.keys().map(String::len).max().unwrap_or(0);
    for (t, id) in numbers {
        match pack(t.as_bytes(), 0, t.len()) {
            Some(key) => short.push((key, id)),
            None => {
                long.insert(t.into_bytes(), id);
            }
        }
    }
    Lexicon { short: PackedTable::new(&short), long, by_first, longest }
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(build);

/// Forces the tables to load (tests).
#[cfg(test)]
pub(crate) fn load() -> usize {
    LEXICON.by_first.iter().filter(|v| !v.is_empty()).count()
}

/// Lower-cases char by char, keeping a char whose lower case has another
/// UTF-8 length, so byte offsets stay valid in both strings.
pub(crate) fn lower_same_len(s: &str) -> String {
    crate::normalize::case::lower_same_len(s)
}

/// How the tokenizer sees a character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CharClass {
    /// `char::is_whitespace`.
    Space,
    /// `char::is_alphanumeric`, and no whitespace.
    Alnum,
    Other,
}

/// The class of `c`, answered without the Unicode tables for the
/// characters Vietnamese text is made of: Latin letters with diacritics
/// (U+00C0..U+1FFF but × ÷ and the Ogham space mark) are all letters, and
/// General Punctuation (“ ” – …) holds spaces and no letter or digit.
#[inline]
fn char_class(c: char) -> CharClass {
    use CharClass::*;
    match c as u32 {
        0..=0x7f if c.is_ascii_alphanumeric() => Alnum,
        0..=0x7f if matches!(c, ' ' | '\t'..='\r') => Space,
        0..=0x7f | 0xd7 | 0xf7 => Other,
        0x1680 => Space,
        0xc0..=0x1fff => Alnum,
        0x2000..=0x206f if c.is_whitespace() => Space,
        0x2000..=0x206f => Other,
        _ if c.is_whitespace() => Space,
        _ if c.is_alphanumeric() => Alnum,
        _ => Other,
    }
}

/// What a byte of UTF-8 text says about the character it starts or
/// continues, for [`tokenize`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ByteClass {
    /// An ASCII letter or digit, the first byte of a letter, or a byte
    /// inside a character (met only after its first byte was taken).
    Letter,
    /// ASCII whitespace.
    Space,
    /// Other ASCII.
    Mark,
    /// C3 starts letters but for × ÷ (C3 97, C3 B7).
    Check,
    /// Anything else is decoded and asked of [`char_class`].
    Decode,
}

/// By byte: inside a word, two-byte U+0100..U+07FF and three-byte
/// U+0800..U+1FFF are all letters (Latin with diacritics, đ ơ ư, the ạ..ỹ
/// block U+1EA0..), so most of Vietnamese is read without decoding. (The
/// Ogham space mark U+1680 is a space only where a token would start.)
const BYTE_CLASS: [ByteClass; 256] = {
    let mut t = [ByteClass::Decode; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c.is_ascii_alphanumeric() {
            ByteClass::Letter
        } else if c == b' ' || (c >= b'\t' && c <= b'\r') {
            ByteClass::Space
        } else if c < 0x80 {
            ByteClass::Mark
        } else if c <= 0xbf || (c >= 0xc4 && c <= 0xe1) {
            ByteClass::Letter
        } else if c == 0xc3 {
            ByteClass::Check
        } else {
            ByteClass::Decode
        };
        b += 1;
    }
    t
};

/// The character at byte `i` of `s`, `None` at the end or off a boundary.
#[inline]
fn char_at(s: &str, i: usize) -> Option<char> {
    match s.as_bytes().get(i) {
        Some(&b) if b < 0x80 => Some(b as char),
        Some(_) => s.get(i..).and_then(|r| r.chars().next()),
        None => None,
    }
}

/// The UTF-8 length of the letter or digit (as a word goes on over them:
/// U+00C0..U+1FFF but × ÷ are letters) starting at byte `i` of `s`; `None`
/// for another character, off a boundary or at the end.
#[inline(always)]
fn alnum_len(s: &str, i: usize) -> Option<usize> {
    let b = s.as_bytes();
    let lead = *b.get(i)?;
    match BYTE_CLASS[lead as usize] {
        ByteClass::Letter if lead < 0x80 => Some(1),
        ByteClass::Letter if lead < 0xc0 => None,
        ByteClass::Letter if lead < 0xe0 => Some(2),
        ByteClass::Letter => Some(3),
        ByteClass::Check => (!matches!(b.get(i + 1), Some(0x97 | 0xb7))).then_some(2),
        ByteClass::Decode => decoded_alnum_len(s, i),
        ByteClass::Space | ByteClass::Mark => None,
    }
}

/// [`alnum_len`] of a character the first byte does not tell (none of
/// them is both a space and a letter).
#[inline(never)]
fn decoded_alnum_len(s: &str, i: usize) -> Option<usize> {
    char_at(s, i).filter(|&c| char_class(c) == CharClass::Alnum).map(char::len_utf8)
}

/// The Ogham space mark, a letter by its code point inside a word.
const OGHAM_SPACE: &[u8] = "\u{1680}".as_bytes();

/// Words (letters and digits, with `/ - . , & _` inside them and a trailing
/// `%` after a digit) and single punctuation marks.
pub(crate) fn tokenize(s: &str) -> Vec<Token> {
    let mut toks = Vec::new();
    let n = tokenize_into(s, &mut toks, |_, _, _| NO_SYLLABLE);
    toks.truncate(n);
    toks
}

/// Bytes a word runs on over without a second look: ASCII letters and
/// digits, the first bytes of letters (C3 too), and bytes inside a
/// character but 97 and B7, the second bytes of × ÷ (C3 97, C3 B7).
static WORD_BYTES: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = match BYTE_CLASS[b] {
            ByteClass::Letter | ByteClass::Check => !matches!(b, 0x97 | 0xb7),
            _ => false,
        };
        b += 1;
    }
    t
};

/// The first bytes a word starts on without a second look: [`WORD_BYTES`]
/// but C3 (× ÷) and E1 (the Ogham space mark, a space where a token would
/// start). One look-up instead of three compares per token.
static WORD_START: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = WORD_BYTES[b] && b != 0xc3 && b != 0xe1;
        b += 1;
    }
    t
};

/// How far a word runs on over the character whose byte is `b` without a
/// second look: [`WORD_BYTES`] one byte at a time, but a whole character
/// of U+0100..U+1FFF (led by C4..DF, E0, E1: letters inside a word) at
/// once; 0 where the word loop must look. The text is valid UTF-8, so a
/// lead's character is all there.
static WORD_STEP: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = match b {
            _ if !WORD_BYTES[b] => 0,
            0xc4..=0xdf => 2,
            0xe0 | 0xe1 => 3,
            _ => 1,
        };
        b += 1;
    }
    t
};

/// Tokenizes `s` into the first slots of `toks`, each token with the
/// `number` of its text (from its bytes, start, end), taken while the
/// token's bytes are at hand; returns how many.
///
/// Each token takes one byte at least, so `toks` is first made as long as
/// `s` (it only grows: the lexer keeps it from clause to clause), and a
/// token is written into its slot: no capacity check and no call to grow
/// the vector per token, and the count stays in a register.
/// Not inlined: its loops keep their registers apart from the lexer's.
#[inline(never)]
fn tokenize_into(s: &str, toks: &mut Vec<Token>, number: impl Fn(&[u8], usize, usize) -> Syllable) -> usize {
    if toks.len() < s.len() {
        toks.resize(s.len(), Token { start: 0, end: 0, kind: TokKind::Word, id: NO_SYLLABLE });
    }
    let slots = toks.as_mut_slice();
    let mut n = 0;
    let bytes = s.as_bytes();
    // A macro, not a closure: the closure was not inlined.
    macro_rules! push {
        ($start:expr, $end:expr, $kind:expr) => {{
            let (start, end) = ($start, $end);
            if let Some(slot) = slots.get_mut(n) {
                *slot = Token { start, end, kind: $kind, id: number(bytes, start, end) };
                n += 1;
            }
        }};
    }
    let digit_at = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
    // Branches are few and laid out for the common case (a word, one
    // space, a word): on Vietnamese text a tokenizer's time goes into
    // mispredicted branches more than into instructions.
    let mut i = 0;
    while let Some(&lead) = bytes.get(i) {
        if lead == b' ' {
            i += 1;
            continue;
        }
        let start = i;
        if WORD_START[lead as usize] {
            // The first byte of an ASCII letter or digit, or of a letter of
            // U+0100..U+1FFF not led by E1 (where the Ogham space mark is a
            // space): the word loop takes its other bytes.
            i += 1;
        } else {
            match alnum_len(s, i) {
                Some(n) if !(lead == 0xe1 && bytes[i..].starts_with(OGHAM_SPACE)) => i += n,
                _ => {
                    let Some(c) = char_at(s, i) else { break };
                    if char_class(c) == CharClass::Other {
                        push!(i, i + c.len_utf8(), TokKind::Punct(c));
                    }
                    i += c.len_utf8();
                    continue;
                }
            }
        }
        loop {
            while let Some(step) = bytes.get(i).map(|&b| WORD_STEP[b as usize]).filter(|&n| n != 0) {
                i += step as usize;
            }
            let Some(&b) = bytes.get(i) else { break };
            if b == b' ' {
                break;
            }
            if (0x80..0xc0).contains(&b) {
                // 97 or B7 inside a character: × ÷ end the word before
                // their first byte; else it is a letter's.
                if bytes[..i].last() == Some(&0xc3) {
                    i -= 1;
                    break;
                }
                i += 1;
                continue;
            }
            if b >= 0xc0 {
                match alnum_len(s, i) {
                    Some(n) => {
                        i += n;
                        continue;
                    }
                    None => break,
                }
            }
            if !matches!(b, b'/' | b'-' | b'.' | b',' | b'&' | b'_') {
                break;
            }
            // A joiner inside the word when a letter or digit follows it;
            // "," and "." only between digits. The last byte of a
            // non-ASCII letter is no digit.
            let Some(n) = alnum_len(s, i + 1) else { break };
            if matches!(b, b',' | b'.') && !(digit_at(i - 1) && digit_at(i + 1)) {
                break;
            }
            i += 1 + n;
        }
        let mut kind = if digit_at(start) { TokKind::Num } else { TokKind::Word };
        if kind == TokKind::Num && bytes.get(i) == Some(&b'%') {
            i += 1;
            kind = TokKind::Percent;
        }
        push!(start, i, kind);
        // The space after a word, most often there, without another round.
        if bytes.get(i) == Some(&b' ') {
            i += 1;
        }
    }
    n
}

/// The lexemes of one clause, kept for the next calls.
#[derive(Default)]
struct Lexed {
    text: String,
    /// As long as the most lexemes of a clause lexed in this slot: the
    /// first `count` are the clause's.
    lexemes: Vec<Lexeme>,
    count: usize,
    /// Whether some lexeme is marked excluded.
    marked: bool,
}

impl Lexed {
    fn lexemes(&self) -> &[Lexeme] {
        self.lexemes.get(..self.count).unwrap_or_default()
    }
}

/// How many clauses a thread keeps lexed.
const RECENT: usize = 4;

/// The clauses lexed last on this thread, with the buffer lexing needs.
#[derive(Default)]
struct Cache {
    /// The walk asks for the action and then the deliverable of a clause,
    /// and a table repeats a cell a few rows down (one in forty clauses
    /// lexed in the dev corpus): the last few are kept.
    recent: [Lexed; RECENT],
    /// The slot the next clause lexed takes: the oldest.
    next: usize,
    /// As long as the longest clause lexed (see [`tokenize_into`]).
    toks: Vec<Token>,
}

thread_local! {
    static LAST: std::cell::RefCell<Cache> = std::cell::RefCell::new(Cache::default());
}

/// Runs `f` on the lexemes of `clause`: longest lexicon phrase at each
/// word, else the token itself; lexemes overlapping a range of `exclude`
/// are marked. `lower` is `lower_same_len(clause)` when the caller has it.
///
/// The lexemes of the last few clauses are kept (per thread, see
/// [`Cache`]) so that a clause asked for again is not lexed (nor
/// lower-cased) again, and no buffer is allocated per clause.
pub(crate) fn with_lexemes<R>(
    clause: &str,
    lower: Option<&str>,
    exclude: &[(usize, usize)],
    f: impl FnOnce(&[Lexeme]) -> R,
) -> R {
    let lower_of = |clause: &str| match lower {
        Some(l) => std::borrow::Cow::Borrowed(l),
        None => std::borrow::Cow::Owned(lower_same_len(clause)),
    };
    LAST.with(|last| {
        // Only a call from inside `f` finds the cache busy: lex afresh.
        let Ok(mut cache) = last.try_borrow_mut() else {
            let mut fresh = Lexed::default();
            lex_into(clause, &lower_of(clause), &mut Vec::new(), &mut fresh);
            mark(&mut fresh, exclude);
            return f(fresh.lexemes());
        };
        let cache = &mut *cache;
        let k = match cache.recent.iter().position(|l| l.text == clause) {
            Some(k) => k,
            None => {
                let k = cache.next % RECENT;
                cache.next = (k + 1) % RECENT;
                let slot = &mut cache.recent[k];
                slot.text.clear();
                slot.text.push_str(clause);
                lex_into(clause, &lower_of(clause), &mut cache.toks, slot);
                k
            }
        };
        let slot = &mut cache.recent[k % RECENT];
        mark(slot, exclude);
        f(slot.lexemes())
    })
}

fn mark(c: &mut Lexed, exclude: &[(usize, usize)]) {
    if exclude.is_empty() && !c.marked {
        return;
    }
    let count = c.count;
    for l in c.lexemes.iter_mut().take(count) {
        l.excluded = exclude.iter().any(|&(a, b)| a < l.end && l.start < b);
    }
    c.marked = !exclude.is_empty();
}

/// Lexes `clause` (lower case `lower`) into `c.lexemes`, none excluded.
fn lex_into(clause: &str, lower: &str, toks: &mut Vec<Token>, c: &mut Lexed) {
    debug_assert_eq!(clause.len(), lower.len());
    let lexicon = &*LEXICON;
    let n = tokenize_into(lower, toks, |text, start, end| lexicon.syllable(text, start, end));
    let toks = toks.get(..n).unwrap_or_default();
    // No more lexemes than tokens: written into slots as the tokens are
    // (see `tokenize_into`).
    if c.lexemes.len() < n {
        c.lexemes.resize(n, Lexeme { start: 0, end: 0, kind: TokKind::Word, entry: None, excluded: false });
    }
    let slots = c.lexemes.as_mut_slice();
    let mut w = 0;
    c.marked = false;
    let mut i = 0;
    while let Some(&t) = toks.get(i) {
        let mut n = 1;
        let mut entry = None;
        if t.kind == TokKind::Word {
            // Phrases of the first syllable, longest first: the first whose
            // other syllables follow.
            let next = &toks[i + 1..];
            let found = lexicon.by_first.get(t.id as usize).and_then(|cands| cands.iter().find(|p| p.follows(next)));
            if let Some(p) = found {
                n = 1 + p.rest.len();
                entry = Some(p.entry);
            }
        }
        // "Bộ Xây dựng", "Sở Xây dựng": a capitalised verb after a body's
        // head word is part of its name.
        if entry.is_some_and(|e: &Entry| e.verb.is_some())
            && i > 0
            && matches!(&lower[toks[i - 1].start..toks[i - 1].end], "bộ" | "sở" | "phòng" | "viện")
            && clause[t.start..].chars().next().is_some_and(char::is_uppercase)
        {
            entry = None;
        }
        let end = if n == 1 { t.end } else { toks.get(i + n - 1).map_or(t.end, |l| l.end) };
        if let Some(slot) = slots.get_mut(w) {
            *slot = Lexeme { start: t.start, end, kind: t.kind, entry, excluded: false };
            w += 1;
        }
        i += n;
    }
    c.count = w;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_load() {
        assert!(load() > 100);
    }

    #[test]
    fn every_table_token_has_a_number() {
        for (tsv, col) in [(HEADS_TSV, 0), (ACTIONS_TSV, 1), (WORDS_TSV, 0)] {
            for r in rows(tsv) {
                let lower = lower_same_len(r[col]);
                for t in tokenize(&lower) {
                    let id = LEXICON.syllable(lower.as_bytes(), t.start, t.end);
                    assert_ne!(id, NO_SYLLABLE, "{:?} of {:?}", &lower[t.start..t.end], r[col]);
                }
            }
        }
        for miss in ["zzqx", "a", "xây dựngg", "12345678", "ạạạ"] {
            assert_eq!(LEXICON.syllable(miss.as_bytes(), 0, miss.len()), NO_SYLLABLE, "{miss:?}");
        }
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

    /// The tokenizer as first written, char by char with the Unicode
    /// tables: what the byte-level one must agree with.
    fn reference_tokenize(s: &str) -> Vec<Token> {
        let at = |i: usize| s.get(i..).and_then(|r| r.chars().next());
        let alnum = |c: char| match c as u32 {
            0..=0x7f => c.is_ascii_alphanumeric(),
            0xd7 | 0xf7 => false,
            0xc0..=0x1fff => true,
            _ => c.is_alphanumeric(),
        };
        let mut toks = Vec::new();
        let mut i = 0;
        while let Some(c) = at(i) {
            if c.is_whitespace() {
                i += c.len_utf8();
                continue;
            }
            if !alnum(c) {
                toks.push(Token { start: i, end: i + c.len_utf8(), kind: TokKind::Punct(c), id: NO_SYLLABLE });
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
            toks.push(Token { start, end: i, kind, id: NO_SYLLABLE });
        }
        toks
    }

    fn same_tokens(s: &str) {
        let key = |t: &[Token]| t.iter().map(|t| (t.start, t.end, t.kind)).collect::<Vec<_>>();
        assert_eq!(key(&tokenize(s)), key(&reference_tokenize(s)), "{s:?}");
    }

    #[test]
    fn char_class_agrees_with_unicode() {
        for c in (0..=0x10ffffu32).filter_map(char::from_u32) {
            let want = if c.is_whitespace() {
                CharClass::Space
            } else if c.is_alphanumeric() || (0xc0..=0x1fff).contains(&(c as u32)) && !matches!(c, '×' | '÷') {
                CharClass::Alnum
            } else {
                CharClass::Other
            };
            assert_eq!(char_class(c), want, "{:X}", c as u32);
        }
    }

    #[test]
    fn tokenizer_agrees_with_reference_on_every_char() {
        // Each character where a token starts, inside a word after an
        // ASCII and a Vietnamese letter, after a joiner, before digits.
        let chars: Vec<char> = (0..=0x10ffffu32).filter_map(char::from_u32).collect();
        for chunk in chars.chunks(512) {
            let mut s = String::new();
            for c in chunk {
                s.extend([*c, ' ', 'a', *c, 'b', ' ', 'ỗ', *c, '-', *c, '1', ' ', '1', *c, '.', '5', ' ']);
            }
            same_tokens(&s);
        }
    }

    proptest::proptest! {
        #[test]
        fn tokenizer_agrees_with_reference(v in proptest::collection::vec(0usize..34, 0..40)) {
            const ALPHABET: [char; 34] = [
                'a', 'Z', '1', '0', '/', '-', '.', ',', '&', '_', '%', ' ', '\t', '×', '÷', '\u{1680}', 'ạ', 'ỗ', 'ặ', 'đ',
                '“', '”', '\u{a0}', 'Ú', '²', 'ª', '\u{2028}', '…', 'ǅ', '\u{3000}', '一', '🙂', 'ớ', '\u{85}',
            ];
            let s: String = v.iter().map(|&k| ALPHABET[k]).collect();
            same_tokens(&s);
        }
    }

    #[test]
    fn longest_match_keeps_words_whole() {
        with_lexemes("xây dựng chương trình", None, &[], |lx| {
            assert_eq!(lx.len(), 2);
            assert!(lx[0].verb().is_some());
            assert_eq!(lx[1].head().map(|h| h.ty), Some("chương trình"));
        });
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
