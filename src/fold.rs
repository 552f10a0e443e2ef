//! The name folding of SPEC §7: how `audit` decides that two agency names,
//! or two deliverable syllables, are the same.
//!
//! Names compare after: NFC, lower case, new-style tone marks (`hoà` →
//! `hòa`, `uỷ` → `ủy`; `quý` stays), white space folded, and the words
//! `các`, `có`, `những` dropped. This is written apart from the extractor's
//! normaliser on purpose: the scorer must not share the code it scores.

use unicode_normalization::UnicodeNormalization;

/// The combining tone marks: sắc, huyền, hỏi, ngã, nặng.
const TONES: [char; 5] = ['\u{301}', '\u{300}', '\u{309}', '\u{303}', '\u{323}'];

/// Words left out when names are compared (SPEC §7.3).
const DROPPED: [&str; 3] = ["các", "có", "những"];

/// Folds an agency name for comparison (SPEC §7.3).
///
/// ```
/// use chidao::fold::fold_name;
/// assert_eq!(fold_name("Ủy ban nhân dân tỉnh Khánh Hoà"), fold_name("Ủy ban nhân dân tỉnh Khánh Hòa"));
/// assert_eq!(fold_name("Các  bộ, ngành"), "bộ, ngành");
/// assert_eq!(fold_name("cơ quan, đơn vị có liên quan"), fold_name("Cơ quan, đơn vị liên quan"));
/// ```
pub fn fold_name(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in fold_text(s).split(' ') {
        if word.is_empty() || DROPPED.contains(&word) {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// NFC, lower case, new-style tone marks and white space folded to single
/// spaces (trimmed): [`fold_name`] without dropping words.
pub fn fold_text(s: &str) -> String {
    let lower: String = s.nfc().collect::<String>().to_lowercase();
    let mut out = String::with_capacity(lower.len());
    let mut word = String::new();
    let mut pending_space = false;
    let flush = |word: &mut String, out: &mut String| {
        if !word.is_empty() {
            out.push_str(&new_style_word(word));
            word.clear();
        }
    };
    for c in lower.chars() {
        if is_space(c) {
            flush(&mut word, &mut out);
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        if c.is_alphabetic() {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// White space for folding: Unicode white space plus the zero-width
/// characters that editors leave in pasted text.
fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// Base letter and tone of a precomposed letter; `None` when the letter
/// carries another diacritic (â, ơ, ư ...) or is not a letter we fold.
/// Shared with the normaliser's tone step (`normalize/tone.rs`).
pub(crate) fn split(c: char) -> Option<(char, Option<char>)> {
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

/// One lower-case NFC word with its tone in the new style: an open syllable
/// ending in `oa`, `oe`, `uy` carries the mark on the first vowel. `qu` and
/// `gi` are consonants, so `quý` (and any `gi` + pair) stays.
fn new_style_word(w: &str) -> String {
    let chars: Vec<char> = w.chars().collect();
    let n = chars.len();
    if n < 2 {
        return w.to_string();
    }
    let (v1, v2) = (chars[n - 2], chars[n - 1]);
    let before = if n >= 3 { Some(chars[n - 3]) } else { None };
    let before2 = if n >= 4 { Some(chars[n - 4]) } else { None };
    if before == Some('q') || (before == Some('i') && before2 == Some('g')) {
        return w.to_string();
    }
    let (Some((b1, None)), Some((b2, Some(tone)))) = (split(v1), split(v2)) else {
        return w.to_string();
    };
    if !matches!((b1, b2), ('o', 'a') | ('o', 'e') | ('u', 'y')) {
        return w.to_string();
    }
    let mut out: String = chars[..n - 2].iter().collect();
    let marked: String = [b1, tone].iter().collect::<String>().nfc().collect();
    out.push_str(&marked);
    out.push(b2);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_style_tones_fold_to_new() {
        for (old, new) in [
            ("hoá", "hóa"),
            ("hoà", "hòa"),
            ("thuỷ", "thủy"),
            ("khoẻ", "khỏe"),
            ("Uỷ", "ủy"),
            ("Khánh Hoà", "khánh hòa"),
        ] {
            assert_eq!(fold_text(old), new, "{old}");
            assert_eq!(fold_text(new), new, "{new}");
        }
    }

    #[test]
    fn qu_gi_and_closed_syllables_stay() {
        for w in ["quý", "quỳ", "giữ", "hoàng", "toán", "thuyền", "khuya"] {
            assert_eq!(fold_text(w), w, "{w}");
        }
    }

    #[test]
    fn nfd_and_spaces_fold() {
        let nfd: String = "Bộ  Y\u{a0}tế\u{200b} ".nfd().collect();
        assert_eq!(fold_name(&nfd), "bộ y tế");
    }

    #[test]
    fn dropped_words_only_as_whole_words() {
        assert_eq!(fold_name("những cơ quan có liên quan"), "cơ quan liên quan");
        assert_eq!(fold_name("cácbộ"), "cácbộ");
        assert_eq!(fold_name("các bộ, ngành"), fold_name("bộ, ngành"));
    }

    #[test]
    fn punctuation_is_kept() {
        assert_eq!(fold_name("Bộ Văn hoá, Thể thao và Du lịch"), "bộ văn hóa, thể thao và du lịch");
    }
}
