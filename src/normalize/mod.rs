//! Normalisation of SPEC.md §5 as one stage of small steps, each returning
//! its [`OffsetMap`]: line ends and spaces, lookalike letters, NFC, tone
//! placement. The composed map takes every position of the normalised text
//! back to the decoded text.
//!
//! Line breaks are kept (the segmenter needs them); record texts fold them
//! to spaces later, which changes no length.

pub mod case;
mod tone;

use crate::span::OffsetMap;
use unicode_normalization::{char::canonical_combining_class, is_nfc_quick, IsNormalized, UnicodeNormalization};

pub use tone::{fix_tone_marks, ToneStyle};

/// Text after normalisation, with the map back to its input.
#[derive(Clone, Debug)]
pub struct Normalized {
    pub text: String,
    /// Positions of `text` → positions of the input string.
    pub map: OffsetMap,
}

/// Runs every step of SPEC §5 on `input`, new-style tone marks.
pub fn normalize(input: &str) -> Normalized {
    normalize_with(input, ToneStyle::New)
}

/// Runs every step, with the tone style given.
pub fn normalize_with(input: &str, style: ToneStyle) -> Normalized {
    normalize_owned(input.to_string(), style)
}

/// [`normalize_with`] on a text the caller gives up: when no step changes
/// anything (the common case for clean UTF-8), no byte is copied.
pub fn normalize_owned(input: String, style: ToneStyle) -> Normalized {
    let mut map = OffsetMap::identity(input.len());
    let mut text = input;
    // NFC before lookalikes, so that both see a text in one form whatever
    // form it came in (NFC and NFD inputs normalise the same).
    let steps: [(&Step, Gate); 4] = [
        (&|s, _| spaces_and_line_ends(s), |n, _| n.spaces),
        (&|s, _| nfc(s), |n, _| n.nfc),
        (&|s, _| lookalikes(s), |n, _| n.lookalikes),
        (
            &|s, n| match style {
                ToneStyle::New => tone::fix_new_style_at(s, &n.tone_at),
                ToneStyle::Old => fix_tone_marks(s, style),
            },
            |n, style| n.tone || style == ToneStyle::Old,
        ),
    ];
    // One scan says which steps can change anything; a step that changes
    // the text may create work for the next ones, so then scan again. The
    // scan is cheap next to any step that changes something.
    let mut needs = Needs::scan(&text);
    for (k, (step, needed)) in steps.iter().enumerate() {
        if !needed(&needs, style) {
            continue;
        }
        if let Some((t, m)) = step(&text, &needs) {
            if k + 1 < steps.len() {
                needs = needs.after_step(&t, &m);
            }
            map = map.then(m);
            text = t;
        }
    }
    Normalized { text, map }
}

/// One step: the new text and its map, or `None` when nothing changed.
/// It gets the scan of the text it is given.
type Step<'a> = dyn Fn(&str, &Needs) -> Option<(String, OffsetMap)> + 'a;

/// Whether a step may have work, from the scan.
type Gate = fn(&Needs, ToneStyle) -> bool;

/// Which steps may change a text, from one pass over its bytes. Errs on
/// the side of running a step: a step that finds nothing changes nothing.
#[derive(Debug, Default)]
struct Needs {
    spaces: bool,
    nfc: bool,
    lookalikes: bool,
    /// New-style tone: a non-ASCII letter right after `o`/`u`.
    tone: bool,
    /// Where those `o`/`u` are (byte positions), for the tone step.
    tone_at: Vec<usize>,
    /// Where the characters that set `nfc` or `lookalikes` are, while there
    /// are at most [`FEW_MARKS`] of them: after a step that changed a few
    /// places, [`Needs::after_step`] looks at them again instead of at the
    /// whole text.
    marked_at: Vec<usize>,
    /// There were more than [`FEW_MARKS`] (`marked_at` is not all of them).
    many_marked: bool,
}

/// How many `nfc`/`lookalikes` positions a scan keeps.
const FEW_MARKS: usize = 64;

/// How far the close look at a byte reads around it: one byte before, the
/// character after it and the one after that (a tone candidate's word end).
/// A position this far from every change reads the same bytes as before.
const LOOK_REACH: usize = 16;

/// Byte-pair classes for [`Needs::scan`]. A position needs a closer look
/// when `LEAD[its byte] & NEXT[the byte after]` is not zero; each bit is
/// one kind of lead byte and the second bytes that make it interesting.
/// Most bytes of Vietnamese text (ASCII, and the letters of Latin-1,
/// Latin Extended and the Vietnamese block) give zero; [`may_need`] finds
/// the few pairs to look up, a block at a time.
mod pair {
    /// Lead bytes that are always looked at: tab and other spaces, line
    /// ends, combining marks, Greek, Cyrillic and other scripts, every
    /// 3- and 4-byte character outside the Vietnamese block.
    pub const ANY: u8 = 1;
    /// A space followed by another space character.
    pub const SPACE: u8 = 2;
    /// U+0080-U+00BF: no-break space, soft hyphen, NEL.
    pub const C2: u8 = 4;
    /// Ð ð among the Latin-1 letters.
    pub const C3: u8 = 8;
    /// Ɖ among Latin Extended-B.
    pub const C6: u8 = 16;
    /// U+1000-U+1FFF outside the Vietnamese block U+1E00-U+1EFF.
    pub const E1: u8 = 32;
    /// An ASCII `o`/`u` before a letter that may be a toned `a`/`e`/`y`.
    pub const TONE: u8 = 64;

