//! Segmentation (SPEC.md §1): the outline of a notice — headings, numbered
//! items at every level, paragraphs, labelled plan fields and appendix table
//! rows — each with a path. Clause splitting is in [`clause`], tables in
//! [`table`].
//!
//! Input is normalised text; every range is a byte range of it.

pub mod clause;
pub mod table;

use crate::span::Span;
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

pub use table::{Column, TableRow};

/// The numbering style of an item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Marker {
    /// "Điều 1."
    Article,
    /// "I.", "II."
    Roman,
    /// "1.", "2)"
    Number,
    /// "1.1", "1.2.3" (depth = number of parts)
    Decimal(u8),
    /// "(1)"
    Paren,
    /// "a)", "đ)"
    Letter,
    /// "- ", "• "
    Dash,
    /// "+ "
    Plus,
    /// "Thứ nhất, ..."
    Ordinal,
    /// An unnumbered paragraph that ends with ':' and introduces the items below it.
    LeadIn,
}

/// A labelled field of a plan item ("Cơ quan chủ trì: ...").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Lead,
    Support,
    Deadline,
    Deliverable,
}

/// What a block is.
#[derive(Clone, Debug, PartialEq)]
pub enum BlockKind {
    /// A numbered item or an unnumbered paragraph: may hold tasks.
    Text,
    /// A title or an all-capitals heading: never a task.
    Title,
    /// A labelled field that belongs to its parent item.
    Field(Field),
    /// A row of an appendix task table.
    Row(TableRow),
}

/// One block of the outline.
#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    pub kind: BlockKind,
    /// Position in the structure: `3.(1).c`, `3.(2).a.-2`, `p7`, `PL.12`.
    pub path: String,
    /// Index of the enclosing block.
    pub parent: Option<usize>,
    pub marker: Option<Marker>,
    /// The text after the marker (and after a field label).
    pub body: Span,
    /// The block ends with ':' (it introduces what follows).
    pub ends_with_colon: bool,
    /// Blocks nested under this one exist.
    pub has_children: bool,
}

/// The outline of a document.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Outline {
    pub blocks: Vec<Block>,
}

macro_rules! re {
    ($name:ident, $pat:expr) => {
        static $name: LazyLock<Regex> = LazyLock::new(|| Regex::new($pat).expect("literal regex"));
    };
}

re!(ROMAN, r"^([IVX]{1,5})[.)]\s+");
re!(ORDINAL, r"^(?:Thứ|THỨ) (nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười)\s*[,:]\s*");
re!(FIELD, r"^(?i:((?:cơ quan|đơn vị)\s+(?:chủ trì|thực hiện|phối hợp|thực hiện chính)[^:]{0,30}|thời gian(?: thực hiện| hoàn thành)?|thời hạn(?: hoàn thành| thực hiện)?|tiến độ(?: thực hiện| hoàn thành)?|sản phẩm(?: đầu ra)?|kết quả(?: đầu ra)?))\s*:\s*");
re!(SOURCE_NOTE, r"^(?:Nguồn|Ảnh|Video)\s*(?:tra cứu)?\s*:");

/// Strips a list marker; returns the marker, its path component (`None`
/// for bullets, which are numbered by count), and the body start.
fn marker(line: &str) -> Option<(Marker, Option<Comp<'_>>, usize)> {
    let (m, label, len) = marker_len(line)?;
    let comp = match m {
        Marker::Article => Comp::Label("D", label, ""),
        Marker::Paren => Comp::Label("(", label, ")"),
        Marker::Ordinal => Comp::Numbered('t', ordinal_number(line)),
        Marker::Dash | Marker::Plus | Marker::LeadIn => return Some((m, None, len)),
        _ => Comp::Label("", label, ""),
    };
    Some((m, Some(comp), len))
}

/// The list marker at the start of `line`: its style, its label (the
/// number or letter, empty for bullets) and its length with the spaces
/// after it. The first character says which pattern can apply, so a line
/// is tried against one or two patterns at most, and most lines (a plain
/// word first) against none; bullets and letters are read by hand.
#[inline]
fn marker_len(line: &str) -> Option<(Marker, &str, usize)> {
    // Inline: most lines are turned away here, without a call.
    if !may_be_marker(line.as_bytes()) {
        return None;
    }
    marker_len_of(line)
}

/// [`marker_len`] past the first byte.
fn marker_len_of(line: &str) -> Option<(Marker, &str, usize)> {
    let mut chars = line.chars();
    let first = chars.next()?;
    let second = chars.next().unwrap_or(' ');
    // The regexes are anchored: the match is the marker, and the label is
    // the match without what follows the label's last character.
    let found = |re: &LazyLock<Regex>| re.find(line).map(|m| m.as_str());
    let spaces_after = |at: usize| at + (line[at..].len() - line[at..].trim_start().len());
    let (m, label, len) = match first {
        // "Điều 12." / "ĐIỀU 12:" (both prefixes are 8 bytes).
        'Đ' => {
            let m = &line[..article_len(line)?];
            (Marker::Article, m[8..].trim_end().trim_end_matches(['.', ':']), m.len())
        }
        // A run of I, V, X before "." or ")": the pattern then decides (it
        // wants white space after, in the Unicode sense).
        'I' | 'V' | 'X' if line.trim_start_matches(['I', 'V', 'X']).starts_with(['.', ')']) => {
            let m = found(&ROMAN)?;
            (Marker::Roman, drop_last(m.trim_end()), m.len())
        }
        '0'..='9' => {
            // Both patterns start with the same token: it is read once.
            let (tok, n) = token_and_spaces(line)?;
            // "500.000 tỷ đồng" is an amount, not item 500.000.
            let decimal = is_decimal(tok).then(|| (&line[..n], line[..n].trim_end().trim_end_matches('.')));
            match decimal.filter(|(_, label)| label.split('.').skip(1).all(|p| p.len() <= 2)) {
                Some((m, label)) => (Marker::Decimal(label.split('.').count().min(9) as u8), label, m.len()),
                None => {
                    let m = &line[..is_number_marker(tok).then_some(n)?];
                    (Marker::Number, drop_last(m.trim_end()), m.len())
                }
            }
        }
        '(' => {
            let m = &line[..paren_len(line)?];
            (Marker::Paren, drop_last(m[1..].trim_end()), m.len())
        }
        'a'..='z' | 'đ' if matches!(second, ')' | '/') => {
            (Marker::Letter, &line[..first.len_utf8()], spaces_after(first.len_utf8() + 1))
        }
        'T' if line.starts_with("Thứ ") || line.starts_with("THỨ ") => (Marker::Ordinal, "", found(&ORDINAL)?.len()),
        '+' => (Marker::Plus, "", spaces_after(1)),
        '-' | '–' | '—' | '•' | '*' => (Marker::Dash, "", spaces_after(first.len_utf8())),
        _ => return None,
    };
    // A dash that is the whole line, or a rule of dashes, is no marker.
    (len < line.len()).then_some((m, label, len))
}

