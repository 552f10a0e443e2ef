//! Tone-mark placement in the syllables `oa`, `oe`, `uy` (SPEC §5).
//!
//! New style puts the mark on the first vowel of an open syllable
//! (`hóa`, `khỏe`, `thủy`, `Ủy`); old style on the second (`hoá`, `khoẻ`,
//! `thuỷ`, `Uỷ`). A closed syllable keeps its mark where it is (`hoàng`,
//! `toán`, `thuyền`), and `qu` is a consonant (`quý`, `quỳ` stay).

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

const TONES: [char; 5] = ['\u{301}', '\u{300}', '\u{309}', '\u{303}', '\u{323}'];

/// Base letter and tone mark of a precomposed letter; `None` when the
/// letter has another diacritic (â, ơ, ư ...) besides a tone.
fn split(c: char) -> Option<(char, Option<char>)> {
    let mut it = std::iter::once(c).nfd();
    let base = it.next()?;
    let mut tone = None;
    for m in it {
        if TONES.contains(&m) && tone.is_none() {
            tone = Some(m);
        } else {
            return None;
        }
    }
    Some((base, tone))
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

/// Moves tone marks of open `oa`/`oe`/`uy` syllables to the given style.
pub fn fix_tone_marks(s: &str, style: ToneStyle) -> Option<(String, OffsetMap)> {
    if s.is_ascii() {
        return None;
    }
    let mut w = Rewriter::new(s);
    // The last three letters of the current word: (byte index, char).
    let mut last: [Option<(usize, char)>; 3] = [None; 3];
    let mut word_len = 0usize;
    let check = |last: &[Option<(usize, char)>; 3], word_len: usize, w: &mut Rewriter| {
        if word_len < 2 {
            return;
        }
        if let (Some((i1, v1)), Some((_, v2))) = (last[1], last[2]) {
            let before = if word_len >= 3 { last[0].map(|x| x.1) } else { None };
            if v1.is_ascii() && v2.is_ascii() {
                return;
            }
            if let Some(new) = respell(before, v1, v2, style) {
                let end = last[2].map(|(i, c)| i + c.len_utf8()).unwrap_or(i1);
                w.replace(i1, end, &new);
            }
        }
    };
    for (i, c) in s.char_indices() {
        if c.is_ascii_alphabetic() || (!c.is_ascii() && c.is_alphabetic()) {
            last = [last[1], last[2], Some((i, c))];
            word_len += 1;
        } else {
            check(&last, word_len, &mut w);
            last = [None; 3];
            word_len = 0;
        }
    }
    check(&last, word_len, &mut w);
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
        for w in ["quý", "quỳ", "giữ", "hoàng", "toán", "thuyền", "khuyến", "hóa", "12/2025/NĐ-CP", "Quỹ"] {
            assert_eq!(new(w), w, "{w}");
        }
    }

    #[test]
    fn old_style_is_the_inverse() {
        assert_eq!(old("hóa hòa thủy khỏe Ủy quý hoàng"), "hoá hoà thuỷ khoẻ Uỷ quý hoàng");
        assert_eq!(new(&old("hóa thủy Ủy")), "hóa thủy Ủy");
    }
}