    pub const LEAD: [u8; 256] = {
        let mut t = [0u8; 256];
        t[b'\t' as usize] = ANY;
        t[b'\r' as usize] = ANY;
        t[0x0b] = ANY;
        t[0x0c] = ANY;
        t[b' ' as usize] = SPACE;
        t[b'o' as usize] = TONE;
        t[b'O' as usize] = TONE;
        t[b'u' as usize] = TONE;
        t[b'U' as usize] = TONE;
        t[0xc2] = C2;
        t[0xc3] = C3;
        t[0xc6] = C6;
        let mut x = 0xcc;
        while x <= 0xff {
            t[x] = ANY;
            x += 1;
        }
        t[0xe1] = E1;
        t
    };

    pub const NEXT: [u8; 256] = {
        let mut t = [ANY; 256];
        let mut x = 0;
        while x < 256 {
            if !(x >= 0xb8 && x <= 0xbb) {
                t[x] |= E1;
            }
            x += 1;
        }
        t[b' ' as usize] |= SPACE;
        t[b'\t' as usize] |= SPACE;
        t[0x0b] |= SPACE;
        t[0x0c] |= SPACE;
        t[0xa0] |= C2;
        t[0xad] |= C2;
        t[0x85] |= C2;
        t[0x90] |= C3;
        t[0xb0] |= C3;
        t[0x89] |= C6;
        t[0xc3] |= TONE;
        t[0xe1] |= TONE;
        t
    };

    /// An ASCII `o`/`u` (byte `x`) before a char that may be a toned
    /// `a`/`e`/`y` (lead byte `y`).
    #[inline]
    pub fn is_tone_candidate(x: u8, y: u8) -> bool {
        LEAD[x as usize] & NEXT[y as usize] & TONE != 0
    }
}

/// Whether the pair `x`, `y` may need a closer look: true for every pair
/// the tables of [`pair`] flag, but a space before a tab or another control
/// byte, which is flagged at that byte; true for a few more pairs that the
/// tables then turn away (any `C2`; `o`/`u` before `C1`/`E3`). Comparisons
/// only, no lookup: the compiler checks a block of pairs at once with
/// vector instructions.
#[inline(always)]
fn may_need(x: u8, y: u8) -> bool {
    let low = x | 0x20;
    ((x < 0x20) & (x != b'\n'))
        | (x == b' ') & (y == b' ')
        // y is C3 or E1 (or C1, E3): the lead byte of a toned a, e, y.
        | ((low == b'o') | (low == b'u')) & (y & 0xdd == 0xc1)
        | (x == 0xc2)
        | (x == 0xc3) & (y & 0xdf == 0x90)
        | (x == 0xc6) & (y == 0x89)
        | (x >= 0xcc) & !((x == 0xe1) & (y & 0xfc == 0xb8))
}

impl Needs {
    fn scan(s: &str) -> Needs {
        let mut n = Needs::default();
        n.scan_range(s, 0, s.len());
        n
    }

    /// The positions `from..to` of `s` (each with the byte after it, or
    /// none at the end of `s`).
    fn scan_range(&mut self, s: &str, from: usize, to: usize) {
        let b = s.as_bytes();
        let to = to.min(b.len());
        let flag = |i: usize| pair::LEAD[usize::from(b[i])] & pair::NEXT[usize::from(b.get(i + 1).copied().unwrap_or(0))];
        // Sixteen pairs at a time, by comparisons the compiler turns into
        // vector instructions: about one byte in a hundred needs a look, so
        // most blocks are passed whole; in the others, only the pairs
        // marked are read again through the tables.
        const BLOCK: usize = 16;
        let mut i = from;
        while let (true, Some(cur), Some(next)) = (i + BLOCK <= to, b.get(i..i + BLOCK), b.get(i + 1..i + BLOCK + 1)) {
            // One byte per pair, 1 when marked: read as one number, the
            // marked pairs are its set bits.
            let mut marks = [0u8; BLOCK];
            for ((m, &x), &y) in marks.iter_mut().zip(cur).zip(next) {
                *m = u8::from(may_need(x, y));
            }
            let mut marked = u128::from_le_bytes(marks);
            while marked != 0 {
                let k = i + (marked.trailing_zeros() / 8) as usize;
                if flag(k) != 0 {
                    self.look_at(s, k);
                }
                marked &= marked - 1;
            }
            i += BLOCK;
        }
        // The rest one by one; the last byte of `s` has no byte after it:
        // the tests read a 0.
        for k in i..to {
            if flag(k) != 0 {
                self.look_at(s, k);
            }
        }
    }

    /// The scan of `text`, which a step made from the text this scan is
    /// of, `map` taking `text` back to that text: what the later steps
    /// read (`nfc`, `lookalikes`, `tone`), equal to [`Needs::scan`] of
    /// `text`. A byte the step copied, far enough from every change, keeps
    /// what the old scan found there; only the changed pieces and their
    /// surroundings are scanned again. A step changes a few places in most
    /// texts, and a big file's rescans were a third of all scanning.
    fn after_step(&self, text: &str, map: &OffsetMap) -> Needs {
        let mut windows: Vec<(usize, usize)> = Vec::new();
        for (a, z) in map.changed_ranges() {
            let (a, z) = (a.saturating_sub(LOOK_REACH), (z + LOOK_REACH).min(text.len()));
            match windows.last_mut() {
                Some(last) if a <= last.1 => last.1 = last.1.max(z),
                _ => windows.push((a, z)),
            }
        }
        let covered: usize = windows.iter().map(|(a, z)| z - a).sum();
        if self.many_marked || covered * 4 > text.len() {
            return Needs::scan(text);
        }
        let tone_at = carry(&self.tone_at, map, &windows);
        let marked_at = carry(&self.marked_at, map, &windows);
        let mut n = Needs::default();
        let (mut t, mut m) = (0, 0);
        for &(a, z) in windows.iter().chain(std::iter::once(&(text.len(), text.len()))) {
            // What the old scan found before this window, in order.
            while let Some(&p) = tone_at.get(t).filter(|&&p| p < a) {
                n.tone = true;
                n.tone_at.push(p);
                t += 1;
            }
            while let Some(&p) = marked_at.get(m).filter(|&&p| p < a) {
                n.look_at(text, p);
                m += 1;
            }
            n.scan_range(text, a, z);
        }
        n
    }