/// A marker may start `line`: its first byte is that of a character
/// [`marker_len`] reads, and a small letter is followed by ")" or "/".
/// Most lines (a word first) are turned away before any character is
/// decoded; C4 leads "Đ" and "đ", E2 the long dashes and "•".
#[inline]
fn may_be_marker(line: &[u8]) -> bool {
    match line {
        [b'a'..=b'z', second, ..] => matches!(second, b')' | b'/'),
        [b'0'..=b'9' | b'I' | b'V' | b'X' | b'(' | b'T' | b'+' | b'-' | b'*' | 0xc4 | 0xe2, ..] => true,
        _ => false,
    }
}

/// `line`'s first run without white space, and its length with the white
/// space after it; `None` when no white space follows (then no marker
/// pattern matches: each ends in `\s+`).
fn token_and_spaces(line: &str) -> Option<(&str, usize)> {
    // The tokens asked about are ASCII: their end is found by byte, and
    // only a character beyond ASCII is decoded.
    let end = match line.bytes().position(|b| matches!(b, b'\t'..=b'\r' | b' ') || b >= 0x80)? {
        k if line.as_bytes()[k] < 0x80 => k,
        k => k + line[k..].find(char::is_whitespace)?,
    };
    Some((&line[..end], line.len() - line[end..].trim_start().len()))
}

/// One to three ASCII digits.
fn is_number(s: &str) -> bool {
    (1..=3).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
}

// Marker readers: the length of the marker and the white space after it.
// Numbers are ASCII digits, as notices write them.

/// "Điều 12." / "ĐIỀU 3:": `^(?:Điều|ĐIỀU) ([0-9]{1,3})[.:]?\s+`.
fn article_len(line: &str) -> Option<usize> {
    let rest = line.strip_prefix("Điều ").or_else(|| line.strip_prefix("ĐIỀU "))?;
    let (tok, len) = token_and_spaces(rest)?;
    let number = tok.strip_suffix(['.', ':']).unwrap_or(tok);
    is_number(number).then_some(line.len() - rest.len() + len)
}

/// "1.2.3": `^([0-9]{1,3}(?:\.[0-9]{1,3}){1,4})\.?\s+`. [`marker_len`]
/// reads the token once for both number patterns and asks [`is_decimal`];
/// this whole reader is compared with the pattern in the tests.
#[cfg(test)]
fn decimal_len(line: &str) -> Option<usize> {
    let (tok, len) = token_and_spaces(line)?;
    is_decimal(tok).then_some(len)
}

/// [`decimal_len`]'s test of the token [`token_and_spaces`] found.
fn is_decimal(tok: &str) -> bool {
    let label = tok.strip_suffix('.').unwrap_or(tok);
    // Two to five parts between dots, each `is_number`, read in one pass.
    let (mut parts, mut run, mut ok) = (1, 0, true);
    for b in label.bytes() {
        match b {
            b'0'..=b'9' => run += 1,
            b'.' => {
                ok &= (1..=3).contains(&run);
                parts += 1;
                run = 0;
            }
            _ => ok = false,
        }
    }
    ok && (1..=3).contains(&run) && (2..=5).contains(&parts)
}

/// "3." / "12)": `^([0-9]{1,3})[.)]\s+` (see [`decimal_len`]).
#[cfg(test)]
fn number_len(line: &str) -> Option<usize> {
    let (tok, len) = token_and_spaces(line)?;
    is_number_marker(tok).then_some(len)
}

/// [`number_len`]'s test of the token [`token_and_spaces`] found.
fn is_number_marker(tok: &str) -> bool {
    tok.strip_suffix(['.', ')']).is_some_and(is_number)
}

/// "(1)": `^\(([0-9]{1,3})\)\s*`.
fn paren_len(line: &str) -> Option<usize> {
    let rest = line.strip_prefix('(')?;
    let n = rest.bytes().take_while(u8::is_ascii_digit).count();
    let after = rest[n..].strip_prefix(')').filter(|_| (1..=3).contains(&n))?;
    Some(line.len() - after.trim_start().len())
}

/// `s` without its last character.
fn drop_last(s: &str) -> &str {
    let mut it = s.chars();
    it.next_back();
    it.as_str()
}

/// "Nơi nhận:" opens the list of recipients, which holds no task.
#[inline]
fn is_recipients(line: &str) -> bool {
    line.as_bytes().first() == Some(&b'N') && (line.starts_with("Nơi nhận") || line.starts_with("NƠI NHẬN"))
}

