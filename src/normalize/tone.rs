//! Tone-mark placement in the syllables `oa`, `oe`, `uy` (SPEC §5).
//!
//! New style puts the mark on the first vowel of an open syllable
//! (`hóa`, `khỏe`, `thủy`, `Ủy`); old style on the second (`hoá`, `khoẻ`,
//! `thuỷ`, `Uỷ`). A closed syllable keeps its mark where it is (`hoàng`,
//! `toán`, `thuyền`), and `qu` is a consonant (`quý`, `quỳ` stay).

use super::case::utf8_len;
use super::Rewriter;
use crate::span::OffsetMap;
use unicode_normalization::UnicodeNormalization;

/// Where a tone mark goes in `oa`, `oe`, `uy`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ToneStyle {
    /// `hóa`, `thủy` — what records use (SPEC §5).
    #[default]
    New,
    /// `hoá`, `thuỷ`.
    Old,
}

use crate::fold::split;

/// `a`, `e`, `y` with a tone mark and no other diacritic: the second vowel
/// of an old-style `oa`/`oe`/`uy`.
pub(super) fn is_toned_aey(c: char) -> bool {
    matches!(
        c,
        'á' | 'à'
            | 'ả'
            | 'ã'
            | 'ạ'
            | 'é'
            | 'è'
            | 'ẻ'
            | 'ẽ'
            | 'ẹ'
            | 'ý'
            | 'ỳ'
            | 'ỷ'
            | 'ỹ'
            | 'ỵ'
            | 'Á'
            | 'À'
            | 'Ả'
            | 'Ã'
            | 'Ạ'
            | 'É'
            | 'È'
            | 'Ẻ'
            | 'Ẽ'
            | 'Ẹ'
            | 'Ý'
            | 'Ỳ'
            | 'Ỷ'
            | 'Ỹ'
            | 'Ỵ'
    )
}

/// Cheap test for the normalise scan: could the ASCII `o`/`u` at byte `i`
/// and the letter after it be an old-style pair ending its word?
pub(super) fn may_respell(s: &str, i: usize) -> bool {
    let mut it = s[i + 1..].chars();
    let (Some(v2), next) = (it.next(), it.next()) else { return false };
    is_toned_aey(v2) && !next.is_some_and(is_word_char) && !(i > 0 && matches!(s.as_bytes()[i - 1], b'q' | b'Q'))
}

fn compose(base: char, tone: Option<char>) -> String {
    let mut s = String::new();
    s.push(base);
    if let Some(t) = tone {
        s.push(t);
    }
    s.nfc().collect()
}

fn is_pair(a: char, b: char) -> bool {
    matches!((a.to_ascii_lowercase(), b.to_ascii_lowercase()), ('o', 'a') | ('o', 'e') | ('u', 'y'))
}

/// The rewritten pair for a word ending in `v1 v2` (after `before`), if any.
fn respell(before: Option<char>, v1: char, v2: char, style: ToneStyle) -> Option<String> {
    if matches!(before, Some('q' | 'Q')) {
        return None;
    }
    let (b1, t1) = split(v1)?;
    let (b2, t2) = split(v2)?;
    if !is_pair(b1, b2) {
        return None;
    }
    match (style, t1, t2) {
        (ToneStyle::New, None, Some(t)) => Some(compose(b1, Some(t)) + &compose(b2, None)),
        (ToneStyle::Old, Some(t), None) => Some(compose(b1, None) + &compose(b2, Some(t))),
        _ => None,
    }
}

/// A letter for word purposes: combining marks count, so a stray mark
/// after a vowel keeps the pair from being taken as the word's end.
fn is_word_char(c: char) -> bool {
    c.is_alphabetic() || unicode_normalization::char::is_combining_mark(c)
}

/// The char ending just before byte `i`, and where it starts.
fn char_before(s: &str, i: usize) -> Option<(usize, char)> {
    s[..i].char_indices().next_back()
}