    /// The close look at the character starting at byte `i`, which the
    /// pair tables flagged.
    fn look_at(&mut self, s: &str, i: usize) {
        let b = s.as_bytes();
        let x = b[i];
        let y = b.get(i + 1).copied().unwrap_or(0);
        let (mut nfc, mut lookalikes) = (false, false);
        match x {
            b'\t' | b'\r' | 0x0b | 0x0c => self.spaces = true,
            // Non-ASCII spaces after it are caught on their own.
            b' ' => self.spaces |= matches!(y, b' ' | b'\t' | 0x0b | 0x0c),
            b'o' | b'O' | b'u' | b'U' => {
                if tone::may_respell(s, i) {
                    self.tone = true;
                    self.tone_at.push(i);
                }
            }
            // U+0080-U+02FF: plain starters, but for these.
            0xc2 => self.spaces |= matches!(y, 0xa0 | 0xad | 0x85),
            0xc3 => lookalikes = matches!(y, 0x90 | 0xb0),
            0xc6 => lookalikes = y == 0x89,
            0xc4..=0xcb => {}
            // Combining marks (U+0300-U+036F), Greek, Cyrillic.
            0xcc | 0xcd => {
                nfc = true;
                lookalikes = true;
            }
            0xce..=0xd4 => {
                lookalikes = true;
                nfc = !plain_starter(char_at(s, i));
            }
            // The Vietnamese block U+1E00-U+1EFF is plain.
            0xe1 if (0xb8..=0xbb).contains(&y) => {}
            // U+2010-U+2027, the dashes, quotes, bullets and ellipsis of
            // most notices: plain starters, neither spaces nor invisible.
            0xe2 if y == 0x80 && (0x90..=0xa7).contains(&b.get(i + 2).copied().unwrap_or(0)) => {}
            0x80.. => {
                let c = char_at(s, i);
                if is_hspace(c) || is_invisible(c) || is_line_end(c) {
                    self.spaces = true;
                } else if !plain_starter(c) {
                    nfc = true;
                }
            }
            _ => {}
        }
        if nfc || lookalikes {
            self.nfc |= nfc;
            self.lookalikes |= lookalikes;
            if self.marked_at.len() < FEW_MARKS {
                self.marked_at.push(i);
            } else {
                self.many_marked = true;
            }
        }
    }
}

/// The positions in `old` (ascending, in the text a step was given) that
/// the step copied unchanged, as positions of its output, but those inside
/// `windows` (ascending output ranges, scanned again).
fn carry(old: &[usize], map: &OffsetMap, windows: &[(usize, usize)]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut k = 0;
    let mut w = 0;
    for (out_start, src_start, len) in map.same_pieces() {
        // Positions before this piece were in changed ones: gone.
        while old.get(k).is_some_and(|&q| q < src_start) {
            k += 1;
        }
        while let Some(&q) = old.get(k).filter(|&&q| q < src_start + len) {
            let p = out_start + (q - src_start);
            while windows.get(w).is_some_and(|&(_, z)| z <= p) {
                w += 1;
            }
            if !windows.get(w).is_some_and(|&(a, _)| a <= p) {
                out.push(p);
            }
            k += 1;
        }
    }
    out
}

/// Normalises a short string for comparison or display (no map kept).
pub fn normalize_str(s: &str) -> String {
    normalize(s).text
}

/// Helper that copies unchanged runs and records changed pieces.
struct Rewriter<'a> {
    src: &'a str,
    out: String,
    map: OffsetMap,
    copied_to: usize,
    changed: bool,
}

impl<'a> Rewriter<'a> {
    /// The output buffer is allocated at the first change: a step that
    /// finds nothing to do costs no allocation.
    fn new(src: &'a str) -> Self {
        Rewriter { src, out: String::new(), map: OffsetMap::default(), copied_to: 0, changed: false }
    }

    /// Replaces source bytes `[start, end)` with `with`.
    fn replace(&mut self, start: usize, end: usize, with: &str) {
        if !self.changed {
            self.out.reserve(self.src.len() + 16);
        }
        if start > self.copied_to {
            self.out.push_str(&self.src[self.copied_to..start]);
            self.map.push_same(start - self.copied_to);
        }
        self.out.push_str(with);
        self.map.push_changed(with.len(), end - start);
        self.copied_to = end;
        self.changed = true;
    }

    fn finish(mut self) -> Option<(String, OffsetMap)> {
        if !self.changed {
            return None;
        }
        let n = self.src.len();
        if n > self.copied_to {
            self.out.push_str(&self.src[self.copied_to..]);
            self.map.push_same(n - self.copied_to);
        }
        Some((self.out, self.map))
    }
}

/// Horizontal white space that folds to one ASCII space.
fn is_hspace(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' | '\u{0b}' | '\u{0c}'
    )
}