/// "PHỤ LỤC" or "Phụ lục" as a word at the start opens an appendix.
#[inline]
fn is_appendix(line: &str) -> bool {
    // Every line is asked: the first letter turns most away.
    line.as_bytes().first() == Some(&b'P')
        && ["PHỤ LỤC", "Phụ lục"]
        .iter()
        .filter_map(|p| line.strip_prefix(p))
        .any(|rest| rest.chars().next().is_none_or(char::is_whitespace))
}

/// The line opens the list of addressees ("CHÍNH PHỦ điện:", "Kính gửi:
/// ..."): `(?:điện|Kính gửi|KÍNH GỬI)\s*:\s*$|^(?:Kính gửi|KÍNH GỬI)\s*:`,
/// read by hand (the pattern scanned every line ending in ':').
fn is_address(s: &str) -> bool {
    const HEADS: [&str; 2] = ["Kính gửi", "KÍNH GỬI"];
    let opens = || HEADS.iter().filter_map(|h| s.strip_prefix(h)).any(|rest| rest.trim_start().starts_with(':'));
    let ends = || {
        s.trim_end().strip_suffix(':').is_some_and(|t| {
            let t = t.trim_end();
            t.ends_with("điện") || HEADS.iter().any(|h| t.ends_with(h))
        })
    };
    ends() || opens()
}

/// A labelled plan field ("Cơ quan chủ trì:", "Thời hạn:" ...) may start
/// here: its first three characters, in any case, are those of a label.
/// Spares the case-insensitive [`FIELD`] regex most lines, "Thủ tướng" and
/// "Thực hiện" among them.
#[inline]
fn may_be_field(s: &str) -> bool {
    // The first two bytes turn most lines away before any character is
    // decoded: C4 leads "Đ" and "đ", C6 "ơ" and "Ơ", E1 BA "ả", "Ả", "ế"
    // and "Ế" ("các", "cho", "trong", "kinh" go no further).
    let second = s.as_bytes().get(1).copied();
    let first_bytes = match s.as_bytes().first() {
        Some(b'C' | b'c') => second == Some(0xc6),
        Some(0xc4) => true,
        Some(b'T' | b't') => matches!(second, Some(b'h' | b'H' | b'i' | b'I')),
        Some(b'S' | b's' | b'K' | b'k') => second == Some(0xe1),
        _ => false,
    };
    first_bytes && may_be_field_chars(s)
}

/// [`may_be_field`] by the characters.
fn may_be_field_chars(s: &str) -> bool {
    let mut it = s.chars();
    let (Some(a), Some(b), Some(c)) = (it.next(), it.next(), it.next()) else { return false };
    match a {
        // cơ quan
        'C' | 'c' => matches!(b, 'ơ' | 'Ơ') && c == ' ',
        // đơn vị
        'Đ' | 'đ' => matches!(b, 'ơ' | 'Ơ') && matches!(c, 'n' | 'N'),
        // thời gian, thời hạn; tiến độ
        'T' | 't' => matches!((b, c), ('h' | 'H', 'ờ' | 'Ờ') | ('i' | 'I', 'ế' | 'Ế')),
        // sản phẩm
        'S' | 's' => matches!(b, 'ả' | 'Ả') && matches!(c, 'n' | 'N'),
        // kết quả
        'K' | 'k' => matches!(b, 'ế' | 'Ế') && matches!(c, 't' | 'T'),
        _ => false,
    }
}

/// A logical line that opens a new item: a list marker or a field label.
fn starts_item(s: &str) -> bool {
    marker_len(s).is_some() || (may_be_field(s) && FIELD.is_match(s))
}

/// A range without its leading list marker ("- ", "a) ", "(1) ").
pub fn strip_marker(text: &str, (a, b): Span) -> Span {
    match marker_len(&text[a..b]) {
        Some((_, _, len)) => clause::trim_ws(text, (a + len, b)),
        None => (a, b),
    }
}

fn ordinal_number(line: &str) -> usize {
    const WORDS: [&str; 10] = ["nhất", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười"];
    let w = line.split([' ', ',', ':']).nth(1).unwrap_or("");
    WORDS.iter().position(|x| *x == w).map_or(0, |i| i + 1)
}

/// A physical line, trimmed (byte range).
#[derive(Clone, Copy, Debug)]
pub struct Line {
    pub start: usize,
    pub end: usize,
}

/// The lines of `text[from..]` (split at `\n`), each trimmed.
pub fn physical_lines(text: &str, from: usize) -> Vec<Line> {
    let bytes = &text.as_bytes()[from..];
    // Notices with tables have many short lines: sized for 16 bytes a line
    // (as many bytes as the text), the vector rarely grows.
    let mut out = Vec::with_capacity(bytes.len() / 16 + 1);
    let mut pos = from;
    for i in memchr::memchr_iter(b'\n', bytes) {
        let (a, b) = clause::trim_ws(text, (pos, from + i));
        out.push(Line { start: a, end: b });
        pos = from + i + 1;
    }
    // The last line, after the last line end (empty when the text ends with one).
    let (a, b) = clause::trim_ws(text, (pos, text.len()));
    out.push(Line { start: a, end: b });
    out
}

fn is_rule(s: &[u8]) -> bool {
    // All ASCII: a byte of another character is none of them.
    !s.is_empty() && s.iter().all(|b| matches!(b, b'|' | b'-' | b'_' | b'=' | b'*' | b' '))
}

/// No small letter, and three letters or more.
fn is_title(s: &str) -> bool {
    title_letters(s).is_some_and(|n| n >= 3)
}

/// The number of letters of `s`, or `None` when one is small (what
/// [`is_title`] asks). ASCII, Latin-1 letters and the Vietnamese block are
/// decided from their bytes; other characters are decoded.
#[inline]
fn title_letters(s: &str) -> Option<usize> {
    // Most lines asked start with a small letter, or with a capital and a
    // small ASCII letter ("Chính", "Thủ").
    match s.as_bytes() {
        [x, ..] if x.is_ascii_lowercase() => None,
        [_, y, ..] if y.is_ascii_lowercase() => None,
        _ => title_letters_of(s),
    }
}

/// [`title_letters`] letter by letter.
fn title_letters_of(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut letters = 0;
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        if x < 0x80 {
            if x.is_ascii_lowercase() {
                return None;
            }
            letters += usize::from(x.is_ascii_uppercase());
            i += 1;
            continue;
        }
        let (y, z) = (b.get(i + 1).copied().unwrap_or(0), b.get(i + 2).copied().unwrap_or(0));
        let (letter, small, len) = match (x, y) {
            // U+00C0-U+00FF: capitals up to Þ, small letters from ß, but × and ÷.
            (0xc3, _) => (!matches!(y, 0x97 | 0xb7), y >= 0x9f && y != 0xb7, 2),
            // U+1EA0-U+1EF9: capitals on even code points, small letters on
            // odd ones; the last byte has the code point's parity.
            (0xe1, 0xba) if z >= 0xa0 => (true, z % 2 == 1, 3),
            (0xe1, 0xbb) if z <= 0xb9 => (true, z % 2 == 1, 3),
            _ => {
                let Some(c) = s[i..].chars().next() else { break };
                let (letter, small) = letter_case(c);
                (letter, small, c.len_utf8())
            }
        };
        if small {
            return None;
        }
        letters += usize::from(letter);
        i += len;
    }
    Some(letters)
}