/// Moves tone marks of open `oa`/`oe`/`uy` syllables to the given style.
///
/// Only pairs that can change are looked at: a non-ASCII letter (the
/// toned vowel) next to an ASCII `o`/`u` (new style) or `a`/`e`/`y` (old
/// style). ASCII text and words without such a pair cost one byte test.
/// Web and mail addresses keep their spelling.
pub fn fix_tone_marks(s: &str, style: ToneStyle) -> Option<(String, OffsetMap)> {
    if s.is_ascii() {
        return None;
    }
    let b = s.as_bytes();
    match style {
        // v1 = ASCII o/u, v2 = the char after it. A toned a/e/y starts
        // with C3 (Latin-1) or E1 (the Vietnamese block): the normalise
        // scan's byte-pair test finds every candidate.
        ToneStyle::New => {
            let pairs = b.windows(2).enumerate().filter(|(_, w)| super::pair::is_tone_candidate(w[0], w[1]));
            respell_pairs(s, style, pairs.map(|(p1, w)| (p1, p1 + 1 + utf8_len(w[1]))))
        }
        // v1 = a non-ASCII char, v2 = ASCII a/e/y after it.
        ToneStyle::Old => {
            let mut pairs = Vec::new();
            let mut i = 0;
            while i < b.len() {
                if b[i] < 0xc0 {
                    i += 1;
                    continue;
                }
                let c_end = i + utf8_len(b[i]);
                if matches!(b.get(c_end), Some(b'a' | b'A' | b'e' | b'E' | b'y' | b'Y')) {
                    pairs.push((i, c_end + 1));
                }
                i = c_end;
            }
            respell_pairs(s, style, pairs.into_iter())
        }
    }
}

/// [`fix_tone_marks`] in the new style, given where the pairs may start:
/// the positions of `o`/`u` that the normalise scan found.
pub(super) fn fix_new_style_at(s: &str, starts: &[usize]) -> Option<(String, OffsetMap)> {
    let b = s.as_bytes();
    let pairs = starts.iter().filter_map(|&p1| Some((p1, p1 + 1 + utf8_len(*b.get(p1 + 1)?))));
    respell_pairs(s, ToneStyle::New, pairs.filter(|&(_, end)| end <= b.len()))
}

/// Respells the candidate pairs `p1..end` (in order, not overlapping: each
/// holds one non-ASCII char whole and one ASCII vowel) that end their word.
fn respell_pairs(s: &str, style: ToneStyle, pairs: impl Iterator<Item = (usize, usize)>) -> Option<(String, OffsetMap)> {
    let mut w = Rewriter::new(s);
    for (p1, end) in pairs {
        // The pair must end its word.
        if s[end..].chars().next().is_some_and(is_word_char) {
            continue;
        }
        let mut it = s[p1..end].chars();
        let (Some(v1), Some(v2)) = (it.next(), it.next()) else { continue };
        if super::is_address(super::token_around(s, p1, end)) {
            continue;
        }
        let before = char_before(s, p1).map(|x| x.1).filter(|&c| is_word_char(c));
        if let Some(new) = respell(before, v1, v2, style) {
            w.replace(p1, end, &new);
        }
    }
    w.finish()
}


#[cfg(test)]
mod tests {
    use super::*;

    fn new(s: &str) -> String {
        fix_tone_marks(s, ToneStyle::New).map(|x| x.0).unwrap_or_else(|| s.to_string())
    }

    fn old(s: &str) -> String {
        fix_tone_marks(s, ToneStyle::Old).map(|x| x.0).unwrap_or_else(|| s.to_string())
    }

    #[test]
    fn open_syllables_move_to_the_first_vowel() {
        assert_eq!(new("hoá hoà thuỷ khoẻ Uỷ ban luỹ kế tuỳ"), "hóa hòa thủy khỏe Ủy ban lũy kế tùy");
        assert_eq!(new("HOÁ"), "HÓA");
    }

    #[test]
    fn near_misses_keep_their_marks() {
        for w in ["quý", "quỳ", "giữ", "hoàng", "toán", "thuyền", "khuyến", "hóa", "12/2025/NĐ-CP", "Quỹ"]
        {
            assert_eq!(new(w), w, "{w}");
        }
    }

    #[test]
    fn old_style_is_the_inverse() {
        assert_eq!(old("hóa hòa thủy khỏe Ủy quý hoàng"), "hoá hoà thuỷ khoẻ Uỷ quý hoàng");
        assert_eq!(new(&old("hóa thủy Ủy")), "hóa thủy Ủy");
    }
}