/// Characters that are dropped: zero-width ones, soft hyphens, stray BOMs.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}')
}

/// Line ends other than LF: CR (CRLF is handled as one), NEL, and the
/// Unicode line and paragraph separators.
fn is_line_end(c: char) -> bool {
    matches!(c, '\r' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// Bytes that can start a character the spaces step looks at. Lead bytes
/// of multi-byte characters are never continuation bytes, so a byte scan
/// finds every candidate without decoding the text.
const SPACE_LEADS: [bool; 256] = {
    let mut t = [false; 256];
    let list = [b'\t', b'\n', 0x0b, 0x0c, b'\r', b' ', 0xc2, 0xe1, 0xe2, 0xe3, 0xef];
    let mut i = 0;
    while i < list.len() {
        t[list[i] as usize] = true;
        i += 1;
    }
    t
};

/// The character starting at byte `i` (a char boundary).
fn char_at(s: &str, i: usize) -> char {
    s[i..].chars().next().unwrap_or('\0')
}

/// Whether the character led by byte `x` (`y` after it) may be one the
/// spaces step folds: a control byte but LF, a space, or the lead of
/// NBSP, soft hyphen, NEL, U+1680, U+2000-U+206F, U+3000 or U+FEFF.
#[inline(always)]
fn may_be_space(x: u8, y: u8) -> bool {
    (x == b' ') | (x < 0x20) & (x != b'\n') | (x == 0xc2) | (x == 0xe1) & (y == 0x9a) | (x == 0xe2) | (x == 0xe3) | (x == 0xef)
}

/// Whether the spaces step may change something at the byte `x` (`y`, `z`
/// after it): a space-like character but a space, or a space before one.
/// A lone space is left as it is, and it is most of what a text holds.
#[inline(always)]
fn may_fold_space(x: u8, y: u8, z: u8) -> bool {
    ((x == b' ') & may_be_space(y, z)) | ((x != b' ') & may_be_space(x, y))
}

/// The first index at or after `i` of a block of sixteen bytes in which
/// `marks` (a byte and the two after it) holds somewhere, or where fewer
/// than eighteen bytes are left. A byte loop that acts only at marked bytes
/// may pass the rest whole: comparisons only, so the compiler tests a block
/// with vector instructions.
#[inline(always)]
fn skip_unmarked(b: &[u8], mut i: usize, marks: impl Fn(u8, u8, u8) -> bool) -> usize {
    const BLOCK: usize = 16;
    while let Some(w) = b.get(i..i + BLOCK + 2) {
        let triples = w.iter().zip(&w[1..]).zip(&w[2..]);
        if triples.fold(false, |any, ((&x, &y), &z)| any | marks(x, y, z)) {
            return i;
        }
        i += BLOCK;
    }
    i
}

/// CR, CRLF, NEL, U+2028/9 → LF; runs of spaces (no-break, tabs,
/// zero-width...) → one space; zero-width characters and soft hyphens
/// alone are dropped.
fn spaces_and_line_ends(s: &str) -> Option<(String, OffsetMap)> {
    fold_spaces(s, true)
}

/// [`spaces_and_line_ends`]; `skip`: pass the blocks where nothing can
/// change (false only in the tests, which compare the two).
fn fold_spaces(s: &str, skip: bool) -> Option<(String, OffsetMap)> {
    let b = s.as_bytes();
    let mut w = Rewriter::new(s);
    let mut i = 0;
    // Bytes before `look_until` are looked at one by one; from there on,
    // blocks where nothing can change are passed whole (a step that runs
    // on a text runs on all of it, for one tab or one double space).
    let mut look_until = 0;
    while i < b.len() {
        if skip && i >= look_until {
            i = skip_unmarked(b, i, may_fold_space);
            look_until = i + 16;
            if i >= b.len() {
                break;
            }
        }
        let x = b[i];
        if !SPACE_LEADS[x as usize] || x == b'\n' {
            i += 1;
            continue;
        }
        // Most of these lead bytes start letters (E1 starts the Vietnamese
        // block): the second byte tells.
        let y = b.get(i + 1).copied().unwrap_or(0);
        let maybe = match x {
            0xc2 => matches!(y, 0xa0 | 0xad | 0x85),
            0xe1 => y == 0x9a,
            0xe2 => matches!(y, 0x80 | 0x81),
            0xe3 => y == 0x80,
            0xef => y == 0xbb,
            _ => true,
        };
        if !maybe {
            i += 1;
            continue;
        }
        // A lone ASCII space is the common case: leave it.
        if x == b' ' && b.get(i + 1).is_none_or(|&y| !SPACE_LEADS[y as usize] || y == b'\n' || y == b'\r') {
            i += 1;
            continue;
        }
        let c = char_at(s, i);
        if is_line_end(c) {
            let end = if c == '\r' && b.get(i + 1) == Some(&b'\n') { i + 2 } else { i + c.len_utf8() };
            w.replace(i, end, "\n");
            i = end;
        } else if is_hspace(c) || is_invisible(c) {
            let mut end = i + c.len_utf8();
            let mut any_space = is_hspace(c);
            while end < b.len() {
                let d = char_at(s, end);
                if is_hspace(d) || is_invisible(d) {
                    any_space |= is_hspace(d);
                    end += d.len_utf8();
                } else {
                    break;
                }
            }
            let with = if any_space { " " } else { "" };
            if &s[i..end] != with {
                w.replace(i, end, with);
            }
            i = end;
        } else {
            i += c.len_utf8();
        }
    }
    w.finish()
}

/// A letter that looks like a Vietnamese (Latin) one but is another code
/// point, and the letter it stands for.
fn lookalike(c: char) -> Option<char> {
    Some(match c {
        // Cyrillic.
        'А' => 'A',
        'В' => 'B',
        'Е' => 'E',
        'К' => 'K',
        'М' => 'M',
        'Н' => 'H',
        'О' => 'O',
        'Р' => 'P',
        'С' => 'C',
        'Т' => 'T',
        'У' => 'Y',
        'Х' => 'X',
        'І' => 'I',
        'Ј' => 'J',
        'Ѕ' => 'S',
        'а' => 'a',
        'е' => 'e',
        'о' => 'o',
        'р' => 'p',
        'с' => 'c',
        'у' => 'y',
        'х' => 'x',
        'і' => 'i',
        'ј' => 'j',
        'ѕ' => 's',
        // Greek.
        'Α' => 'A',
        'Β' => 'B',
        'Ε' => 'E',
        'Ζ' => 'Z',
        'Η' => 'H',
        'Ι' => 'I',
        'Κ' => 'K',
        'Μ' => 'M',
        'Ν' => 'N',
        'Ο' => 'O',
        'Ρ' => 'P',
        'Τ' => 'T',
        'Υ' => 'Y',
        'Χ' => 'X',
        'ο' => 'o',
        _ => return None,
    })
}

fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || matches!(c, '\u{c0}'..='\u{24f}' | '\u{1e00}'..='\u{1eff}') && c.is_alphabetic()
}

fn is_cyrillic_or_greek(c: char) -> bool {
    matches!(c, '\u{370}'..='\u{3ff}' | '\u{400}'..='\u{52f}')
}

/// The token (run without white space) around byte range `[a, z)`.
pub(crate) fn token_around(s: &str, a: usize, z: usize) -> &str {
    let start = s[..a].rfind(char::is_whitespace).map_or(0, |i| i + s[i..].chars().next().map_or(1, char::len_utf8));
    let end = s[z..].find(char::is_whitespace).map_or(s.len(), |i| z + i);
    &s[start..end]
}

/// Whether a token is a web or mail address, which keeps its characters
/// as written (no tone moves, no lookalike mapping).
pub(crate) fn is_address(token: &str) -> bool {
    token.contains("://") || token.starts_with("www.") || token.contains('@')
}

/// Letters that look like Vietnamese ones but are other code points:
/// `Ð` (Icelandic eth, U+00D0) and `Ɖ` → `Đ`, `ð` → `đ` always; Cyrillic and
/// Greek capitals that look Latin (`NĐ-СР` typed with a Cyrillic keyboard
/// layout) only inside a token (a run without spaces) that has a Latin
/// letter and no Cyrillic or Greek letter without a Latin twin, so Russian
/// or Greek words stay as written. Runs after NFC: a token with a combining
/// mark is left alone, which keeps the output NFC. Web and mail
/// addresses are left alone.
fn lookalikes(s: &str) -> Option<(String, OffsetMap)> {
    map_lookalikes(s, true)
}

/// [`lookalikes`]; `skip`: pass the blocks without a trigger (false only in
/// the tests, which compare the two).
fn map_lookalikes(s: &str, skip: bool) -> Option<(String, OffsetMap)> {
    let b = s.as_bytes();
    let mut w = Rewriter::new(s);
    // Only tokens holding one of those bytes can change: visit each once.
    let mut i = 0;
    let mut look_until = 0;
    while i + 1 < b.len() {
        // Blocks without a trigger are passed whole (Vietnamese text is
        // full of C3 letters; the step looks at their second byte).
        if skip && i >= look_until {
            i = skip_unmarked(b, i, |x, y, _| lookalike_trigger(x, y));
            look_until = i + 16;
            if i + 1 >= b.len() {
                break;
            }
        }
        // A lead byte is never a continuation byte, so `i` is a char
        // boundary when this holds.
        if !lookalike_trigger(b[i], b[i + 1]) {
            i += 1;
            continue;
        }
        let a = s[..i].rfind(char::is_whitespace).map_or(0, |j| j + s[j..].chars().next().map_or(1, char::len_utf8));
        let z = s[i..].find(char::is_whitespace).map_or(s.len(), |j| i + j);
        lookalike_token(s, a, z, &mut w);
        i = z;
    }
    w.finish()
}

/// The bytes `x`, `y` start Ð ð (C3 90, C3 B0), Ɖ (C6 89), or a Greek
/// (CE, CF) or Cyrillic (D0-D4) character.
#[inline(always)]
fn lookalike_trigger(x: u8, y: u8) -> bool {
    (x == 0xc3) & ((y == 0x90) | (y == 0xb0)) | (x == 0xc6) & (y == 0x89) | (x.wrapping_sub(0xce) <= 0xd4 - 0xce)
}

/// The lookalike mapping of the token `s[a..z]` (a run without white space).
fn lookalike_token(s: &str, a: usize, z: usize, w: &mut Rewriter) {
    let tok = &s[a..z];
    if tok.is_ascii() || is_address(tok) {
        return;
    }
    let mut latin = false;
    let mut foreign_ok = true;
    let mut combining = false;
    for c in tok.chars() {
        // Ð ð Ɖ count: they become Đ đ in this same step.
        latin |= is_latin_letter(c);
        if is_cyrillic_or_greek(c) && c.is_alphabetic() && lookalike(c).is_none() {
            foreign_ok = false;
        }
        combining |= unicode_normalization::char::is_combining_mark(c);
    }
    let map_foreign = latin && foreign_ok && !combining;
    for (j, c) in tok.char_indices() {
        let to = match c {
            '\u{d0}' | '\u{189}' => 'Đ',
            '\u{f0}' => 'đ',
            _ if map_foreign => match lookalike(c) {
                Some(l) => l,
                None => continue,
            },
            _ => continue,
        };
        let mut buf = [0u8; 4];
        w.replace(a + j, a + j + c.len_utf8(), to.encode_utf8(&mut buf));
    }
}

/// Whether a character is certainly NFC and a starter on its own, checked
/// by range first: Latin-1, Latin Extended-A/B and the Vietnamese block
/// are, and they are most of what Vietnamese text holds.
fn plain_starter(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{2ff}' | '\u{1e00}'..='\u{1eff}')
        || (canonical_combining_class(c) == 0 && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes)
}

/// A character that composes with the starter before it although it is a
/// starter itself (Hangul vowels, some Indic vowel signs): it stays in
/// the cluster of that starter.
fn joins_previous(c: char) -> bool {
    canonical_combining_class(c) == 0 && is_nfc_quick(std::iter::once(c)) == IsNormalized::Maybe
}

/// Unicode NFC, cluster by cluster so the map stays fine-grained; only
/// clusters with a character that is not plainly NFC are rebuilt. Also
/// repairs the Vietnamese combining-order trap (see [`nfc_cluster`]).
fn nfc(s: &str) -> Option<(String, OffsetMap)> {
    // Only run when the scan found a character that is not plainly NFC.
    let mut w = Rewriter::new(s);
    let mut cluster_start = 0;
    let mut dirty = false;
    let mut buf = String::new();
    for (i, c) in s.char_indices() {
        let plain = c.is_ascii() || plain_starter(c);
        let starts = plain || (canonical_combining_class(c) == 0 && !joins_previous(c));
        if starts {
            if dirty {
                nfc_cluster(&s[cluster_start..i], &mut buf);
                if buf != s[cluster_start..i] {
                    w.replace(cluster_start, i, &buf);
                }
            }
            cluster_start = i;
            dirty = !plain;
        } else {
            dirty = true;
        }
    }
    if dirty {
        nfc_cluster(&s[cluster_start..], &mut buf);
        if buf != s[cluster_start..] {
            w.replace(cluster_start, s.len(), &buf);
        }
    }
    w.finish()
}

/// The tone marks, which stack above the vowel's own diacritic.
fn is_tone_above(c: char) -> bool {
    matches!(c, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}')
}

/// NFC of one cluster into `out`. Circumflex and breve share combining
/// class 230 with the tone marks above, so canonical ordering keeps
/// `e + acute + circumflex` in the order typed and NFC gives `é` plus a
/// loose circumflex; Vietnamese means `ế`. On a, e, o the vowel's own mark
/// is moved before the tone, then composed. (Dot below and horn have lower
/// classes and are reordered by NFC itself.)
fn nfc_cluster(cluster: &str, out: &mut String) {
    out.clear();
    let mut d: Vec<char> = cluster.nfd().collect();
    if matches!(d.first(), Some('a' | 'A' | 'e' | 'E' | 'o' | 'O')) {
        let mut i = 1;
        while i < d.len() {
            if matches!(d[i], '\u{302}' | '\u{306}') {
                // Bubble it back over the tone marks just before it.
                let mut j = i;
                while j > 1 && is_tone_above(d[j - 1]) {
                    d.swap(j, j - 1);
                    j -= 1;
                }
            }
            i += 1;
        }
    }
    out.extend(d.into_iter().nfc());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut<'a>(input: &'a str, n: &Normalized, a: usize, b: usize) -> &'a str {
        &input[n.map.map_start(a)..n.map.map_end(b)]
    }

    #[test]
    fn folds_spaces_and_line_ends() {
        let input = "Bộ\u{a0}\u{a0}Y tế\r\ntrình\t\u{200b}Đề án";
        let n = normalize(input);
        assert_eq!(n.text, "Bộ Y tế\ntrình Đề án");
        let p = n.text.find("trình").unwrap();
        assert_eq!(cut(input, &n, p, p + "trình".len()), "trình");
    }

    #[test]
    fn nfd_becomes_nfc_with_exact_map() {
        let nfd: String = "Bộ Khoa học".nfd().collect();
        let input = format!("x {nfd} y");
        let n = normalize(&input);
        assert_eq!(n.text, "x Bộ Khoa học y");
        let a = n.text.find("Khoa").unwrap();
        let b = n.text.find(" y").unwrap();
        assert_eq!(cut(&input, &n, a, b).nfc().collect::<String>(), "Khoa học");
    }

    #[test]
    fn lookalike_eth_becomes_d_stroke() {
        assert_eq!(normalize("\u{d0}ề án").text, "Đề án");
    }

    #[test]
    fn steps_compose_when_several_apply() {
        let input = "  ho\u{61}\u{300}n th\u{e0}nh\u{a0}Quy\u{301} ho\u{e1}";
        let n = normalize(input);
        assert_eq!(n.text, " hoàn thành Quý hóa");
        let a = n.text.find("hóa").unwrap();
        assert_eq!(cut(input, &n, a, n.text.len()), "ho\u{e1}");
    }

    #[test]
    fn combining_order_trap() {
        // Dot below before or after the circumflex/breve/horn: NFC reorders.
        for s in ["e\u{323}\u{302}", "e\u{302}\u{323}", "\u{1eb9}\u{302}", "\u{ea}\u{323}"] {
            assert_eq!(normalize(s).text, "ệ", "{s:?}");
        }
        for s in ["a\u{323}\u{306}", "a\u{306}\u{323}", "o\u{323}\u{31b}", "o\u{31b}\u{323}", "u\u{31b}\u{323}"] {
            assert_eq!(normalize(s).text.chars().count(), 1, "{s:?}");
        }
        // Tone typed before the circumflex or breve: same class, so NFC alone
        // would leave "é" and a loose circumflex.
        assert_eq!(normalize("Vie\u{301}\u{302}t").text, "Viết");
        assert_eq!(normalize("\u{e9}\u{302}").text, "ế");
        assert_eq!(normalize("a\u{300}\u{306}n").text, "ằn");
        assert_eq!(normalize("O\u{303}\u{302}").text, "Ỗ");
        let input = "x Vie\u{301}\u{302}t y";
        let n = normalize(input);
        let a = n.text.find("Viết").unwrap();
        assert_eq!(cut(input, &n, a, a + "Viết".len()), "Vie\u{301}\u{302}t");
    }

    #[test]
    fn other_line_ends_and_invisibles() {
        let n = normalize("a\rb\u{2028}c\u{85}d\u{2029}e\r\n");
        assert_eq!(n.text, "a\nb\nc\nd\ne\n");
        assert_eq!(normalize("phối\u{ad}hợp đồng\u{200d}bộ").text, "phốihợp đồngbộ");
        assert_eq!(normalize("a \u{feff} b\t\tc").text, "a b c");
    }

    #[test]
    fn cyrillic_lookalikes_in_latin_tokens() {
        // Real excerpts: document numbers typed with a Cyrillic layout.
        assert_eq!(normalize("số 137/2020/NĐ-\u{421}\u{420} ngày").text, "số 137/2020/NĐ-CP ngày");
        assert_eq!(normalize("105/2025/TT-BT\u{421}").text, "105/2025/TT-BTC");
        // Russian words and all-Cyrillic tokens stay.
        for s in ["Москва", "СР", "ТАСС", "NĐ-Москва"] {
            assert_eq!(normalize(s).text, s);
        }
        // Regression (proptest): Ð makes the token Latin in the same pass.
        assert_eq!(normalize("\u{421}\u{d0}").text, "CĐ");
        let input = "NĐ-\u{421}\u{420}";
        let n = normalize(input);
        assert_eq!(cut(input, &n, 4, 6), "\u{421}\u{420}");
    }

    #[test]
    fn near_misses_untouched() {
        for s in [
            "quý",
            "quỳ",
            "giữ",
            "hoàng",
            "toán",
            "thuyền",
            "khuyến",
            "12/2025/NĐ-CP",
            "https://chinhphu.vn/?a=1&b=hoá_x",
            "Quỹ",
            "tiếng Việt",
        ] {
            assert_eq!(normalize(s).text, s, "{s}");
        }
    }

    #[test]
    fn idempotent_on_corpus_like_text() {
        let s = "Ủy ban nhân dân tỉnh Khánh Hoà, thuỷ lợi,\u{a0}khoẻ mạnh";
        let once = normalize(s).text;
        assert_eq!(normalize(&once).text, once);
        assert_eq!(once, "Ủy ban nhân dân tỉnh Khánh Hòa, thủy lợi, khỏe mạnh");
    }
}