/// `(c.is_alphabetic(), c.is_lowercase())`, with the letters of Vietnamese
/// (ASCII, Latin-1, the Vietnamese block) decided without the Unicode
/// tables.
fn letter_case(c: char) -> (bool, bool) {
    match c {
        'a'..='z' | 'ß'..='ö' | 'ø'..='ÿ' => (true, true),
        'A'..='Z' | 'À'..='Ö' | 'Ø'..='Þ' => (true, false),
        '\0'..='\u{7f}' | '×' | '÷' => (false, false),
        // The other letters of Vietnamese, in Latin Extended-A and -B.
        'Ă' | 'Đ' | 'Ĩ' | 'Ũ' | 'Ơ' | 'Ư' => (true, false),
        'ă' | 'đ' | 'ĩ' | 'ũ' | 'ơ' | 'ư' => (true, true),
        // Capitals on even code points, small letters on odd ones.
        '\u{1ea0}'..='\u{1ef9}' => (true, c as u32 % 2 == 1),
        _ => (c.is_alphabetic(), c.is_lowercase()),
    }
}

/// The prose lines between tables, blank lines and rules as empty ranges
/// (all joining needs to know of them), with the line widths counted as
/// they come for [`Prose::is_wrapped`]: each line is read once.
struct Prose {
    lines: Vec<Line>,
    /// Lines neither blank nor a rule.
    n: usize,
    /// Of those, lines of 110 characters or fewer.
    short: usize,
}

impl Prose {
    fn with_capacity(n: usize) -> Prose {
        Prose { lines: Vec::with_capacity(n), n: 0, short: 0 }
    }

    fn push(&mut self, text: &str, l: Line) {
        // Read as bytes: only a long line needs its characters.
        let s = &text.as_bytes()[l.start..l.end];
        if s.is_empty() || is_rule(s) {
            self.lines.push(Line { start: l.start, end: l.start });
            return;
        }
        self.n += 1;
        // A line of 110 bytes or fewer has 110 characters or fewer.
        self.short += usize::from(s.len() <= 110 || text[l.start..l.end].chars().count() <= 110);
        self.lines.push(l);
    }

    /// True when the document is hard-wrapped (lines of about the same
    /// short width): of ten lines or more, nine in ten at most 110
    /// characters long.
    fn is_wrapped(&self) -> bool {
        // The sorted lengths' element at n * 9 / 10 is short when more than
        // that many lengths are.
        self.n >= 10 && self.short > self.n * 9 / 10
    }

    fn clear(&mut self) {
        self.lines.clear();
        (self.n, self.short) = (0, 0);
    }
}

fn ends_sentence(s: &str) -> bool {
    s.ends_with(['.', ';', ':', '!', '?']) || s.ends_with("./.")
}

/// A logical line, with its [`title_letters`] when joining asked for them.
#[derive(Clone, Copy, Debug)]
struct Logical {
    line: Line,
    letters: Option<Option<usize>>,
}

/// Joins hard-wrapped physical lines into logical lines.
fn logical_lines(text: &str, prose: &Prose) -> Vec<Logical> {
    let wrapped = prose.is_wrapped();
    let mut out: Vec<Logical> = Vec::with_capacity(prose.n);
    let mut open = false;
    for l in &prose.lines {
        // Blank lines and rules come empty.
        if l.start == l.end {
            open = false;
            continue;
        }
        let mut letters = None;
        if open {
            if let Some(cur) = out.last_mut() {
                let s = &text[l.start..l.end];
                let prev = || &text[cur.line.start..cur.line.end];
                let first = s.chars().next().unwrap_or(' ');
                let small = letter_case(first).1;
                // Cheapest tests first. A joined line is asked again, and
                // its letters are those of its parts (the white space
                // between them has none): they are kept. A small letter
                // first already says the line has no title letters.
                let join = (small || (wrapped && !ends_sentence(prev())))
                    && !is_title_letters(*letters.get_or_insert_with(|| if small { None } else { title_letters(s) }))
                    && !is_title_letters(*cur.letters.get_or_insert_with(|| title_letters(prev())))
                    && !starts_item(s)
                    && !is_recipients(s)
                    && !is_appendix(s);
                if join {
                    cur.line.end = l.end;
                    cur.letters = match (cur.letters, letters) {
                        (Some(Some(a)), Some(Some(b))) => Some(Some(a + b)),
                        (Some(None), _) | (_, Some(None)) => Some(None),
                        _ => None,
                    };
                    continue;
                }
            }
        }
        out.push(Logical { line: *l, letters });
        open = true;
    }
    out
}

