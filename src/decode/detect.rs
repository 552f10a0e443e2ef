//! Telling a legacy Vietnamese encoding from another (SPEC §5): decode a
//! sample with each table and score how Vietnamese the words look.
//!
//! A word counts when it has a letter outside ASCII. Its score is whether
//! it is a well-formed Vietnamese syllable (initial consonant, vowel
//! nucleus, final consonant, at most one tone mark) and whether it is one of
//! the frequent syllables of `tables/common_syllables.txt`. A wrong table
//! yields letters too, but rarely well-formed syllables and almost never
//! frequent ones.

use std::collections::HashSet;
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

const COMMON_TXT: &str = include_str!("tables/common_syllables.txt");

fn common() -> &'static HashSet<&'static str> {
    static S: OnceLock<HashSet<&'static str>> = OnceLock::new();
    S.get_or_init(|| COMMON_TXT.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect())
}

/// How a candidate decoding reads.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct Score {
    /// Words with a letter outside ASCII, plus undecodable bytes.
    pub words: usize,
    /// Of those, well-formed syllables.
    pub valid: usize,
    /// Of those, frequent syllables.
    pub common: usize,
}

impl Score {
    pub fn valid_frac(&self) -> f64 {
        if self.words == 0 {
            0.0
        } else {
            self.valid as f64 / self.words as f64
        }
    }

    pub fn common_frac(&self) -> f64 {
        if self.words == 0 {
            0.0
        } else {
            self.common as f64 / self.words as f64
        }
    }

    /// One number to rank candidates by.
    pub fn rank(&self) -> f64 {
        self.valid_frac() + self.common_frac()
    }
}

/// Scores decoded `text`; `bad` undecodable bytes count as failed words.
pub(crate) fn score(text: &str, bad: usize) -> Score {
    let mut s = Score { words: bad, ..Score::default() };
    let mut word = String::new();
    let flush = |word: &mut String, s: &mut Score| {
        if !word.is_empty() && !word.is_ascii() {
            s.words += 1;
            let lower: String = word.nfc().flat_map(char::to_lowercase).collect();
            if is_syllable(&lower) {
                s.valid += 1;
                if common().contains(lower.as_str()) {
                    s.common += 1;
                }
            }
        }
        word.clear();
    };
    for c in text.chars() {
        if c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c) {
            word.push(c);
        } else {
            flush(&mut word, &mut s);
        }
    }
    flush(&mut word, &mut s);
    s
}

const INITIALS: [&str; 28] = [
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "th", "tr", "qu", "b", "c", "d", "đ", "g", "h", "k", "l", "m",
    "n", "p", "r", "s", "t", "v", "x", "",
];
const FINALS: [&str; 9] = ["ch", "ng", "nh", "c", "m", "n", "p", "t", ""];
const NUCLEI: [&str; 50] = [
    "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia",
    "iê", "iu", "oa", "oă", "oe", "oi", "ôi", "ơi", "oo", "ua", "uâ", "uê", "ui", "uô", "uơ", "uy", "ưa", "ưi", "ươ",
    "ưu", "yê", "iêu", "yêu", "oai", "oay", "uây", "uôi", "uya", "uyê",
];
const NUCLEI_MORE: [&str; 6] = ["uyu", "ươi", "ươu", "oeo", "oao", "ôô"];

/// Whether a lowercase NFC word is one well-formed Vietnamese syllable.
pub(crate) fn is_syllable(word: &str) -> bool {
    // Strip the tone: at most one.
    let mut bare = String::with_capacity(word.len());
    let mut tones = 0;
    for c in word.nfd() {
        match c {
            '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}' => tones += 1,
            _ => bare.push(c),
        }
    }
    if tones > 1 {
        return false;
    }
    let bare: String = bare.nfc().collect();
    if !bare.chars().all(|c| "aăâbcdđeêghiklmnoôơpqrstuưvxy".contains(c)) {
        return false;
    }
    for ini in INITIALS {
        let Some(rest) = bare.strip_prefix(ini) else { continue };
        // "gì", "gịt": the i of gi is the vowel when nothing follows.
        let rest_owned;
        let rest = if ini == "gi" && !rest.starts_with(|c: char| "aăâeêoôơuưy".contains(c)) {
            rest_owned = format!("i{rest}");
            rest_owned.as_str()
        } else {
            rest
        };
        for fin in FINALS {
            if let Some(nucleus) = rest.strip_suffix(fin) {
                if NUCLEI.contains(&nucleus) || NUCLEI_MORE.contains(&nucleus) {
                    return true;
                }
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables() {
        for w in [
            "của",
            "người",
            "quyết",
            "định",
            "giữ",
            "gì",
            "khuyến",
            "thuyền",
            "nghiêng",
            "oái",
            "ủy",
            "hóa",
            "hoá",
            "đường",
            "xoong",
        ] {
            assert!(is_syllable(w), "{w}");
        }
        for w in ["cafộ", "ẠỮẩ", "qđ", "nđ", "xyz", "áà", "ưaư", "tỉnhh"] {
            assert!(!is_syllable(w), "{w}");
        }
    }

    #[test]
    fn common_list_is_nfc_lowercase_syllables() {
        for w in common() {
            assert_eq!(w.nfc().collect::<String>(), *w);
            assert_eq!(w.to_lowercase(), *w);
            assert!(is_syllable(w), "{w}");
        }
    }

    #[test]
    fn scores_vietnamese_above_noise() {
        let good = score("Ủy ban nhân dân tỉnh quyết định giao nhiệm vụ cho các sở.", 0);
        assert_eq!(good.valid, good.words);
        assert!(good.common_frac() > 0.5);
        let bad = score("cafộ ẠỮẩ ờq ưaư", 0);
        assert_eq!(bad.valid, 0);
    }
}