#[cfg(test)]
mod scan_tests {
    use super::*;
    use proptest::prelude::*;

    /// Every step run whatever the scan says: what the gated pipeline must equal.
    fn all_steps(input: &str, style: ToneStyle) -> String {
        let mut text = input.to_string();
        let steps: [&dyn Fn(&str) -> Option<(String, OffsetMap)>; 4] =
            [&spaces_and_line_ends, &nfc, &lookalikes, &|s| fix_tone_marks(s, style)];
        for step in steps {
            if let Some((t, _)) = step(&text) {
                text = t;
            }
        }
        text
    }

    const PIECES: &[&str] = &[
        "a", "o", "u", "y", "e", "q", "O", "U", " ", " ", "\t", "\r", "\n", "\u{a0}", "\u{ad}", "\u{85}", "\u{200b}",
        "\u{2028}", "\u{2003}", "\u{3000}", "\u{feff}", "\u{202f}", "á", "ả", "ẽ", "ỹ", "Ý", "ó", "ủ", "ê", "ố", "ơ", "ư",
        "đ", "\u{300}", "\u{302}", "\u{323}", "\u{d0}", "\u{f0}", "\u{189}", "С", "Р", "ж", "Ο", "μ", "“", "”", "–", "…",
        "\u{2126}", "\u{212b}", "\u{1f71}", "\u{1e9b}", "\u{1100}", "\u{1161}", "가", "://", "@", "hoá", "thuỷ", "quý",
    ];