fn is_title_letters(letters: Option<usize>) -> bool {
    letters.is_some_and(|n| n >= 3)
}

/// Builds the outline of `text` from byte `from` on.
pub fn segment(text: &str, from: usize) -> Outline {
    let lines = physical_lines(text, from);
    // Split off appendix tables first: their cells are one per line and must not be joined.
    let mut outline = Outline::default();
    let mut prose = Prose::with_capacity(lines.len());
    let mut i = 0;
    let mut skipping_recipients = false;
    let mut table_no = 0;
    while i < lines.len() {
        let l = lines[i];
        // Each test below wants a line that starts with its own letter:
        // the first byte sends a line to one test at most, and most lines
        // (a word or a bullet first) to none, without making a `str` of it.
        let first = text.as_bytes().get(l.start).filter(|_| l.start < l.end);
        match first {
            Some(b'N') => {
                let s = &text[l.start..l.end];
                // "Nơi nhận:" may be wrapped as "Nơi" / "nhận:".
                let wrapped_recipients = (s == "Nơi" || s == "NƠI")
                    && lines.get(i + 1).is_some_and(|l| text[l.start..l.end].to_lowercase().starts_with("nhận"));
                if is_recipients(s) || wrapped_recipients {
                    skipping_recipients = true;
                }
            }
            Some(b'P') if is_appendix(&text[l.start..l.end]) => skipping_recipients = false,
            _ => {}
        }
        // A table header starts with "TT" or "STT" (any case).
        let table = match first {
            Some(b't' | b'T' | b's' | b'S') => table::find_table(text, &lines, i),
            _ => None,
        };
        if let Some((header, rows_end)) = table {
            build_text_blocks(text, &logical_lines(text, &prose), &mut outline);
            prose.clear();
            table_no += 1;
            let prefix = if table_no == 1 { "PL".to_string() } else { format!("PL{table_no}") };
            for (number, row) in table::rows(text, &lines[header.end..rows_end], &header) {
                outline.blocks.push(Block {
                    body: row.span,
                    kind: BlockKind::Row(row),
                    path: format!("{prefix}.{number}"),
                    parent: None,
                    marker: None,
                    ends_with_colon: false,
                    has_children: false,
                });
            }
            i = rows_end;
            continue;
        }
        if !skipping_recipients {
            prose.push(text, l);
        }
        i += 1;
    }
    build_text_blocks(text, &logical_lines(text, &prose), &mut outline);
    unique_paths(&mut outline);
    outline
}

/// Turns logical lines into outline blocks, nesting items by marker style.
fn build_text_blocks(text: &str, lines: &[Logical], outline: &mut Outline) {
    // A block per line at most.
    outline.blocks.reserve(lines.len());
    // Stack of (marker, block index) for the open items.
    let mut stack: Vec<(Marker, usize)> = Vec::new();
    let mut in_addressees = false;
    // Paragraphs, dashes and pluses counted under each parent: index 0 for
    // the top level, block index + 1 for a block.
    let mut counters: Vec<[usize; 3]> = Vec::new();
    let mut count = |parent: Option<usize>, kind: usize| {
        let i = parent.map_or(0, |p| p + 1);
        if counters.len() <= i {
            counters.resize(i + 1, [0; 3]);
        }
        counters[i][kind] += 1;
        counters[i][kind]
    };
    for &Logical { line: ref l, letters } in lines {
        let s = &text[l.start..l.end];
        // Both regexes behind the literal that any match needs, which the
        // first byte mostly rules out (E1 leads "Ả").
        if matches!(s.as_bytes().first(), Some(b'N' | b'V' | 0xe1))
            && ["Nguồn", "Ảnh", "Video"].iter().any(|p| s.starts_with(p))
            && SOURCE_NOTE.is_match(s)
        {
            continue;
        }
        // Logical lines are trimmed: an addressee line ends in ':' or
        // starts with "Kính gửi", which the bytes at either end rule out
        // for most lines.
        if (s.ends_with(':') || s.starts_with('K')) && is_address(s) {
            in_addressees = true;
            continue;
        }
        let mk = marker(s);
        if in_addressees {
            if matches!(mk, Some((Marker::Dash | Marker::Plus, _, _))) || s.starts_with("Kính gửi") {
                continue;
            }
            in_addressees = false;
        }
        let (kind, m, comp, body_start) = match mk {
            Some((m, comp, len)) if is_title(&s[len..]) => (BlockKind::Title, Some(m), comp, l.start + len),
            Some((m, comp, len)) => (BlockKind::Text, Some(m), comp, l.start + len),
            // The line's letters may be known from joining it.
            None if is_title_letters(letters.unwrap_or_else(|| title_letters(s))) && s.chars().count() > 2 => {
                (BlockKind::Title, None, None, l.start)
            }
            None => (BlockKind::Text, None, None, l.start),
        };
        let mut body = (body_start, l.end);
        let mut kind = kind;
        if let Some(found) = may_be_field(&text[body.0..body.1]).then(|| FIELD.find(&text[body.0..body.1])).flatten() {
            // The label is what precedes the match's one ':' (no label holds
            // one); `find` spares the slower `captures`. The white space
            // kept after it changes none of the tests below.
            let label = found.as_str().split(':').next().unwrap_or("").to_lowercase();
            let f = if label.contains("phối hợp") {
                Field::Support
            } else if label.starts_with("cơ quan") || label.starts_with("đơn vị") {
                Field::Lead
            } else if label.starts_with("sản phẩm") || label.starts_with("kết quả") {
                Field::Deliverable
            } else {
                Field::Deadline
            };
            kind = BlockKind::Field(f);
            body.0 += found.len();
        }
        let parent;
        let path;
        match m {
            Some(m) => {
                // Close items down to this style's level, or open a new level.
                if let Some(pos) = stack.iter().rposition(|(sm, _)| same_style(*sm, m)) {
                    stack.truncate(pos);
                } else {
                    // A new style below bullets belongs to the bullet; below a lead-in, to the lead-in.
                }
                parent = stack.last().map(|x| x.1);
                let comp = comp.unwrap_or_else(|| match m {
                    Marker::Plus => Comp::Numbered('+', count(parent, 2)),
                    _ => Comp::Numbered('-', count(parent, 1)),
                });
                // "1.2" already carries its parents.
                let under = parent.filter(|_| !matches!(m, Marker::Decimal(_)));
                path = comp.path_under(under.map(|p| outline.blocks[p].path.as_str()));
            }
            None => {
                // A paragraph closes open bullets and lead-ins.
                while matches!(stack.last(), Some((Marker::Dash | Marker::Plus | Marker::LeadIn, _))) {
                    stack.pop();
                }
                parent = stack.last().map(|x| x.1);
                let comp = Comp::Numbered('p', count(parent, 0));
                path = comp.path_under(parent.map(|p| outline.blocks[p].path.as_str()));
            }
        }
        let body = clause::trim_ws(text, body);
        let ends_with_colon = text[body.0..body.1].ends_with(':');
        let idx = outline.blocks.len();
        let is_field = matches!(kind, BlockKind::Field(_));
        // Labelled fields belong to their item; they don't make it a heading.
        if let (Some(p), false) = (parent, is_field) {
            outline.blocks[p].has_children = true;
        }
        outline.blocks.push(Block { kind, path, parent, marker: m, body, ends_with_colon, has_children: false });
        if is_field {
            continue;
        }
        match m {
            Some(m) => stack.push((m, idx)),
            None if ends_with_colon => stack.push((Marker::LeadIn, idx)),
            None => {}
        }
    }
}