    proptest! {
        #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

        /// The scan never skips a step that would change the text.
        #[test]
        fn gated_steps_equal_all_steps(v in prop::collection::vec(prop::sample::select(PIECES), 0..30)) {
            let s = v.concat();
            for style in [ToneStyle::New, ToneStyle::Old] {
                prop_assert_eq!(normalize_with(&s, style).text, all_steps(&s, style));
            }
        }
    }

    /// The vector pre-check misses no pair the tables flag: a space before
    /// a tab (or VT, FF) is left to the tab, which is flagged whatever follows.
    /// Every piece at every offset of a text longer than a scan block,
    /// next to each other piece: what the block pre-check sees at its edges.
    #[test]
    fn pieces_at_every_block_offset() {
        for a in PIECES {
            for b in PIECES {
                for pad in 0..34 {
                    let s = format!("{}{a}{b} xyz abc def ghi", "x".repeat(pad));
                    assert_eq!(normalize(&s).text, all_steps(&s, ToneStyle::New), "{s:?}");
                }
            }
        }
    }

    #[test]
    fn may_need_covers_the_pair_tables() {
        for x in 0..=255u8 {
            for y in 0..=255u8 {
                if pair::LEAD[usize::from(x)] & pair::NEXT[usize::from(y)] == 0 || may_need(x, y) {
                    continue;
                }
                assert!(x == b' ' && (0..=255).all(|z| may_need(y, z)), "{x:02x} {y:02x}");
            }
        }
    }