fn same_style(a: Marker, b: Marker) -> bool {
    a == b
}

/// A path component: pieces of text ("D" "12", "(" "3" ")", "1.2"), or an
/// ASCII prefix and a number ("p3", "-2", "t1").
#[derive(Clone, Copy, Debug, PartialEq)]
enum Comp<'a> {
    Label(&'static str, &'a str, &'static str),
    Numbered(char, usize),
}

impl Comp<'_> {
    /// The path of this component under `parent`'s path, in one
    /// allocation: there is one per block. It has room for the "~2" that
    /// [`unique_paths`] adds to a repeated path (one path in twelve), which
    /// would otherwise be copied again.
    fn path_under(self, parent: Option<&str>) -> String {
        let digits = |n: usize| n.checked_ilog10().unwrap_or(0) as usize + 1;
        let len = match self {
            Comp::Label(a, l, b) => a.len() + l.len() + b.len(),
            Comp::Numbered(prefix, n) => prefix.len_utf8() + digits(n),
        };
        let mut s = String::with_capacity(parent.map_or(0, |p| p.len() + 1) + len + REPEAT_ROOM);
        if let Some(p) = parent {
            s.push_str(p);
            s.push('.');
        }
        match self {
            Comp::Label(a, l, b) => {
                s.push_str(a);
                s.push_str(l);
                s.push_str(b);
            }
            Comp::Numbered(prefix, n) => {
                // A character, not a string: written in place, not copied.
                s.push(prefix);
                push_number(&mut s, n);
            }
        }
        s
    }
}

/// Writes `n` in decimal digits (what `format!` would, without its machinery).
#[inline]
fn push_number(s: &mut String, n: usize) {
    // Most numbers in paths have one digit.
    if n < 10 {
        s.push(char::from(b'0' + n as u8));
        return;
    }
    for &d in crate::decimal::digits(n, &mut [0u8; 20]) {
        s.push(char::from(d));
    }
}

/// The bytes of the "~2" .. "~99" suffix [`unique_paths`] may add.
const REPEAT_ROOM: usize = 3;

/// Makes every path unique by suffixing repeats.
fn unique_paths(outline: &mut Outline) {
    let mut seen = HashMap::<&str, usize, crate::fxhash::FxBuild>::with_capacity_and_hasher(outline.blocks.len(), Default::default());
    let mut repeats = Vec::new();
    for (i, b) in outline.blocks.iter().enumerate() {
        let n = seen.entry(b.path.as_str()).or_insert(0);
        *n += 1;
        if *n > 1 {
            repeats.push((i, *n));
        }
    }
    for (i, n) in repeats {
        let b = &mut outline.blocks[i];
        b.path.push('~');
        push_number(&mut b.path, n);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(t: &str) -> Vec<(String, String)> {
        segment(t, 0).blocks.iter().map(|b| (b.path.clone(), t[b.body.0..b.body.1].to_string())).collect()
    }

    #[test]
    fn title_letters_agree_with_std() {
        for c in ('\0'..='\u{2fff}').chain(['\u{10400}', '\u{1d41a}']) {
            for s in [c.to_string(), format!("A{c}B"), format!("{c}{c}")] {
                let want = s.chars().all(|c| !c.is_lowercase()).then(|| s.chars().filter(|c| c.is_alphabetic()).count());
                assert_eq!(title_letters(&s), want, "{:X}", c as u32);
            }
        }
    }

    #[test]
    fn physical_lines_split_at_every_line_end() {
        let t = "a\n\nb c \n ế\u{a0}\n\n\n0123456789\n\u{10a}\n\n\n\n\n\n\n\nz\n";
        for from in 0..t.len() {
            if !t.is_char_boundary(from) {
                continue;
            }
            let got: Vec<&str> = physical_lines(t, from).iter().map(|l| &t[l.start..l.end]).collect();
            let want: Vec<&str> = t[from..].split('\n').map(str::trim).collect();
            assert_eq!(got, want, "{from}");
        }
    }

    #[test]
    fn letter_case_agrees_with_std() {
        for c in ('\0'..='\u{2fff}').chain(['\u{10400}', '\u{1d41a}']) {
            assert_eq!(letter_case(c), (c.is_alphabetic(), c.is_lowercase()), "{:X}", c as u32);
        }
    }

    /// The marker readers agree with the patterns they were written from.
    #[test]
    fn hand_markers_agree_with_patterns() {
        let mut lines: Vec<String> = [
            "Điều 12. Phạm vi", "ĐIỀU 3: X", "Điều 1234. X", "Điều 12.: X", "Điều 1\u{661}. X", "Điều 12.", "Điều  1 X",
            "1.2.3 Bộ", "1.2. Bộ", "1.2.3.4.5 x", "1.2.3.4.5.6 x", "1..2 x", "1.2.. x", "12. x", "1.2", "1.2\u{a0}x", "1.\u{661} x",
            "1234.5 x", "1.2345 x", "3. Bộ", "12) Bộ", "12.) x", "1234. x", "12\u{661}. x", "(3) Bộ", "(3)Bộ", "(1234) x", "(\u{661}) x",
            "(12\u{661}) x", "() x", "(3)", "(3)  \u{3000}x",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for (_, t) in crate::testdata::texts() {
            lines.extend(t.lines().map(|l| l.trim().to_string()).filter(|l| l.starts_with(['Đ', '(', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9'])));
        }
        let re = |p: &str| Regex::new(p).unwrap();
        let hand: [(Regex, fn(&str) -> Option<usize>); 4] = [
            (re(r"^(?:Điều|ĐIỀU) ([0-9]{1,3})[.:]?\s+"), article_len),
            (re(r"^([0-9]{1,3}(?:\.[0-9]{1,3}){1,4})\.?\s+"), decimal_len),
            (re(r"^([0-9]{1,3})[.)]\s+"), number_len),
            (re(r"^\(([0-9]{1,3})\)\s*"), paren_len),
        ];
        for l in &lines {
            for (re, f) in &hand {
                assert_eq!(f(l), re.find(l).map(|m| m.len()), "{l:?} {}", re.as_str());
            }
        }
    }

    /// [`is_address`] agrees with the pattern it was written from.
    #[test]
    fn is_address_agrees_with_pattern() {
        let re = Regex::new(r"(?:điện|Kính gửi|KÍNH GỬI)\s*:\s*$|^(?:Kính gửi|KÍNH GỬI)\s*:").unwrap();
        let mut lines: Vec<String> = [
            "THỦ TƯỚNG CHÍNH PHỦ điện:", "công điện :", "điện:\u{3000}", "xđiện:", "điện: x", "Kính gửi:", "Kính gửi\u{a0}: Bộ", "KÍNH GỬI :",
            "Kính gửi Bộ:", "Kính gửi", " Kính gửi:", "điện", ":", "", "Bộ Y tế:", "Kính gửi:\n- Bộ", "a\nKính gửi\n:",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for (_, t) in crate::testdata::texts() {
            lines.extend(t.lines().flat_map(|l| [l.to_string(), l.trim().to_string()]));
        }
        for l in &lines {
            assert_eq!(is_address(l), re.is_match(l), "{l:?}");
        }
    }

    /// Every label [`FIELD`] takes passes [`may_be_field`], in any case.
    #[test]
    fn may_be_field_lets_every_label_through() {
        let mut lines: Vec<String> = Vec::new();
        for l in ["Cơ quan chủ trì: A", "Đơn vị thực hiện: B", "Thời gian: 2025", "Thời hạn hoàn thành: C", "Tiến độ: D", "Sản phẩm: E", "Kết quả đầu ra: F"] {
            lines.extend([l.to_string(), l.to_lowercase(), l.to_uppercase()]);
        }
        for (_, t) in crate::testdata::texts() {
            lines.extend(t.lines().map(|l| l.trim().trim_start_matches(['-', '+', ' ']).to_string()));
        }
        for l in &lines {
            if FIELD.is_match(l) {
                assert!(may_be_field(l), "{l:?}");
            }
        }
        assert!(!may_be_field("Thủ tướng Chính phủ"));
        // The first bytes turn away no line the characters would let through.
        for a in ['C', 'c', 'Đ', 'đ', 'T', 't', 'S', 's', 'K', 'k'] {
            for b in ('\0'..='\u{2ffff}').filter(|c| !c.is_control() || *c == ' ') {
                for c in [' ', 'n', 'N', 'ờ', 'Ờ', 'ế', 'Ế', 't', 'T'] {
                    let line = format!("{a}{b}{c}x");
                    assert_eq!(may_be_field(&line), may_be_field_chars(&line), "{line:?}");
                }
            }
        }
        assert!(!may_be_field("Thực hiện"));
    }

    /// [`may_be_marker`] turns away no line [`marker_len`] takes.
    #[test]
    fn may_be_marker_lets_every_marker_through() {
        for c in ('\0'..='\u{2ffff}').filter(|c| !c.is_control() || *c == ' ') {
            for rest in [") x", "/ x", " x", ". x", "1. x", "ứ 2. x", "hứ nhất, x", "IỀU 1. x", "x", ""] {
                let line = format!("{c}{rest}");
                if marker_len(&line).is_some() {
                    assert!(may_be_marker(line.as_bytes()), "{line:?}");
                }
            }
        }
    }

    #[test]
    fn markers() {
        let cases = [
            ("Điều 12. Phạm vi", Some((Marker::Article, "D12", "Phạm vi"))),
            ("ĐIỀU 3: X", Some((Marker::Article, "D3", "X"))),
            ("II. Nhiệm vụ", Some((Marker::Roman, "II", "Nhiệm vụ"))),
            ("IV) X", Some((Marker::Roman, "IV", "X"))),
            ("1.2.3 Bộ Y tế", Some((Marker::Decimal(3), "1.2.3", "Bộ Y tế"))),
            ("1.2. Bộ Y tế", Some((Marker::Decimal(2), "1.2", "Bộ Y tế"))),
            ("500.000 tỷ đồng", None),
            ("3. Bộ", Some((Marker::Number, "3", "Bộ"))),
            ("12) Bộ", Some((Marker::Number, "12", "Bộ"))),
            ("2025 là năm", None),
            // Item numbers are ASCII digits; other scripts' digits are text.
            ("1\u{661}. Bộ", None),
            ("(\u{661}) Bộ", None),
            ("Điều \u{661}. Bộ", None),
            ("(3) Bộ", Some((Marker::Paren, "(3)", "Bộ"))),
            ("(3)Bộ", Some((Marker::Paren, "(3)", "Bộ"))),
            ("a) Bộ", Some((Marker::Letter, "a", "Bộ"))),
            ("đ/ Bộ", Some((Marker::Letter, "đ", "Bộ"))),
            ("ab) Bộ", None),
            ("Thứ hai, hoàn thiện", Some((Marker::Ordinal, "t2", "hoàn thiện"))),
            ("Thứ bảy tuần sau", None),
            ("+ Bộ", Some((Marker::Plus, "", "Bộ"))),
            ("– Bộ", Some((Marker::Dash, "", "Bộ"))),
            ("•Bộ", Some((Marker::Dash, "", "Bộ"))),
            ("-", None),
            ("- ", None),
            ("Bộ Y tế", None),
        ];
        for (line, want) in cases {
            let got = marker(line).map(|(m, comp, len)| (m, comp.map_or(String::new(), |c| c.path_under(None)), &line[len..]));
            assert_eq!(got, want.map(|(m, c, rest)| (m, c.to_string(), rest)), "{line}");
        }
    }

    #[test]
    fn nests_items_by_marker_style() {
        let t = "3. Nhiệm vụ\nYêu cầu các bộ, cụ thể:\n(1) Trước ngày 31/7/2025, yêu cầu:\na) Bộ Y tế hoàn thành các nhiệm vụ sau:\n- Triển khai A;\n- Triển khai B.\nb) Bộ Công an trình C.\n(2) Bộ Tài chính trình D.\n4. Khác";
        let p = paths(t);
        let got: Vec<&str> = p.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(got, vec!["3", "3.p1", "3.p1.(1)", "3.p1.(1).a", "3.p1.(1).a.-1", "3.p1.(1).a.-2", "3.p1.(1).b", "3.p1.(2)", "4"]);
        assert_eq!(p[4].1, "Triển khai A;");
    }

    #[test]
    fn joins_hard_wrapped_lines() {
        let mut t = String::from(" date 2025-11-20\n|\n");
        for _ in 0..6 {
            t.push_str("Lũ trên các sông ở Khánh Hòa đang ở mức rất cao, một số nơi\n");
        }
        t.push_str("1. Đồng chí Chủ tịch Ủy ban nhân\ndân các tỉnh tiếp tục tập trung.\n2. Các Bộ: Quốc phòng, Công an chủ động\nhỗ trợ.\n");
        let o = segment(&t, 0);
        let bodies: Vec<&str> = o.blocks.iter().map(|b| &t[b.body.0..b.body.1]).collect();
        assert!(bodies.iter().any(|b| b.starts_with("Đồng chí Chủ tịch Ủy ban nhân\ndân các tỉnh")), "{bodies:?}");
        assert!(bodies.iter().any(|b| b.starts_with("Các Bộ: Quốc phòng, Công an chủ động\nhỗ trợ.")), "{bodies:?}");
    }

    #[test]
    fn addressees_recipients_and_fields() {
        let t = "THỦ TƯỚNG CHÍNH PHỦ điện:\n- Chủ tịch Ủy ban nhân dân các tỉnh;\n- Các Bộ: Quốc phòng;\nLũ lớn.\n1. Nhiệm vụ A\n- Cơ quan chủ trì: Sở Tài chính.\n- Thời gian thực hiện: Năm 2026.\nNơi nhận:\n- Như trên;\n- Lưu: VT.";
        let o = segment(t, 0);
        let kinds: Vec<&BlockKind> = o.blocks.iter().map(|b| &b.kind).collect();
        assert_eq!(o.blocks.len(), 4, "{:?}", o.blocks);
        assert_eq!(kinds[2], &BlockKind::Field(Field::Lead));
        assert_eq!(&t[o.blocks[2].body.0..o.blocks[2].body.1], "Sở Tài chính.");
        assert_eq!(o.blocks[2].parent, Some(1));
        assert_eq!(kinds[3], &BlockKind::Field(Field::Deadline));
    }

    #[test]
    fn ordinal_items_in_prose() {
        let t = "Thứ nhất, tất cả các bộ tập trung hoàn thiện.\n\nThứ hai, hoàn thiện thể chế.";
        let p = paths(t);
        assert_eq!(p[0].0, "t1");
        assert_eq!(p[1].0, "t2");
        assert_eq!(p[1].1, "hoàn thiện thể chế.");
    }
}