    /// A step's rescan built from the scan before it equals a scan of the
    /// step's output, in everything the later steps read.
    fn check_after_steps(s: &str) {
        let steps: [&dyn Fn(&str) -> Option<(String, OffsetMap)>; 3] = [&spaces_and_line_ends, &nfc, &lookalikes];
        for step in steps {
            let Some((t, m)) = step(s) else { continue };
            let (a, b) = (Needs::scan(s).after_step(&t, &m), Needs::scan(&t));
            let read = |n: &Needs| (n.nfc, n.lookalikes, n.tone, n.tone_at.clone(), n.marked_at.clone(), n.many_marked);
            assert_eq!(read(&a), read(&b), "{s:?}");
        }
    }

    /// Filler with tone candidates and plain letters between the pieces, so
    /// that changes are sparse and the rescan takes its short way.
    const FILLER: &str = "Bộ Y tế hoà thuỷ lợi khoẻ, quý hoá Thủ tướng giao nhiệm vụ ";

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

        #[test]
        fn rescans_equal_scans(v in prop::collection::vec((0..120usize, prop::sample::select(PIECES)), 0..12)) {
            let mut s = String::new();
            for (n, piece) in v {
                s.extend(FILLER.chars().cycle().take(n));
                s.push_str(piece);
            }
            check_after_steps(&s);
        }
    }

    #[test]
    fn rescans_equal_scans_on_real_texts() {
        let mut all = String::new();
        for (_, s) in crate::testdata::texts() {
            check_after_steps(&s);
            // With a few changes spread over a long text.
            all.push_str(&s);
            all.push_str(["\t", "  ", "\u{a0}", "N\u{110}-\u{421}\u{420} ", "\u{200b}", "o\u{200b}\u{e1} "][all.len() % 6]);
        }
        assert!(all.len() > 10_000, "no texts read");
        check_after_steps(&all);
    }

    /// The spaces and lookalike steps looking at every byte: what the
    /// block skips must equal.
    fn spaces_plain(s: &str) -> Option<(String, OffsetMap)> {
        fold_spaces(s, false)
    }

    fn lookalikes_plain(s: &str) -> Option<(String, OffsetMap)> {
        map_lookalikes(s, false)
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

        /// Long texts (several blocks) of the pieces: the block skips change nothing.
        #[test]
        fn block_skips_equal_the_byte_loops(v in prop::collection::vec(prop::sample::select(PIECES), 0..80)) {
            let s = v.concat();
            prop_assert_eq!(spaces_and_line_ends(&s), spaces_plain(&s));
            prop_assert_eq!(lookalikes(&s), lookalikes_plain(&s));
        }
    }

    /// Two pieces at every offset of a block, with ASCII and Vietnamese
    /// letters around them: the skips see a run wherever it starts.
    #[test]
    fn block_skips_at_every_offset() {
        for a in PIECES {
            for b in PIECES {
                for pad in 0..36 {
                    for fill in ["x", "ư"] {
                        let s = format!("{}{a}{b} xyz ẩn {a}abc def ghi jkl mno", fill.repeat(pad));
                        assert_eq!(spaces_and_line_ends(&s), spaces_plain(&s), "{s:?}");
                        assert_eq!(lookalikes(&s), lookalikes_plain(&s), "{s:?}");
                    }
                }
            }
        }
    }

    /// Every text of the corpus and dev corpus: the same result either way.
    #[test]
    fn block_skips_on_real_texts() {
        let texts = crate::testdata::texts();
        assert!(texts.len() >= 5, "no texts read");
        for (path, s) in texts {
            assert_eq!(spaces_and_line_ends(&s), spaces_plain(&s), "{path:?}");
            assert_eq!(lookalikes(&s), lookalikes_plain(&s), "{path:?}");
        }
    }

    #[test]
    fn scan_flags_each_kind() {
        let needs = |s: &str| {
            let n = Needs::scan(s);
            (n.spaces, n.nfc, n.lookalikes, n.tone)
        };
        assert_eq!(needs("Bộ Y tế trình Đề án “X” – hóa"), (false, false, false, false));
        assert_eq!(needs("a  b"), (true, false, false, false));
        assert_eq!(needs("a\u{a0}"), (true, false, false, false));
        assert_eq!(needs("e\u{301}"), (false, true, true, false));
        assert_eq!(needs("\u{d0}"), (false, false, true, false));
        assert_eq!(needs("hoá"), (false, false, false, true));
        assert_eq!(needs("hoàn quý"), (false, false, false, false));
        assert_eq!(needs("x\u{2126}"), (false, true, false, false));
        assert_eq!(needs("a‐‑–—‘’“”•…\u{2027}"), (false, false, false, false));
        for space in ["\u{2000}", "\u{200a}", "\u{200b}", "\u{200d}", "\u{2028}", "\u{2029}", "\u{202f}"] {
            assert_eq!(needs(&format!("a{space}b")), (true, false, false, false), "{space:?}");
        }
    }
}
